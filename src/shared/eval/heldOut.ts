// A labelled test folder classified after training (Classify's labelled-folder mode) measures the model on
// images it never saw, unless some of them are near-copies of the dataset's frames: the same field shot
// again scores like a training image. This summary puts the network beside the classical baseline (fitted
// on the dataset's training split) on the whole folder, on its images without a near-copy in the dataset,
// and on those with one.

import { computeMetrics } from './metrics';

export interface HeldOutItem {
  /** true class index */
  label: number;
  /** the network's probabilities */
  probs: readonly number[];
  /** the baseline's probabilities; null when it has none for this image */
  baseline: readonly number[] | null;
  /** the image's near-duplicate group holds a dataset image */
  nearCopy: boolean;
}

export interface Scores {
  images: number;
  accuracy: number;
  /** macro F1 over the classes present */
  f1: number;
}

export interface HeldOutPart {
  network: Scores | null;
  baseline: Scores | null;
}

export interface HeldOutSummary extends HeldOutPart {
  images: number;
  /** images with a near-copy in the dataset */
  nearCopies: number;
  /** the images without a near-copy */
  clean: HeldOutPart;
  /** the images with one */
  copies: HeldOutPart;
}

function scores(probs: readonly (readonly number[])[], labels: readonly number[], classNames: readonly string[]): Scores | null {
  if (probs.length === 0) return null;
  const m = computeMetrics(probs.map((p, i) => ({ hash: '', path: '', label: labels[i], probs: [...p] })), classNames);
  return { images: m.n, accuracy: m.accuracy, f1: m.macro.f1 };
}

function part(items: readonly HeldOutItem[], classNames: readonly string[]): HeldOutPart {
  const withBase = items.filter((it) => it.baseline !== null);
  return {
    network: scores(items.map((it) => it.probs), items.map((it) => it.label), classNames),
    baseline: scores(withBase.map((it) => it.baseline!), withBase.map((it) => it.label), classNames),
  };
}

export function heldOutSummary(items: readonly HeldOutItem[], classNames: readonly string[]): HeldOutSummary {
  const copies = items.filter((it) => it.nearCopy);
  return {
    ...part(items, classNames),
    images: items.length,
    nearCopies: copies.length,
    clean: part(items.filter((it) => !it.nearCopy), classNames),
    copies: part(copies, classNames),
  };
}
