// The magnification shortcut: when each class was imaged at its own typical scale (common in collected
// datasets, NFFA-Europe's among them), a network can tell the classes apart by the size of features in
// pixels instead of by their structure, and fails on images taken at another magnification.
//
// The check asks whether the scale alone predicts the class. It takes log10 of the pixel size (nm/px; or of
// the magnification when fewer images know their pixel size: magnifications from different instruments are
// quoted on different display widths, pixel sizes are not) and classifies each image by the nearest class
// median, leaving the image out of its own class's median (so a class of two images cannot "predict"
// itself). It warns, with the scale known for at least half the images, when this one-number classifier
// reaches a balanced accuracy of at least 0.8 over at least two classes, or when it finds one class with
// recall and precision both at least 0.8 (one class imaged at its own scale, the others sharing theirs).
// Chance is 1/classes; at 0.8 the scale alone names the class of four images in five, a cue strong enough
// that a network will use it (feature sizes in pixels carry it). Classes that share their scales give ties
// and misses, and stay below.

export interface ScaleItem {
  label: string;
  pixelSizeNm: number | null;
  magnification: number | null;
}

export interface ClassScale {
  label: string;
  /** images of the class, and how many of them know the quantity */
  count: number;
  known: number;
  /** in the quantity's own unit (nm/px or ×); null when none is known */
  min: number | null;
  median: number | null;
  max: number | null;
  /** of the scale-only classifier for this class; null when the class has < 2 known values or no verdict is made */
  recall: number | null;
  precision: number | null;
}

export interface ScaleCheck {
  quantity: 'pixelSizeNm' | 'magnification';
  /** share of the images that know the quantity */
  coverage: number;
  perClass: ClassScale[];
  /** of the leave-one-out nearest-median classifier over classes with ≥ 2 known values; null with < 2 such classes */
  balancedAccuracy: number | null;
  /** classes the scale alone picks out (recall and precision ≥ 0.8) */
  separated: string[];
  warn: boolean;
}

export const MAG_WARN_ACCURACY = 0.8;
export const MAG_MIN_COVERAGE = 0.5;

/** Null when no image knows its pixel size or magnification. */
export function scaleShortcut(items: readonly ScaleItem[]): ScaleCheck | null {
  const withPixel = items.filter((i) => i.pixelSizeNm !== null && i.pixelSizeNm > 0).length;
  const withMag = items.filter((i) => i.magnification !== null && i.magnification > 0).length;
  if (withPixel === 0 && withMag === 0) return null;
  const quantity = withPixel >= withMag ? 'pixelSizeNm' : 'magnification';
  const byClass = new Map<string, { count: number; values: number[] }>();
  for (const it of items) {
    const c = byClass.get(it.label) ?? { count: 0, values: [] };
    byClass.set(it.label, c);
    c.count++;
    const v = it[quantity];
    if (v !== null && v > 0) c.values.push(v);
  }
  const labels = [...byClass.keys()].sort();
  const voting = labels.filter((l) => byClass.get(l)!.values.length >= 2);
  const scores = voting.length >= 2 ? looScores(voting.map((l) => byClass.get(l)!.values.map(Math.log10).sort((a, b) => a - b))) : null;
  const perClass = labels.map((label): ClassScale => {
    const { count, values } = byClass.get(label)!;
    const s = [...values].sort((a, b) => a - b);
    const v = voting.indexOf(label);
    return {
      label, count, known: s.length, min: s[0] ?? null, median: s.length ? medianOf(s) : null, max: s.at(-1) ?? null,
      recall: scores && v >= 0 ? scores.recall[v] : null, precision: scores && v >= 0 ? scores.precision[v] : null,
    };
  });
  const balancedAccuracy = scores ? scores.recall.reduce((a, b) => a + b, 0) / scores.recall.length : null;
  const separated = perClass
    .filter((c) => c.recall !== null && c.precision !== null && c.recall >= MAG_WARN_ACCURACY && c.precision >= MAG_WARN_ACCURACY)
    .map((c) => c.label);
  const coverage = (quantity === 'pixelSizeNm' ? withPixel : withMag) / items.length;
  const warn = coverage >= MAG_MIN_COVERAGE && balancedAccuracy !== null && (balancedAccuracy >= MAG_WARN_ACCURACY || separated.length > 0);
  return { quantity, coverage, perClass, balancedAccuracy, separated, warn };
}

/**
 * Sorted values of each class; each value is classified by the nearest median, its own left out. Per class:
 * recall (its images named right) and precision (of the images named it, the share that are it; 0 when none).
 */
function looScores(classes: number[][]): { recall: number[]; precision: number[] } {
  const medians = classes.map(medianOf);
  const right = classes.map(() => 0);
  const named = classes.map(() => 0);
  classes.forEach((values, c) => {
    values.forEach((x, k) => {
      const own = medianWithout(values, k);
      const dists = medians.map((m, j) => Math.abs(x - (j === c ? own : m)));
      const best = Math.min(...dists);
      // Ties (equal scales in two classes) share the vote: the scale cannot tell them apart.
      const tied = dists.flatMap((d, j) => (d - best <= 1e-12 ? [j] : []));
      for (const j of tied) named[j] += 1 / tied.length;
      if (tied.includes(c)) right[c] += 1 / tied.length;
    });
  });
  return {
    recall: right.map((r, c) => r / classes[c].length),
    precision: right.map((r, c) => (named[c] > 0 ? r / named[c] : 0)),
  };
}

function medianOf(sorted: readonly number[]): number {
  const n = sorted.length;
  return n % 2 ? sorted[(n - 1) / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
}

/** Median of a sorted list with the element at index k removed (the list has ≥ 2 elements). */
function medianWithout(sorted: readonly number[], k: number): number {
  const m = sorted.length - 1;
  const at = (j: number) => sorted[j < k ? j : j + 1];
  return m % 2 ? at((m - 1) / 2) : (at(m / 2 - 1) + at(m / 2)) / 2;
}
