import { describe, expect, it } from 'vitest';
import { basicStats, downscale, meanAbsDiff } from './stats';

describe('stats', () => {
  it('downscale averages blocks', () => {
    const img = { width: 4, height: 2, data: new Uint8Array([0, 0, 255, 255, 0, 0, 255, 255]) };
    expect(Array.from(downscale(img, 2, 1))).toEqual([0, 1]);
  });

  it('basicStats of a flat and a checkered image', () => {
    expect(basicStats(new Float32Array(16).fill(0.5), 4, 4)).toEqual([0.5, 0, 0]);
    const checker = Float32Array.from({ length: 16 }, (_, i) => ((i % 4) + (i >> 2)) % 2);
    const [m, s, e] = basicStats(checker, 4, 4);
    expect(m).toBeCloseTo(0.5);
    expect(s).toBeCloseTo(0.5);
    expect(e).toBeCloseTo(2);
  });

  it('meanAbsDiff', () => {
    const a = { width: 2, height: 1, data: new Uint8Array([10, 20]) };
    const b = { width: 2, height: 1, data: new Uint8Array([13, 10]) };
    expect(meanAbsDiff(a, b)).toBe(6.5);
  });
});
