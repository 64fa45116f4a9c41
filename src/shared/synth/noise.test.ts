import { describe, expect, it } from 'vitest';
import { cellularNoise, fractalNoise, valueNoise } from './noise';
import { Rng } from './rng';

const range = (a: Float32Array) => [Math.min(...a), Math.max(...a)];

describe('noise', () => {
  it('valueNoise is in [0,1], deterministic and smooth at its cell size', () => {
    const a = valueNoise(60, 40, 10, new Rng(1));
    const b = valueNoise(60, 40, 10, new Rng(1));
    expect(a).toEqual(b);
    const [lo, hi] = range(a);
    expect(lo).toBeGreaterThanOrEqual(0);
    expect(hi).toBeLessThanOrEqual(1);
    let maxStep = 0;
    for (let i = 0; i < a.length - 1; i++) if ((i + 1) % 60 !== 0) maxStep = Math.max(maxStep, Math.abs(a[i + 1] - a[i]));
    expect(maxStep).toBeLessThan(0.25); // at most ~1.5/cell per pixel
  });

  it('fractalNoise is stretched to [0,1], on both the direct and the downsampled path', () => {
    for (const cell of [8, 200]) {
      const n = fractalNoise(300, 200, cell, 3, 0.5, new Rng(2));
      expect(n.length).toBe(300 * 200);
      const [lo, hi] = range(n);
      expect(lo).toBeGreaterThanOrEqual(0);
      // The coarse path normalises over a slightly larger grid, so its extremes may fall just outside.
      expect(lo).toBeLessThan(0.1);
      expect(hi).toBeGreaterThan(0.9);
      expect(hi).toBeLessThanOrEqual(1.0001);
    }
  });

  it('cellularNoise: f1 <= f2, f1 bounded by the cell size, ids constant inside a cell', () => {
    const cell = 12;
    const { f1, f2, id } = cellularNoise(80, 50, cell, new Rng(3));
    for (let i = 0; i < f1.length; i++) {
      expect(f1[i]).toBeLessThanOrEqual(f2[i]);
      expect(f1[i]).toBeLessThan(cell * 1.5);
    }
    expect(new Set(id).size).toBeGreaterThan(10);
  });
});
