import { ONE_CYCLE_DEFAULTS, discriminativeLrs, oneCycle, oneCycleMomentum } from './oneCycle';

// fastai `Learner.fine_tune` (fastai/callback/schedule.py):
//   def fine_tune(self, epochs, base_lr=2e-3, freeze_epochs=1, lr_mult=100, pct_start=0.3, div=5.0, **kwargs):
//       self.freeze()
//       self.fit_one_cycle(freeze_epochs, slice(base_lr), pct_start=0.99, **kwargs)
//       base_lr /= 2
//       self.unfreeze()
//       self.fit_one_cycle(epochs, slice(base_lr/lr_mult, base_lr), pct_start=pct_start, div=div, **kwargs)

export const FINE_TUNE_DEFAULTS = {
  baseLr: 2e-3,
  freezeEpochs: 1,
  lrMult: 100,
  pctStart: 0.3,
  div: 5,
  /** the frozen phase warms up for almost its whole length */
  frozenPctStart: 0.99,
} as const;

export interface FineTunePhase {
  name: 'frozen' | 'unfrozen';
  /** frozen: only the head trains, the body runs in inference mode */
  frozen: boolean;
  epochs: number;
  /** the head's peak lr; the body groups' peaks follow `lrMult` */
  maxLr: number;
  /**
   * Ratio head/first body group. fastai's `slice(lr)` (frozen phase) gives every body group lr/10; it does
   * not matter there because the body gets no updates, and 10 keeps that meaning.
   */
  lrMult: number;
  /** 'slice': geometric from maxLr/lrMult to maxLr (fastai `slice(a, b)`); 'flat': body lr/lrMult (`slice(b)`) */
  spread: 'slice' | 'flat';
  pctStart: number;
  div: number;
  divFinal: number;
}

export interface FineTuneOptions {
  epochs: number;
  freezeEpochs?: number;
  baseLr?: number;
  lrMult?: number;
  pctStart?: number;
  div?: number;
  /**
   * Random weights: the unfrozen phase is fastai's `fit_one_cycle(epochs, base_lr)` over every layer (one
   * lr, not halved, not spread; fit_one_cycle's pct_start 0.25 and div 25) instead of fine_tune's.
   */
  scratch?: boolean;
}

/** The two phases of fastai's `fine_tune` (the frozen one is left out when `freezeEpochs` is 0; `scratch`: see above). */
export function fineTunePlan(o: FineTuneOptions): FineTunePhase[] {
  const freezeEpochs = o.freezeEpochs ?? FINE_TUNE_DEFAULTS.freezeEpochs;
  const baseLr = o.baseLr ?? FINE_TUNE_DEFAULTS.baseLr;
  if (!Number.isInteger(o.epochs) || o.epochs < 0) throw new RangeError(`epochs must be a whole number ≥ 0 (got ${o.epochs})`);
  if (!Number.isInteger(freezeEpochs) || freezeEpochs < 0) {
    throw new RangeError(`freezeEpochs must be a whole number ≥ 0 (got ${freezeEpochs})`);
  }
  if (!(baseLr > 0)) throw new RangeError(`baseLr must be positive (got ${baseLr})`);
  const phases: FineTunePhase[] = [];
  if (freezeEpochs > 0) {
    phases.push({
      name: 'frozen', frozen: true, epochs: freezeEpochs, maxLr: baseLr, lrMult: 10, spread: 'flat',
      pctStart: FINE_TUNE_DEFAULTS.frozenPctStart, div: ONE_CYCLE_DEFAULTS.div, divFinal: ONE_CYCLE_DEFAULTS.divFinal,
    });
  }
  if (o.epochs > 0 && o.scratch) {
    phases.push({
      name: 'unfrozen', frozen: false, epochs: o.epochs, maxLr: baseLr, lrMult: 1, spread: 'slice',
      pctStart: o.pctStart ?? ONE_CYCLE_DEFAULTS.pctStart, div: o.div ?? ONE_CYCLE_DEFAULTS.div, divFinal: ONE_CYCLE_DEFAULTS.divFinal,
    });
  } else if (o.epochs > 0) {
    phases.push({
      name: 'unfrozen', frozen: false, epochs: o.epochs, maxLr: baseLr / 2, lrMult: o.lrMult ?? FINE_TUNE_DEFAULTS.lrMult,
      spread: 'slice', pctStart: o.pctStart ?? FINE_TUNE_DEFAULTS.pctStart, div: o.div ?? FINE_TUNE_DEFAULTS.div,
      divFinal: ONE_CYCLE_DEFAULTS.divFinal,
    });
  }
  return phases;
}

/** Peak lr of each parameter group (body groups first, head last) in a phase. */
export function phaseMaxLrs(phase: FineTunePhase, groups: number): number[] {
  if (phase.spread === 'slice') return discriminativeLrs(phase.maxLr, groups, phase.lrMult);
  return Array.from({ length: groups }, (_, i) => (i === groups - 1 ? phase.maxLr : phase.maxLr / phase.lrMult));
}

export interface StepHyper {
  /** one lr per parameter group, head last */
  lrs: number[];
  /** Adam beta1 */
  beta1: number;
}

/** Learning rates and momentum at `step` of `totalSteps` within a phase: each group follows its own one cycle. */
export function phaseHyper(phase: FineTunePhase, groups: number, step: number, totalSteps: number): StepHyper {
  const lrs = phaseMaxLrs(phase, groups).map((maxLr) =>
    oneCycle({ step, totalSteps, maxLr, pctStart: phase.pctStart, div: phase.div, divFinal: phase.divFinal }),
  );
  return { lrs, beta1: oneCycleMomentum({ step, totalSteps, pctStart: phase.pctStart }) };
}
