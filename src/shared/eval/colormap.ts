// Colour-blind-safe sequential scale for heatmaps: matplotlib's viridis (perceptually uniform, readable in
// grey and with the common colour-vision deficiencies), linearly interpolated between 11 of its stops.

const VIRIDIS = [
  '#440154', '#482475', '#414487', '#355f8d', '#2a788e', '#21918c', '#22a884', '#44bf70', '#7ad151', '#bddf26', '#fde725',
].map((h) => [1, 3, 5].map((i) => parseInt(h.slice(i, i + 2), 16)));

const hex2 = (v: number) => Math.round(v).toString(16).padStart(2, '0');

/** Viridis colour at t in [0, 1] (clamped; NaN counts as 0), as `#rrggbb`. */
export function viridis(t: number): string {
  const x = Number.isFinite(t) ? Math.min(1, Math.max(0, t)) : 0;
  const pos = x * (VIRIDIS.length - 1);
  const i = Math.min(VIRIDIS.length - 2, Math.floor(pos));
  const f = pos - i;
  const [a, b] = [VIRIDIS[i], VIRIDIS[i + 1]];
  return `#${a.map((v, c) => hex2(v + (b[c] - v) * f)).join('')}`;
}

/** Text colour that stays readable on viridis(t): light on the dark purple-blue end, dark on the yellow end. */
export function textOn(t: number): string {
  return t < 0.55 ? '#ffffff' : '#1d2b3a';
}
