// How sure an accuracy is: the Wilson score interval (Wilson 1927; Newcombe 1998 recommends it over the
// normal "p ± 1.96·SE" interval, which leaves [0, 1] and is far too narrow near 0 and 1 or for small n).
//
// Near-duplicate frames of one microscope field are not independent evidence: 855 frames of 27 fields say
// little more than 27 frames would. `accuracyInterval` therefore takes n = the number of independent groups
// (near-duplicate groups, a lone frame counting as one) when there are fewer groups than images: the
// conservative "one observation per cluster" effective sample size, with the image-level accuracy as p.

/** z of a two-sided 95% normal interval. */
export const Z95 = 1.959963984540054;

export interface Interval {
  low: number;
  high: number;
}

/** Wilson score interval for `successes` out of `n` (successes may be fractional, as p·n is below). */
export function wilsonInterval(successes: number, n: number, z = Z95): Interval {
  if (!(n > 0) || !Number.isFinite(n)) return { low: 0, high: 1 };
  const p = Math.min(1, Math.max(0, successes / n));
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denom;
  // Exact ends at p = 0 and p = 1 (the formula gives them up to rounding).
  return { low: p === 0 ? 0 : Math.max(0, centre - half), high: p === 1 ? 1 : Math.min(1, centre + half) };
}

export interface AccuracyInterval extends Interval {
  /** the n the interval is computed on */
  n: number;
  /** `groups` when the images fall into fewer independent groups than there are images */
  basis: 'groups' | 'images';
}

/** 95% Wilson interval for an accuracy measured on `images` images that form `groups` independent groups. */
export function accuracyInterval(accuracy: number, images: number, groups: number): AccuracyInterval {
  const basis = groups > 0 && groups < images ? 'groups' : 'images';
  const n = basis === 'groups' ? groups : images;
  return { ...wilsonInterval(accuracy * n, n), n, basis };
}

/** The interval in words, for the UI and the report: "95% interval 49.0–94.3 % (Wilson, n = 10 groups)". */
export function describeInterval(ci: AccuracyInterval): string {
  const pct = (x: number) => (x * 100).toFixed(1);
  return `95% interval ${pct(ci.low)}–${pct(ci.high)} % (Wilson, n = ${ci.n} ${ci.basis === 'groups' ? 'independent groups' : 'images'})`;
}
