import { describe, expect, it } from 'vitest';
import { LossSmoother, lossDiverged, lrFinderLr, suggestValley } from './lrSuggest';

describe('lr finder pieces', () => {
  it('ramps the lr exponentially from 1e-7 to 10 over 100 iterations', () => {
    expect(lrFinderLr(0, 100)).toBeCloseTo(1e-7, 20);
    expect(lrFinderLr(50, 100)).toBeCloseTo(1e-3, 12);
    expect(lrFinderLr(100, 100)).toBeCloseTo(10, 9);
  });

  it('smooths with beta 0.98 and debiases: a constant loss stays constant', () => {
    const s = new LossSmoother();
    for (let i = 0; i < 5; i++) expect(s.add(2)).toBeCloseTo(2, 12);
    const t = new LossSmoother(0.5);
    t.add(1);
    // avg = 0.5·(0.5·1) + 0.5·3 = 1.75; debias 1 - 0.25 → 2.333…
    expect(t.add(3)).toBeCloseTo(1.75 / 0.75, 12);
  });

  it('stops on divergence (> 4× best) and on NaN', () => {
    expect(lossDiverged(4.1, 1)).toBe(true);
    expect(lossDiverged(3.9, 1)).toBe(false);
    expect(lossDiverged(Number.NaN, 1)).toBe(true);
  });
});

describe('suggestValley (fastai valley)', () => {
  it('picks the middle of the longest decreasing stretch of a synthetic lr-finder curve', () => {
    const numIt = 100;
    const lrs = Array.from({ length: numIt }, (_, i) => lrFinderLr(i, numIt));
    // flat until 1e-5, falling from 1e-5 to 1e-2 (log-linear), then exploding
    const losses = lrs.map((lr) => {
      const x = Math.log10(lr);
      if (x < -5) return 2.3;
      if (x < -2) return 2.3 - 0.7 * (x + 5);
      return 0.2 + 3 * (x + 2) ** 2;
    });
    const s = suggestValley(lrs, losses, { numIt });
    expect(s).not.toBeNull();
    // the falling part spans 1e-5..1e-2; valley lands a bit before its middle: ~3e-4
    expect(s!.lr).toBeGreaterThan(1e-4);
    expect(s!.lr).toBeLessThan(1e-3);
    expect(lrs[s!.index]).toBe(s!.lr);
  });

  it('matches fastai on a hand-checked small curve and gives up on too few points', () => {
    const lrs = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    const losses = [5, 4, 3, 2, 1, 0.5, 0.4, 9, 9, 9];
    // skip 1 at the start (numIt 10), none at the end: l = [4,3,2,1,.5,.4,9,9,9]; longest run ends at 5 with
    // length 6 → start -1, sections 2, idx -1+2+1 = 2 → global 3
    expect(suggestValley(lrs, losses, { skipEnd: 0 })).toEqual({ lr: 4, index: 3 });
    expect(suggestValley([1, 2], [1, 0])).toBeNull();
  });
});
