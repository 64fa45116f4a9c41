// Classification metrics from per-image probability vectors (fastai's ClassificationInterpretation and
// sklearn's classification_report, in one pure module). Rows of the confusion matrix are true classes,
// columns predicted ones. No metric is ever NaN: a class never predicted has precision 0 and a flag.

import type { EvalItem } from './types';

export interface ClassMetrics {
  name: string;
  index: number;
  precision: number;
  recall: number;
  f1: number;
  /** validation images of this class (row sum) */
  support: number;
  /** images predicted as this class (column sum) */
  predicted: number;
  /** no image was predicted as this class: precision is undefined, reported as 0 */
  neverPredicted: boolean;
}

export interface Averages {
  precision: number;
  recall: number;
  f1: number;
}

export interface Metrics {
  classNames: string[];
  /** number of evaluated images */
  n: number;
  confusion: number[][];
  /** 0 when there are no images */
  accuracy: number;
  perClass: ClassMetrics[];
  /** unweighted mean over the classes that have validation images */
  macro: Averages;
  /** mean weighted by support */
  weighted: Averages;
}

/** Index of the largest probability; the first one on ties (as tf.argMax). */
export function argmax(probs: readonly number[]): number {
  let best = 0;
  for (let i = 1; i < probs.length; i++) if (probs[i] > probs[best]) best = i;
  return best;
}

export function confusionMatrix(items: readonly EvalItem[], classes: number): number[][] {
  const m = Array.from({ length: classes }, () => new Array<number>(classes).fill(0));
  for (const it of items) {
    if (it.label < 0 || it.label >= classes) throw new RangeError(`label ${it.label} is outside the ${classes} classes`);
    m[it.label][argmax(it.probs)]++;
  }
  return m;
}

const ratio = (a: number, b: number) => (b === 0 ? 0 : a / b);
const f1Of = (p: number, r: number) => (p + r === 0 ? 0 : (2 * p * r) / (p + r));

/** Per-class and averaged metrics of a confusion matrix (rows true, columns predicted). */
export function metricsFromConfusion(confusion: readonly (readonly number[])[], classNames: readonly string[]): Metrics {
  const rowSum = confusion.map((r) => r.reduce((a, b) => a + b, 0));
  const colSum = classNames.map((_, j) => confusion.reduce((a, r) => a + r[j], 0));
  const n = rowSum.reduce((a, b) => a + b, 0);
  const correct = classNames.reduce((a, _, i) => a + confusion[i][i], 0);
  const perClass: ClassMetrics[] = classNames.map((name, i) => {
    const precision = ratio(confusion[i][i], colSum[i]);
    const recall = ratio(confusion[i][i], rowSum[i]);
    return { name, index: i, precision, recall, f1: f1Of(precision, recall), support: rowSum[i], predicted: colSum[i], neverPredicted: colSum[i] === 0 };
  });
  const present = perClass.filter((c) => c.support > 0);
  const mean = (f: (c: ClassMetrics) => number) => ratio(present.reduce((a, c) => a + f(c), 0), present.length);
  const wmean = (f: (c: ClassMetrics) => number) => ratio(perClass.reduce((a, c) => a + f(c) * c.support, 0), n);
  return {
    classNames: [...classNames],
    n,
    confusion: confusion.map((r) => [...r]),
    accuracy: ratio(correct, n),
    perClass,
    macro: { precision: mean((c) => c.precision), recall: mean((c) => c.recall), f1: mean((c) => c.f1) },
    weighted: { precision: wmean((c) => c.precision), recall: wmean((c) => c.recall), f1: wmean((c) => c.f1) },
  };
}

export function computeMetrics(items: readonly EvalItem[], classNames: readonly string[]): Metrics {
  return metricsFromConfusion(confusionMatrix(items, classNames.length), classNames);
}

/** Share of images whose true class is among the k most probable (ties count against the image). */
export function topKAccuracy(items: readonly EvalItem[], k: number): number {
  if (items.length === 0) return 0;
  let hits = 0;
  for (const it of items) {
    const p = it.probs[it.label];
    const above = it.probs.reduce((a, q, j) => a + (q > p || (q === p && j < it.label) ? 1 : 0), 0);
    if (above < k) hits++;
  }
  return hits / items.length;
}

/** Each row divided by its sum (0 for an empty row): the share of a true class predicted as each class. */
export function rowNormalised(confusion: readonly (readonly number[])[]): number[][] {
  return confusion.map((r) => {
    const s = r.reduce((a, b) => a + b, 0);
    return r.map((v) => ratio(v, s));
  });
}

export interface ConfusedPair {
  actual: string;
  predicted: string;
  count: number;
}

/** fastai's most_confused: off-diagonal cells with at least minCount images, most frequent first. */
export function mostConfused(confusion: readonly (readonly number[])[], classNames: readonly string[], minCount = 1): ConfusedPair[] {
  const pairs: ConfusedPair[] = [];
  confusion.forEach((row, i) =>
    row.forEach((count, j) => {
      if (i !== j && count >= minCount && count > 0) pairs.push({ actual: classNames[i], predicted: classNames[j], count });
    }),
  );
  // Stable: equal counts keep matrix order.
  return pairs.sort((a, b) => b.count - a.count);
}

/** Smallest probability used in a log, so a confident wrong prediction has a large, finite loss. */
export const LOG_EPS = 1e-7;

/** Cross-entropy of one prediction: -log p(true class). */
export function crossEntropy(probs: readonly number[], label: number): number {
  return -Math.log(Math.max(probs[label] ?? 0, LOG_EPS));
}

/** fastai's valid_loss of a set of predictions: the mean cross-entropy (0 for no items). */
export function meanLoss(items: readonly EvalItem[]): number {
  return items.length ? items.reduce((a, it) => a + crossEntropy(it.probs, it.label), 0) / items.length : 0;
}

export interface LossRow {
  item: EvalItem;
  /** index of the item in the evaluation */
  index: number;
  predicted: number;
  /** probability of the predicted class */
  probability: number;
  /** probability given to the true class */
  trueProbability: number;
  loss: number;
}

/** fastai's top_losses: items by decreasing cross-entropy (ties keep their order); limit keeps the first ones. */
export function topLosses(items: readonly EvalItem[], limit = Infinity): LossRow[] {
  return items
    .map((item, index) => {
      const predicted = argmax(item.probs);
      return { item, index, predicted, probability: item.probs[predicted], trueProbability: item.probs[item.label], loss: crossEntropy(item.probs, item.label) };
    })
    .sort((a, b) => b.loss - a.loss)
    .slice(0, limit);
}

/** The items of one confusion-matrix cell, in evaluation order. */
export function cellItems(items: readonly EvalItem[], actual: number, predicted: number): EvalItem[] {
  return items.filter((it) => it.label === actual && argmax(it.probs) === predicted);
}
