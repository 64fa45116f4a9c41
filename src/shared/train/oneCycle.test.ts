import { describe, expect, it } from 'vitest';
import { combinedCos, cosineAnneal, discriminativeLrs, oneCycle, oneCycleMomentum } from './oneCycle';

describe('oneCycle (fastai fit_one_cycle)', () => {
  const total = 100;
  const lr = (step: number) => oneCycle({ step, totalSteps: total, maxLr: 1e-3 });

  it('starts at maxLr/25, peaks at maxLr after 25% of the steps, ends near maxLr/1e5', () => {
    expect(lr(0)).toBeCloseTo(1e-3 / 25, 12);
    expect(lr(25)).toBeCloseTo(1e-3, 12);
    expect(oneCycle({ step: total, totalSteps: total, maxLr: 1e-3 })).toBeCloseTo(1e-8, 14);
    // the last real step (pos 99/100) is just above the final value
    expect(lr(99)).toBeGreaterThan(1e-8);
    expect(lr(99)).toBeLessThan(1e-6);
    // halfway up the warm-up the cosine is at the mean of start and peak
    expect(oneCycle({ step: 1, totalSteps: 8, maxLr: 1, pctStart: 0.25 })).toBeCloseTo((1 / 25 + 1) / 2, 12);
  });

  it('rises monotonically to the peak and falls monotonically after it', () => {
    for (let s = 1; s <= 25; s++) expect(lr(s)).toBeGreaterThan(lr(s - 1));
    for (let s = 26; s < total; s++) expect(lr(s)).toBeLessThan(lr(s - 1));
  });

  it('honours pctStart/div/divFinal (the fine_tune unfrozen phase: 0.3, 5)', () => {
    const o = { totalSteps: 10, maxLr: 1e-3, pctStart: 0.3, div: 5 };
    expect(oneCycle({ ...o, step: 0 })).toBeCloseTo(2e-4, 12);
    expect(oneCycle({ ...o, step: 3 })).toBeCloseTo(1e-3, 12);
    expect(() => oneCycle({ ...o, step: 0, totalSteps: 0 })).toThrow(RangeError);
  });

  it('cycles beta1 0.95 → 0.85 → 0.95 opposite to the lr', () => {
    const mom = (step: number) => oneCycleMomentum({ step, totalSteps: total });
    expect(mom(0)).toBeCloseTo(0.95, 12);
    expect(mom(25)).toBeCloseTo(0.85, 12);
    expect(oneCycleMomentum({ step: total, totalSteps: total })).toBeCloseTo(0.95, 12);
    for (let s = 1; s <= 25; s++) expect(mom(s)).toBeLessThan(mom(s - 1));
    for (let s = 26; s <= total; s++) expect(mom(s)).toBeGreaterThan(mom(s - 1));
  });

  it('cosine pieces match fastai SchedCos / combined_cos', () => {
    expect(cosineAnneal(2, 4, 0)).toBe(2);
    expect(cosineAnneal(2, 4, 0.5)).toBeCloseTo(3, 12);
    expect(cosineAnneal(2, 4, 1)).toBeCloseTo(4, 12);
    expect(combinedCos(0.5, 0, 1, 0, 0.25)).toBeCloseTo(0.5, 12);
    expect(combinedCos(1, 0, 1, 0, 1)).toBe(1);
  });
});

describe('discriminativeLrs (fastai slice(lr/100, lr))', () => {
  it('spreads geometrically from maxLr/100 (first body group) to maxLr (head)', () => {
    const lrs = discriminativeLrs(1e-3, 3);
    expect(lrs[0]).toBeCloseTo(1e-5, 15);
    expect(lrs[1]).toBeCloseTo(1e-4, 14);
    expect(lrs[2]).toBe(1e-3);
    const five = discriminativeLrs(1e-3, 5);
    for (let i = 1; i < 5; i++) expect(five[i] / five[i - 1]).toBeCloseTo(10 ** 0.5, 10);
    expect(discriminativeLrs(1e-3, 1)).toEqual([1e-3]);
    expect(() => discriminativeLrs(1e-3, 0)).toThrow(RangeError);
  });
});
