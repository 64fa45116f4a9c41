// The unfamiliar-image check: a classifier gives every image one of its classes, often with high confidence,
// even an image unlike anything it was trained on (another material, another instrument, a blank frame).
// Its softmax cannot say so. What can: how far the image's features lie from the training images' features.
// After a run, each class gets the mean direction (centroid) of its training images' penultimate-layer
// features; the threshold is the cosine distance to the nearest centroid that 99 % of the training images
// stay within. An image farther than that from every class is flagged, whatever its top-1 probability.
// The validation images measure the check's false alarms (they are like the training images but unseen).
// Pure functions only: the worker computes the features, the UI shows the verdicts.

import { count } from './words';

/** What a model keeps of its training images' features (in memory, in bundle.json as `novelty`). */
export interface NoveltyReference {
  /** the layer whose output the features are (the head's penultimate layer), L2-normalised */
  layer: string;
  dims: number;
  /** one unit vector per class, in classNames order; null for a class without training images */
  centroids: (number[] | null)[];
  /** cosine distance to the nearest centroid within which `quantile` of the training images lie */
  threshold: number;
  quantile: number;
  /** training images the reference was computed from */
  images: number;
  /** the input side the features were computed at */
  size: number;
}

/** The features: the input of the head's last dense layer (buildHead's), which turns them into class scores. */
export const NOVELTY_LAYER = 'head_predictions.input';
export const NOVELTY_QUANTILE = 0.99;

function unit(v: ArrayLike<number>, from = 0, dims = v.length): Float64Array {
  const out = new Float64Array(dims);
  let norm = 0;
  for (let i = 0; i < dims; i++) {
    out[i] = v[from + i];
    norm += out[i] * out[i];
  }
  norm = Math.sqrt(norm);
  if (norm > 0) for (let i = 0; i < dims; i++) out[i] /= norm;
  return out;
}

/** Cosine distance (0: same direction, 2: opposite) from a unit vector to each centroid; Infinity for none. */
function distances(u: Float64Array, centroids: readonly (ArrayLike<number> | null)[]): number[] {
  return centroids.map((c) => {
    if (!c) return Infinity;
    let dot = 0;
    for (let i = 0; i < u.length; i++) dot += u[i] * c[i];
    return 1 - dot;
  });
}

/** The q-quantile (0..1) of the values, linear between order statistics. */
export function quantile(values: readonly number[], q: number): number {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const pos = Math.min(1, Math.max(0, q)) * (sorted.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

/**
 * The reference from the training images' features: `features` holds `labels.length` rows of `dims` values.
 * Throws when there are no images (a run always has some).
 */
export function buildNoveltyReference(
  features: ArrayLike<number>, dims: number, labels: readonly number[], classes: number, size: number, q = NOVELTY_QUANTILE,
): NoveltyReference {
  const n = labels.length;
  if (n === 0) throw new Error('The unfamiliar-image check needs at least one training image.');
  if (features.length !== n * dims) throw new Error(`Expected ${n} × ${dims} feature values, got ${features.length}.`);
  const units = labels.map((_, i) => unit(features, i * dims, dims));
  const sums = Array.from({ length: classes }, () => new Float64Array(dims));
  const counts = new Array<number>(classes).fill(0);
  units.forEach((u, i) => {
    const s = sums[labels[i]];
    counts[labels[i]] += 1;
    for (let d = 0; d < dims; d++) s[d] += u[d];
  });
  const centroids = sums.map((s, k) => (counts[k] ? Array.from(unit(s), (x) => Math.round(x * 1e6) / 1e6) : null));
  const nearest = units.map((u) => Math.min(...distances(u, centroids)));
  return { layer: NOVELTY_LAYER, dims, centroids, threshold: quantile(nearest, q), quantile: q, images: n, size };
}

export interface NoveltyVerdict {
  /** cosine distance to the nearest class centroid */
  distance: number;
  /** that class's index */
  nearest: number;
  /** the reference's threshold */
  threshold: number;
  /** farther from every class than the threshold */
  unfamiliar: boolean;
}

export function noveltyOf(feature: ArrayLike<number>, ref: NoveltyReference): NoveltyVerdict {
  if (feature.length !== ref.dims) throw new Error(`Expected ${ref.dims} feature values, got ${feature.length}.`);
  const d = distances(unit(feature), ref.centroids);
  let nearest = 0;
  for (let k = 1; k < d.length; k++) if (d[k] < d[nearest]) nearest = k;
  const distance = d[nearest];
  return { distance, nearest, threshold: ref.threshold, unfamiliar: distance > ref.threshold };
}

/**
 * The check on an evaluation's validation images (like the training images, but unseen): each one it flags is a
 * false alarm. Null when the model had no reference.
 */
export function falseAlarms(ev: { items: readonly { distance?: number }[]; novelty?: { threshold: number; images: number } | null }):
  { flagged: number; total: number; threshold: number; images: number } | null {
  const ref = ev.novelty;
  const measured = ev.items.filter((it) => it.distance !== undefined);
  if (!ref || !measured.length) return null;
  return { flagged: measured.filter((it) => it.distance! > ref.threshold).length, total: measured.length, threshold: ref.threshold, images: ref.images };
}

/** What Evaluate and the report say about the check's false alarms, in words. */
export function noveltySentence(f: NonNullable<ReturnType<typeof falseAlarms>>): string {
  const share = (100 * f.flagged) / f.total;
  return `Unfamiliar-image check: Classify flags an image whose features lie farther from every class than 99 % of the ${count(f.images, 'training image')} do. `
    + `Here it flags ${f.flagged} of the ${count(f.total, 'validation image')} (${share.toFixed(share > 0 && share < 10 ? 1 : 0)} %): images like the training ones, `
    + 'so that is its false-alarm rate.';
}

/** Checks bundle.json's `novelty` field: the reference, or null when absent or not usable for these classes. */
export function parseNoveltyReference(json: unknown, classes: number): NoveltyReference | null {
  if (typeof json !== 'object' || json === null) return null;
  const r = json as Record<string, unknown>;
  const dims = r.dims;
  if (typeof dims !== 'number' || !Number.isInteger(dims) || dims < 1) return null;
  if (!Array.isArray(r.centroids) || r.centroids.length !== classes) return null;
  const ok = r.centroids.every((c) => c === null || (Array.isArray(c) && c.length === dims && c.every((x) => typeof x === 'number' && Number.isFinite(x))));
  if (!ok || r.centroids.every((c) => c === null)) return null;
  const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : null);
  const threshold = num(r.threshold);
  if (threshold === null || threshold < 0 || threshold > 2) return null;
  return {
    layer: typeof r.layer === 'string' ? r.layer : NOVELTY_LAYER,
    dims,
    centroids: r.centroids as (number[] | null)[],
    threshold,
    quantile: num(r.quantile) ?? NOVELTY_QUANTILE,
    images: num(r.images) ?? 0,
    size: num(r.size) ?? 0,
  };
}
