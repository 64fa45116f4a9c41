import { describe, expect, it } from 'vitest';
import { parseAppParams } from './params';

describe('parseAppParams', () => {
  it('has the documented defaults', () => {
    expect(parseAppParams('')).toEqual({
      backend: null, backbone: 'resnet50', pretrained: 'auto', schedule: null, batch: null, seed: null, valid: null, model: null, faults: [],
    });
  });
  it('reads every contract parameter', () => {
    const p = parseAppParams('?backend=wasm&backbone=resnet50-tiny&pretrained=none&schedule=32x2,48x1&batch=16&seed=7&valid=0.25&model=models/a.zip');
    expect(p).toEqual({
      backend: 'wasm', backbone: 'resnet50-tiny', pretrained: 'none', schedule: '32x2,48x1', batch: 16, seed: 7, valid: 0.25, model: 'models/a.zip',
      faults: [],
    });
  });
  it('reads the test-only fault list in a test build only', () => {
    expect(parseAppParams('?fault=quota-import@2,render-data', true).faults).toEqual([{ name: 'quota-import', at: 2 }, { name: 'render-data', at: 0 }]);
    expect(parseAppParams('?fault=quota-import@2,render-data', false).faults).toEqual([]);
    expect(parseAppParams('?fault=quota-import@2').faults).toEqual([]);
  });
  it('ignores values out of range instead of guessing', () => {
    const p = parseAppParams('?backend=metal&batch=-3&seed=abc&valid=1.5');
    expect(p.backend).toBeNull();
    expect(p.batch).toBeNull();
    expect(p.seed).toBeNull();
    expect(p.valid).toBeNull();
  });
});
