// Viridis (matplotlib's default): perceptually uniform, readable with the common colour-vision
// deficiencies and in grayscale, unlike the rainbow "jet" most Grad-CAM figures use.
const VIRIDIS: readonly (readonly [number, number, number])[] = [
  [68, 1, 84], [71, 45, 123], [59, 82, 139], [44, 114, 142], [33, 145, 140],
  [40, 174, 128], [94, 201, 98], [173, 220, 48], [253, 231, 37],
];

/** RGB of viridis at t (clamped to 0..1), linearly interpolated between 9 stops. */
export function viridis(t: number): [number, number, number] {
  const x = (Number.isFinite(t) ? Math.min(1, Math.max(0, t)) : 0) * (VIRIDIS.length - 1);
  const i = Math.min(VIRIDIS.length - 2, Math.floor(x));
  const f = x - i;
  const a = VIRIDIS[i];
  const b = VIRIDIS[i + 1];
  return [0, 1, 2].map((c) => Math.round(a[c] + (b[c] - a[c]) * f)) as [number, number, number];
}

/** RGBA pixels of a heat map (values 0..1), fully opaque: opacity is applied when drawing. */
export function heatToRgba(heat: ArrayLike<number>): Uint8ClampedArray {
  const out = new Uint8ClampedArray(heat.length * 4);
  for (let i = 0; i < heat.length; i++) {
    const [r, g, b] = viridis(heat[i]);
    out[4 * i] = r;
    out[4 * i + 1] = g;
    out[4 * i + 2] = b;
    out[4 * i + 3] = 255;
  }
  return out;
}

/** A CSS gradient of the colormap, for the legend. */
export function viridisGradient(): string {
  return `linear-gradient(to right, ${VIRIDIS.map(([r, g, b]) => `rgb(${r} ${g} ${b})`).join(', ')})`;
}
