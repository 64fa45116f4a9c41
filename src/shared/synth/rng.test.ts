import { describe, expect, it } from 'vitest';
import { gaussianTable, hashInts, Rng } from './rng';

describe('Rng', () => {
  it('is deterministic per seed and differs across seeds', () => {
    const a = new Rng(42), b = new Rng(42), c = new Rng(43);
    const xa = Array.from({ length: 8 }, () => a.nextU32());
    const xb = Array.from({ length: 8 }, () => b.nextU32());
    const xc = Array.from({ length: 8 }, () => c.nextU32());
    expect(xa).toEqual(xb);
    expect(xa).not.toEqual(xc);
  });

  it('gives uniform values in [0,1) and integers in range', () => {
    const r = new Rng(1);
    let sum = 0;
    for (let i = 0; i < 20000; i++) {
      const v = r.next();
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThan(1);
      sum += v;
    }
    expect(sum / 20000).toBeCloseTo(0.5, 1);
    const seen = new Set<number>();
    for (let i = 0; i < 500; i++) seen.add(r.int(3, 7));
    expect([...seen].sort()).toEqual([3, 4, 5, 6, 7]);
  });

  it('gaussian has mean 0 and sd 1', () => {
    const r = new Rng(7);
    const xs = Array.from({ length: 20000 }, () => r.gaussian());
    const m = xs.reduce((a, b) => a + b, 0) / xs.length;
    const sd = Math.sqrt(xs.reduce((a, b) => a + (b - m) ** 2, 0) / xs.length);
    expect(Math.abs(m)).toBeLessThan(0.03);
    expect(Math.abs(sd - 1)).toBeLessThan(0.03);
    const t = gaussianTable();
    expect(t.length).toBe(65536);
    expect(gaussianTable()).toBe(t); // cached
  });

  it('shuffle is a permutation; hashInts is stable and order-sensitive', () => {
    const xs = new Rng(3).shuffle([1, 2, 3, 4, 5, 6]);
    expect([...xs].sort()).toEqual([1, 2, 3, 4, 5, 6]);
    expect(hashInts(1, 2, 3)).toBe(hashInts(1, 2, 3));
    expect(hashInts(1, 2, 3)).not.toBe(hashInts(3, 2, 1));
  });
});
