import { describe, expect, it } from 'vitest';
import { faultAt, parseFaults } from './faults';

describe('parseFaults', () => {
  it('reads a comma-separated list of name@n, a bare name meaning the first occurrence', () => {
    const f = parseFaults('quota-import@2, oom@3,render-data');
    expect(f).toEqual([{ name: 'quota-import', at: 2 }, { name: 'oom', at: 3 }, { name: 'render-data', at: 1 }]);
    expect(faultAt(f, 'quota-import')).toBe(2);
    expect(faultAt(f, 'render-data')).toBe(1);
    expect(faultAt(f, 'other')).toBeNull();
  });
  it('ignores malformed entries and an absent parameter', () => {
    expect(parseFaults(null)).toEqual([]);
    expect(parseFaults('@2,quota-import@x,<script>,quota-import@0')).toEqual([{ name: 'quota-import', at: 1 }]);
  });
});
