// The classical baseline shown beside every result: texture features (lbp.ts) of the same training and
// validation images the network used, into a multinomial logistic regression (logistic.ts). If a network
// does not beat this, it has not learnt more than the images' texture statistics.

import { fitLogistic, predictLogistic } from './logistic';
import { computeMetrics } from './metrics';
import type { EvalItem } from './types';

/** Short name in data-method, metrics.json and the report. */
export const BASELINE_METHOD = 'lbp-logreg';
export const BASELINE_LABEL = 'baseline: LBP texture + logistic regression';
export const BASELINE_DESCRIPTION = 'uniform LBP histograms (8 neighbours at radii 1, 2, 3 px) and grey-level statistics of each image, above its data bar, into a class-balanced multinomial logistic regression';

export interface BaselineResult {
  method: string;
  accuracy: number;
  /** macro F1 */
  f1: number;
  trainImages: number;
  validImages: number;
  /** wall-clock time of features + fit, for the hint */
  seconds: number;
  /** per validation image, same order as the evaluation */
  items: EvalItem[];
}

export interface LabelledFeatures {
  features: ArrayLike<number>;
  label: number;
}

/** Fits on `train`, predicts `valid`; items carry the valid images' hash and path for the per-image views. */
export function runBaseline(
  train: readonly LabelledFeatures[],
  valid: readonly (LabelledFeatures & { hash: string; path: string })[],
  classNames: readonly string[],
  seconds = 0,
): BaselineResult {
  if (train.length === 0) throw new Error('The baseline needs training images.');
  const model = fitLogistic(train.map((t) => t.features), train.map((t) => t.label), classNames.length);
  const items: EvalItem[] = valid.map((v) => ({ hash: v.hash, path: v.path, label: v.label, probs: predictLogistic(model, v.features) }));
  const m = computeMetrics(items, classNames);
  return { method: BASELINE_METHOD, accuracy: m.accuracy, f1: m.macro.f1, trainImages: train.length, validImages: valid.length, seconds, items };
}

export type Verdict = 'better' | 'tie' | 'worse';

/**
 * Whether the network beats the baseline. "Beats" needs at least one more correct validation image and a
 * macro F1 that is not lower: a network that ties the baseline has not earned its cost.
 */
export function compareWithBaseline(net: { accuracy: number; f1: number; n: number }, base: { accuracy: number; f1: number }): Verdict {
  const diff = Math.round((net.accuracy - base.accuracy) * net.n);
  if (diff >= 1 && net.f1 >= base.f1 - 1e-9) return 'better';
  if (diff <= -1 || net.f1 < base.f1 - 0.02) return 'worse';
  return 'tie';
}
