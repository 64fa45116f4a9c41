// fastai's one-cycle policy (fastai/callback/schedule.py, `fit_one_cycle`):
//   lr:  combined_cos(pct_start, lr_max/div, lr_max, lr_max/div_final)
//   mom: combined_cos(pct_start, 0.95, 0.85, 0.95)   (Adam's beta1)
// where combined_cos warms up with half a cosine over the first pct_start of training and anneals with
// another half cosine over the rest. Position is step/totalSteps, as fastai's `pct_train`: it starts at 0
// and the last step sees (n-1)/n, so the very last lr is a hair above the final value.

/** fastai `fit_one_cycle` defaults */
export const ONE_CYCLE_DEFAULTS = { pctStart: 0.25, div: 25, divFinal: 1e5, moms: [0.95, 0.85, 0.95] } as const;

/** fastai `SchedCos`: from `start` at pos 0 to `end` at pos 1 along half a cosine. */
export function cosineAnneal(start: number, end: number, pos: number): number {
  return start + ((1 + Math.cos(Math.PI * (1 - pos))) * (end - start)) / 2;
}

/** fastai `combined_cos(pct, start, middle, end)` at position `pos` in [0, 1]. */
export function combinedCos(pct: number, start: number, middle: number, end: number, pos: number): number {
  const p = Math.min(1, Math.max(0, pos));
  // fastai's combine_scheds gives pos == pct to the second phase; pct 0 or 1 leaves one phase only.
  if (p < pct) return cosineAnneal(start, middle, p / pct);
  if (pct >= 1) return middle;
  return cosineAnneal(middle, end, (p - pct) / (1 - pct));
}

export interface OneCycleOptions {
  /** 0-based step within the cycle */
  step: number;
  totalSteps: number;
  maxLr: number;
  /** share of the steps spent warming up (fastai: 0.25) */
  pctStart?: number;
  /** start lr = maxLr / div (fastai: 25) */
  div?: number;
  /** final lr = maxLr / divFinal (fastai: 1e5) */
  divFinal?: number;
}

function position(step: number, totalSteps: number): number {
  if (!(totalSteps > 0)) throw new RangeError(`totalSteps must be positive (got ${totalSteps})`);
  return step / totalSteps;
}

/** Learning rate at `step` of a one-cycle schedule. */
export function oneCycle(o: OneCycleOptions): number {
  const pct = o.pctStart ?? ONE_CYCLE_DEFAULTS.pctStart;
  const div = o.div ?? ONE_CYCLE_DEFAULTS.div;
  const divFinal = o.divFinal ?? ONE_CYCLE_DEFAULTS.divFinal;
  return combinedCos(pct, o.maxLr / div, o.maxLr, o.maxLr / divFinal, position(o.step, o.totalSteps));
}

export interface OneCycleMomentumOptions {
  step: number;
  totalSteps: number;
  pctStart?: number;
  /** [start, middle, end] (fastai: 0.95, 0.85, 0.95): momentum falls while the lr rises */
  moms?: readonly [number, number, number];
}

/** Adam beta1 at `step`, cycled opposite to the learning rate. */
export function oneCycleMomentum(o: OneCycleMomentumOptions): number {
  const pct = o.pctStart ?? ONE_CYCLE_DEFAULTS.pctStart;
  const [a, b, c] = o.moms ?? ONE_CYCLE_DEFAULTS.moms;
  return combinedCos(pct, a, b, c, position(o.step, o.totalSteps));
}

/**
 * fastai's `slice(maxLr / lrMult, maxLr)` spread over `groups` parameter groups (`even_mults`): a geometric
 * series from the first body group to the head, which gets `maxLr`. One group: just `maxLr`.
 */
export function discriminativeLrs(maxLr: number, groups: number, lrMult = 100): number[] {
  if (!Number.isInteger(groups) || groups < 1) throw new RangeError(`groups must be a positive integer (got ${groups})`);
  if (groups === 1) return [maxLr];
  const start = maxLr / lrMult;
  const ratio = (maxLr / start) ** (1 / (groups - 1));
  return Array.from({ length: groups }, (_, i) => (i === groups - 1 ? maxLr : start * ratio ** i));
}
