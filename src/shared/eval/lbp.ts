// Texture descriptors for the classical baseline: rotation-invariant uniform local binary patterns
// (Ojala, Pietikäinen & Mäenpää 2002, "riu2", as skimage's `local_binary_pattern(method='uniform')`) and
// grey-level statistics. Pure code on a GrayImage, so the decode workers and Node scripts share it.

import type { GrayImage } from '../dataset/gray';

/** Neighbours sampled on each circle. */
export const LBP_POINTS = 8;
/** Circle radii in pixels of the stored copy (≤ 256 px): fine, medium and coarse texture. */
export const LBP_RADII = [1, 2, 3] as const;
/** riu2 codes: 0..P for uniform patterns (the number of neighbours ≥ the centre), P + 1 for the rest. */
export const LBP_BINS = LBP_POINTS + 2;

function sample(img: GrayImage, x: number, y: number): number {
  const { width, data } = img;
  const x0 = Math.floor(x);
  const y0 = Math.floor(y);
  const fx = x - x0;
  const fy = y - y0;
  const i = y0 * width + x0;
  // Offsets that land within 1e-9 of a pixel read it exactly (no neighbour outside the image is touched).
  if (fx < 1e-9 && fy < 1e-9) return data[i];
  const a = data[i];
  const b = fx < 1e-9 ? a : data[i + 1];
  const c = fy < 1e-9 ? a : data[i + width];
  const d = fx < 1e-9 ? c : fy < 1e-9 ? b : data[i + width + 1];
  return (a * (1 - fx) + b * fx) * (1 - fy) + (c * (1 - fx) + d * fx) * fy;
}

/**
 * Normalised riu2 histogram (sums to 1) of the pixels at least `radius` from every edge; all zeros when
 * the image is too small to hold one such pixel.
 */
export function lbpHistogram(img: GrayImage, radius: number, points = LBP_POINTS): Float64Array {
  const hist = new Float64Array(points + 2);
  const r = Math.ceil(radius);
  const offsets: [number, number][] = [];
  for (let p = 0; p < points; p++) {
    const t = (2 * Math.PI * p) / points;
    // Rounded to 1e-9 so that cos(π/2) reads as exactly 0 and axis neighbours need no interpolation.
    offsets.push([Math.round(radius * Math.cos(t) * 1e9) / 1e9, Math.round(-radius * Math.sin(t) * 1e9) / 1e9]);
  }
  const bits = new Uint8Array(points);
  let count = 0;
  for (let y = r; y < img.height - r; y++) {
    for (let x = r; x < img.width - r; x++) {
      const c = img.data[y * img.width + x];
      let ones = 0;
      for (let p = 0; p < points; p++) {
        // A small tolerance keeps interpolation noise on flat areas from flipping bits.
        bits[p] = sample(img, x + offsets[p][0], y + offsets[p][1]) >= c - 1e-6 ? 1 : 0;
        ones += bits[p];
      }
      let transitions = 0;
      for (let p = 0; p < points; p++) transitions += bits[p] !== bits[(p + 1) % points] ? 1 : 0;
      hist[transitions <= 2 ? ones : points + 1]++;
      count++;
    }
  }
  if (count > 0) for (let i = 0; i < hist.length; i++) hist[i] /= count;
  return hist;
}

/** Names of greyStats' values, in order. */
export const GREY_STATS = ['mean', 'std', 'skewness', 'kurtosis', 'p10', 'p50', 'p90', 'gradient'] as const;

/**
 * Grey-level statistics on a 0..1 scale: mean, standard deviation, skewness, excess kurtosis, the 10th,
 * 50th and 90th percentiles, and the mean absolute difference to the right and lower neighbours (edge density).
 */
export function greyStats(img: GrayImage): Float64Array {
  const { width, height, data } = img;
  const n = data.length;
  const out = new Float64Array(GREY_STATS.length);
  if (n === 0) return out;
  const hist = new Uint32Array(256);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    hist[data[i]]++;
    sum += data[i];
  }
  const mean = sum / n;
  let m2 = 0, m3 = 0, m4 = 0;
  for (let v = 0; v < 256; v++) {
    if (!hist[v]) continue;
    const d = v - mean;
    m2 += hist[v] * d * d;
    m3 += hist[v] * d * d * d;
    m4 += hist[v] * d * d * d * d;
  }
  m2 /= n; m3 /= n; m4 /= n;
  const std = Math.sqrt(m2);
  const pct = (q: number): number => {
    const target = q * (n - 1);
    let acc = 0;
    for (let v = 0; v < 256; v++) {
      acc += hist[v];
      if (acc > target) return v;
    }
    return 255;
  };
  let grad = 0, pairs = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      if (x + 1 < width) { grad += Math.abs(data[i + 1] - data[i]); pairs++; }
      if (y + 1 < height) { grad += Math.abs(data[i + width] - data[i]); pairs++; }
    }
  }
  out[0] = mean / 255;
  out[1] = std / 255;
  out[2] = std > 0 ? m3 / (std * std * std) : 0;
  out[3] = std > 0 ? m4 / (m2 * m2) - 3 : 0;
  out[4] = pct(0.1) / 255;
  out[5] = pct(0.5) / 255;
  out[6] = pct(0.9) / 255;
  out[7] = pairs > 0 ? grad / pairs / 255 : 0;
  return out;
}

/** The baseline's feature vector: riu2 histograms at every radius, then the grey-level statistics. */
export function textureFeatures(img: GrayImage): Float32Array {
  const parts = [...LBP_RADII.map((r) => lbpHistogram(img, r)), greyStats(img)];
  const out = new Float32Array(parts.reduce((a, p) => a + p.length, 0));
  let k = 0;
  for (const p of parts) for (const v of p) out[k++] = v;
  return out;
}

export const TEXTURE_FEATURES = LBP_RADII.length * LBP_BINS + GREY_STATS.length;
