import { describe, expect, it } from 'vitest';
import { FINE_TUNE_DEFAULTS, fineTunePlan, phaseHyper, phaseMaxLrs } from './fineTune';

describe('fineTunePlan (fastai fine_tune)', () => {
  it('uses fastai defaults: 1 frozen epoch at base_lr, then slice(base_lr/2/100, base_lr/2) with pct 0.3, div 5', () => {
    expect(FINE_TUNE_DEFAULTS).toMatchObject({ baseLr: 2e-3, freezeEpochs: 1, lrMult: 100, pctStart: 0.3, div: 5 });
    const [frozen, unfrozen] = fineTunePlan({ epochs: 4 });
    expect(frozen).toMatchObject({ name: 'frozen', frozen: true, epochs: 1, maxLr: 2e-3, pctStart: 0.99, div: 25, divFinal: 1e5 });
    expect(unfrozen).toMatchObject({ name: 'unfrozen', frozen: false, epochs: 4, maxLr: 1e-3, lrMult: 100, pctStart: 0.3, div: 5 });
    const lrs = phaseMaxLrs(unfrozen, 5);
    expect(lrs[0]).toBeCloseTo(1e-5, 15);
    expect(lrs[4]).toBe(1e-3);
    // slice(base_lr) in the frozen phase: head base_lr, body base_lr/10 (unused: the body is frozen)
    expect(phaseMaxLrs(frozen, 3)).toEqual([2e-4, 2e-4, 2e-3]);
  });

  it('drops empty phases and validates numbers', () => {
    expect(fineTunePlan({ epochs: 3, freezeEpochs: 0 }).map((p) => p.name)).toEqual(['unfrozen']);
    expect(fineTunePlan({ epochs: 0 }).map((p) => p.name)).toEqual(['frozen']);
    expect(() => fineTunePlan({ epochs: 1.5 })).toThrow(RangeError);
    expect(() => fineTunePlan({ epochs: 1, baseLr: 0 })).toThrow(RangeError);
  });

  it('from scratch, the unfrozen phase is fit_one_cycle over every layer: one lr, base_lr itself, pct 0.25, div 25', () => {
    const [phase, ...rest] = fineTunePlan({ epochs: 6, freezeEpochs: 0, baseLr: 3e-3, scratch: true });
    expect(rest).toEqual([]);
    expect(phase).toMatchObject({ name: 'unfrozen', frozen: false, epochs: 6, maxLr: 3e-3, lrMult: 1, pctStart: 0.25, div: 25, divFinal: 1e5 });
    expect(phaseMaxLrs(phase, 3)).toEqual([3e-3, 3e-3, 3e-3]);
    expect(phaseHyper(phase, 3, 0, 100).lrs).toEqual([3e-3 / 25, 3e-3 / 25, 3e-3 / 25].map((x) => expect.closeTo(x, 12)));
    // a frozen phase asked for still comes first, as fine_tune's
    expect(fineTunePlan({ epochs: 2, freezeEpochs: 1, scratch: true }).map((p) => p.name)).toEqual(['frozen', 'unfrozen']);
  });

  it('phaseHyper gives per-group one-cycle lrs and the momentum at a step', () => {
    const unfrozen = fineTunePlan({ epochs: 2 })[1];
    const start = phaseHyper(unfrozen, 5, 0, 100);
    expect(start.lrs[4]).toBeCloseTo(1e-3 / 5, 12);
    expect(start.lrs[0]).toBeCloseTo(1e-5 / 5, 14);
    expect(start.beta1).toBeCloseTo(0.95, 12);
    const peak = phaseHyper(unfrozen, 5, 30, 100);
    expect(peak.lrs[4]).toBeCloseTo(1e-3, 12);
    expect(peak.beta1).toBeCloseTo(0.85, 12);
  });
});
