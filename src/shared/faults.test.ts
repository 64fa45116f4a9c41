import { describe, expect, it } from 'vitest';
import { faultAt, faultsFromSearch, parseFaults, TEST_BUILD } from './faults';
import { parseFaultSpecs } from './train/faults';

describe('parseFaults (one parser, counting from 0)', () => {
  it('reads a comma-separated list of name@n, a bare name meaning the first occurrence (0)', () => {
    const f = parseFaults('quota-import@2, oom@3,render-data', true);
    expect(f).toEqual([{ name: 'quota-import', at: 2 }, { name: 'oom', at: 3 }, { name: 'render-data', at: 0 }]);
    expect(faultAt(f, 'quota-import')).toBe(2);
    expect(faultAt(f, 'render-data')).toBe(0);
    expect(faultAt(f, 'other')).toBeNull();
  });
  it('ignores malformed entries and an absent parameter', () => {
    expect(parseFaults(null, true)).toEqual([]);
    expect(parseFaults('@2,quota-import@x,<script>,quota-import@0', true)).toEqual([{ name: 'quota-import', at: 0 }]);
  });
  it('the training faults read the same list the same way (both 0-based)', () => {
    const value = 'oom@2,quota-import@2,predict-device-lost@0';
    expect(parseFaultSpecs(value, true)).toEqual([{ kind: 'oom', step: 2 }, { kind: 'predict-device-lost', step: 0 }]);
    expect(faultAt(parseFaults(value, true), 'oom')).toBe(2);
  });
});

describe('?fault= outside a test build', () => {
  it('is ignored: a shared link cannot fake a full disk or an out-of-memory error in production', () => {
    const search = '?model=x&fault=quota-import@1,oom@0,render-data';
    expect(faultsFromSearch(search, false)).toEqual([]);
    expect(parseFaultSpecs('oom@0,device-lost@1', false)).toEqual([]);
    // Unit tests run unbundled: no build flag, so the default is "not a test build".
    expect(TEST_BUILD).toBe(false);
    expect(faultsFromSearch(search)).toEqual([]);
  });
});

describe('the build flag behind ?fault= (vite.config.ts)', () => {
  it('is true only for the e2e test build: `npm run build` (production) and the dev server get false', async () => {
    const { default: config } = await import('../../vite.config');
    const define = (mode: string, command: 'build' | 'serve' = 'build') =>
      (typeof config === 'function' ? config({ mode, command }) : config) as { define?: Record<string, string> };
    expect(define('e2e').define?.__TEST_FAULTS__).toBe('true');
    expect(define('production').define?.__TEST_FAULTS__).toBe('false');
    expect(define('development', 'serve').define?.__TEST_FAULTS__).toBe('false');
  });
});
