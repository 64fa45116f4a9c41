import type { GrayImage } from './types';

/**
 * Simple image statistics for tests and benchmarks. The property the app's training tests rely on is
 * that synthetic classes already differ in these after heavy downscaling (32–48 px).
 */

/** Area-average downscale to w × h, values in [0, 1]. */
export function downscale(img: GrayImage, w: number, h: number): Float32Array {
  const out = new Float32Array(w * h);
  const cnt = new Float32Array(w * h);
  for (let y = 0; y < img.height; y++) {
    const oy = Math.floor((y * h) / img.height) * w;
    for (let x = 0; x < img.width; x++) {
      const o = oy + Math.floor((x * w) / img.width);
      out[o] += img.data[y * img.width + x] / 255;
      cnt[o]++;
    }
  }
  for (let i = 0; i < out.length; i++) out[i] /= cnt[i] || 1;
  return out;
}

/** [mean, std, edge density (mean abs neighbour difference)] of a w × h float image. */
export function basicStats(px: Float32Array, w: number, h: number): [number, number, number] {
  let m = 0;
  for (const v of px) m += v;
  m /= px.length;
  let s = 0;
  for (const v of px) s += (v - m) * (v - m);
  let e = 0;
  for (let y = 0; y < h - 1; y++) {
    for (let x = 0; x < w - 1; x++) {
      const i = y * w + x;
      e += Math.abs(px[i + 1] - px[i]) + Math.abs(px[i + w] - px[i]);
    }
  }
  return [m, Math.sqrt(s / px.length), e / Math.max(1, (w - 1) * (h - 1))];
}

/** Mean absolute difference of two equally sized images, in gray levels. */
export function meanAbsDiff(a: GrayImage, b: GrayImage): number {
  if (a.data.length !== b.data.length) throw new Error('size mismatch');
  let s = 0;
  for (let i = 0; i < a.data.length; i++) s += Math.abs(a.data[i] - b.data[i]);
  return s / a.data.length;
}
