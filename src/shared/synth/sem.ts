import type { Canvas } from './raster';
import { Rng, gaussianTable } from './rng';
import type { GrayImage } from './types';

/** Per-image detector/acquisition settings: what makes two micrographs of one specimen differ. */
export interface SemLook {
  /** secondary-electron edge effect: added brightness per unit of local gradient */
  edgeGain: number;
  /** Gaussian blur sigma as a fraction of min(w, h) (probe size / focus) */
  blurFrac: number;
  /** additive detector noise sd and shot-noise gain (sd grows with sqrt(signal)) */
  noiseSd: number;
  shotGain: number;
  brightness: number;
  contrast: number;
  /** per-scan-line brightness jitter sd (fast-scan artefact) */
  lineJitter: number;
  /** linear shading across the frame, from the off-axis Everhart–Thornley detector */
  tiltX: number;
  tiltY: number;
}

export function randomLook(rng: Rng): SemLook {
  return {
    edgeGain: rng.range(0.9, 1.6),
    blurFrac: rng.range(0.0015, 0.0035),
    noiseSd: rng.range(0.02, 0.05),
    shotGain: rng.range(0.03, 0.07),
    brightness: rng.range(-0.05, 0.05),
    contrast: rng.range(0.88, 1.15),
    lineJitter: rng.range(0, 0.012),
    tiltX: rng.range(-0.05, 0.05),
    tiltY: rng.range(-0.04, 0.04),
  };
}

/**
 * SE edge effect: more secondary electrons escape where the surface is steep or near an edge, so
 * boundaries glow. The gradient is taken over a step that scales with resolution so that the halo
 * has the same relative width at 256 px and 1024 px.
 */
export function edgeBrighten(c: Canvas, gain: number): void {
  const { w, h, px } = c;
  const s = Math.max(1, Math.round(Math.min(w, h) / 320));
  const src = px.slice();
  const k = gain / 2;
  for (let y = s; y < h - s; y++) {
    const row = y * w;
    for (let x = s; x < w - s; x++) {
      const i = row + x;
      const gx = src[i + s] - src[i - s];
      const gy = src[i + s * w] - src[i - s * w];
      const g = Math.abs(gx) + Math.abs(gy);
      px[i] = src[i] + k * (g > 0.8 ? 0.8 : g);
    }
  }
}

/** Separable blur: a 3-tap kernel for small sigma, two running-sum box passes otherwise. */
export function blur(c: Canvas, sigma: number): void {
  if (sigma < 0.2) return;
  if (sigma < 1) {
    const a = Math.min((sigma * sigma) / 2, 1 / 3);
    tap3(c, a);
    return;
  }
  const r = Math.max(1, Math.round((Math.sqrt(6 * sigma * sigma + 1) - 1) / 2));
  for (let it = 0; it < 2; it++) boxBlur(c, r);
}

function tap3(c: Canvas, a: number): void {
  const { w, h, px } = c;
  const b = 1 - 2 * a;
  const tmp = new Float32Array(px.length);
  for (let y = 0; y < h; y++) {
    const row = y * w;
    tmp[row] = px[row];
    tmp[row + w - 1] = px[row + w - 1];
    for (let x = 1; x < w - 1; x++) tmp[row + x] = b * px[row + x] + a * (px[row + x - 1] + px[row + x + 1]);
  }
  for (let y = 1; y < h - 1; y++) {
    const row = y * w;
    for (let x = 0; x < w; x++) px[row + x] = b * tmp[row + x] + a * (tmp[row + x - w] + tmp[row + x + w]);
  }
}

function boxBlur(c: Canvas, r: number): void {
  const { w, h, px } = c;
  const tmp = new Float32Array(px.length);
  const inv = 1 / (2 * r + 1);
  for (let y = 0; y < h; y++) {
    const row = y * w;
    let acc = 0;
    for (let x = -r; x <= r; x++) acc += px[row + Math.min(Math.max(x, 0), w - 1)];
    // Clamped reads only near the borders; the interior loop is branch-free.
    const xi0 = Math.min(r, w), xi1 = Math.max(xi0, w - r - 1);
    for (let x = 0; x < xi0; x++) {
      tmp[row + x] = acc * inv;
      acc += px[row + Math.min(x + r + 1, w - 1)] - px[row];
    }
    for (let x = xi0; x < xi1; x++) {
      tmp[row + x] = acc * inv;
      acc += px[row + x + r + 1] - px[row + x - r];
    }
    for (let x = xi1; x < w; x++) {
      tmp[row + x] = acc * inv;
      acc += px[row + w - 1] - px[row + Math.max(x - r, 0)];
    }
  }
  // Vertical pass row by row with one running sum per column: sequential memory access.
  const acc = new Float32Array(w);
  for (let y = -r; y <= r; y++) {
    const row = Math.min(Math.max(y, 0), h - 1) * w;
    for (let x = 0; x < w; x++) acc[x] += tmp[row + x];
  }
  for (let y = 0; y < h; y++) {
    const row = y * w;
    const add = Math.min(y + r + 1, h - 1) * w, sub = Math.max(y - r, 0) * w;
    for (let x = 0; x < w; x++) {
      px[row + x] = acc[x] * inv;
      acc[x] += tmp[add + x] - tmp[sub + x];
    }
  }
}

/**
 * Finish a specimen map into an 8-bit micrograph: edge effect and blur on the whole (margin-padded)
 * scene, then crop the visible window, apply brightness/contrast/shading, detector noise, quantise.
 */
export function semFinish(
  c: Canvas, look: SemLook, noiseSeed: number,
  crop: { x: number; y: number; w: number; h: number },
): GrayImage {
  edgeBrighten(c, look.edgeGain);
  blur(c, look.blurFrac * Math.min(crop.w, crop.h));
  const { w, h } = crop;
  const out = new Uint8Array(w * h);
  const table = gaussianTable();
  const rng = new Rng(noiseSeed);
  let state = rng.nextU32() | 1;
  const { contrast, noiseSd, shotGain } = look;
  const tiltStep = look.tiltX / w;
  for (let y = 0; y < h; y++) {
    const src = (y + crop.y) * c.w + crop.x;
    const dst = y * w;
    // Everything that is constant along a scan line is folded into one offset.
    let off = look.brightness + look.lineJitter * rng.gaussian() + look.tiltY * (y / h - 0.5) + 0.5 - 0.5 * contrast - 0.5 * look.tiltX;
    for (let x = 0; x < w; x++) {
      let v = c.px[src + x] * contrast + off;
      off += tiltStep;
      // xorshift32: one cheap integer stream indexes the precomputed normal table.
      state ^= state << 13; state ^= state >>> 17; state ^= state << 5;
      v += (noiseSd + shotGain * Math.sqrt(v > 0 ? v : 0)) * table[state & 0xffff];
      const q = (v * 255 + 0.5) | 0;
      out[dst + x] = q < 0 ? 0 : q > 255 ? 255 : q;
    }
  }
  return { width: w, height: h, data: out };
}
