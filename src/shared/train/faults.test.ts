import { describe, expect, it } from 'vitest';
import { isDeviceLost, isOutOfMemory, parseFault, parseFaultSpecs, SYNTHETIC_MESSAGE } from './faults';

describe('fault injection (test only)', () => {
  it('parses kind@step and rejects anything else', () => {
    expect(parseFault('oom@2', true)).toEqual({ kind: 'oom', step: 2 });
    expect(parseFault('device-lost@12', true)).toEqual({ kind: 'device-lost', step: 12 });
    for (const bad of [null, '', 'oom@', 'oom@-1', 'fire@2', 'oom@2x']) expect(parseFault(bad, true)).toBeNull();
    // A bare name is its first occurrence, as for every ?fault= name (one parser, counting from 0).
    expect(parseFault('oom', true)).toEqual({ kind: 'oom', step: 0 });
  });

  it('reads a comma-separated list with the inference and checkpoint kinds; the training one is still found', () => {
    expect(parseFaultSpecs('predict-oom@1, evaluate-device-lost@0,slow-checkpoint@1,oom@3', true)).toEqual([
      { kind: 'predict-oom', step: 1 }, { kind: 'evaluate-device-lost', step: 0 }, { kind: 'slow-checkpoint', step: 1 }, { kind: 'oom', step: 3 },
    ]);
    expect(parseFault('predict-oom@1,device-lost@9', true)).toEqual({ kind: 'device-lost', step: 9 });
    expect(parseFault('predict-oom@1', true)).toBeNull();
    expect(parseFaultSpecs('predict-fire@1,quota-import@2,predict-oom@x', true)).toEqual([]);
    expect(parseFaultSpecs('inflate-valid-loss@1,slow-checkpoint@2', true)).toEqual([{ kind: 'inflate-valid-loss', step: 1 }, { kind: 'slow-checkpoint', step: 2 }]);
    expect(parseFaultSpecs('inflate-valid-loss@1', false)).toEqual([]);
  });

  it('classifies real and synthetic errors of the backends', () => {
    expect(isOutOfMemory(new Error(SYNTHETIC_MESSAGE.oom(2)))).toBe(true);
    expect(isDeviceLost(new Error(SYNTHETIC_MESSAGE['device-lost'](2)))).toBe(true);
    expect(isOutOfMemory(new Error(SYNTHETIC_MESSAGE.oom(1, 'predict-oom')))).toBe(true);
    expect(SYNTHETIC_MESSAGE.oom(1, 'predict-oom')).toContain('?fault=predict-oom@1');
    expect(isDeviceLost(new Error(SYNTHETIC_MESSAGE['device-lost'](0, 'evaluate-device-lost')))).toBe(true);
    expect(isOutOfMemory(new RangeError('Array buffer allocation failed'))).toBe(true);
    expect(isOutOfMemory(new Error('Cannot enlarge memory, requested 2147483648 bytes'))).toBe(true);
    expect(isOutOfMemory(new Error('Out of memory.'))).toBe(true);
    expect(isDeviceLost(new Error('Device was lost: Device destroyed'))).toBe(true);
    expect(isDeviceLost(new Error('WebGL context lost.'))).toBe(true);
    // a lost device that fails allocations is a lost device, not an OOM
    expect(isOutOfMemory(new Error('Failed to allocate: device is lost'))).toBe(false);
    expect(isOutOfMemory(new Error('shapes do not match'))).toBe(false);
    expect(isDeviceLost(new Error('shapes do not match'))).toBe(false);
  });
});
