// Perceptual hash for finding near-duplicate frames (the same field of view shot twice, a re-scan with new
// noise, a slightly moved stage) so that the split can keep them on one side and validation accuracy is
// not inflated by near-copies of training images.
//
// DCT pHash rather than dHash: dHash compares neighbouring pixels of a 9×8 thumbnail, so detector noise
// and scan-line jitter, which SEM frames have plenty of, flip many of its bits; pHash keeps only the 8×8
// lowest spatial frequencies of a 32×32 thumbnail, which noise barely touches. Bits follow the common
// `imagehash.phash` recipe: a coefficient above the median of the 64 (DC included) is a 1.
//
// A moved stage still changes a global hash a lot (100 synthetic re-shot twins, stage moved by up to 2%
// of the frame, fresh noise: median 6 bits, max 30). So the hash is taken on the central 96% of the
// frame, and `phashShifts` also hashes that window moved by ±1.5% in x and y: comparing one image's hash
// with the other's nine shifted hashes undoes most of the move (same twins: median 2, 96% within 6 bits,
// 99% within 8) while unrelated frames stay a median 28 bits apart (0.1% within 16).
//
// Hash the image after cropping the data bar, or every frame from one instrument shares 8% of its pixels.

import { resizeGray, type GrayImage, type Rect } from './gray';

/** 64-bit hash as two unsigned 32-bit halves (JSON- and postMessage-friendly, fast to compare). */
export interface PHash {
  readonly hi: number;
  readonly lo: number;
}

const N = 32;
const K = 8;
const MARGIN = 0.02; // each side of the hashed window, as a fraction of the frame
const SHIFT = 0.015; // offsets tried by phashShifts

// COS[u * N + x] = cos((2x + 1) u π / 2N): the DCT-II basis, only the K lowest frequencies.
const COS = (() => {
  const t = new Float64Array(K * N);
  for (let u = 0; u < K; u++) for (let x = 0; x < N; x++) t[u * N + x] = Math.cos(((2 * x + 1) * u * Math.PI) / (2 * N));
  return t;
})();

/** Hash of the central 96% of the frame. */
export function phash(img: GrayImage): PHash {
  return hashWindow(base(img), 0, 0);
}

/** Hashes of the central window moved by -1.5%, 0, +1.5% of the frame in x and y; index 4 is `phash`. */
export function phashShifts(img: GrayImage): PHash[] {
  const small = base(img);
  const out: PHash[] = [];
  for (const dy of [-SHIFT, 0, SHIFT]) for (const dx of [-SHIFT, 0, SHIFT]) out.push(hashWindow(small, dx, dy));
  return out;
}

/**
 * One 128×128 area-average copy to cut the windows from: 1.5% is still 2 px there, and nine windows
 * cost a tenth of what they would on a 1024 px frame. Both functions use it, so `phash` is exactly
 * `phashShifts(...)[4]`.
 */
function base(img: GrayImage): GrayImage {
  if (img.width < 1 || img.height < 1) throw new Error('phash: empty image');
  return img.width > 128 || img.height > 128 ? resizeGray(img, 128, 128) : img;
}

/** Distance between two frames allowing a small stage move: `a` against the nearest of b's shifts. */
export function shiftedDistance(a: PHash, bShifts: readonly PHash[]): number {
  let best = 64;
  for (const b of bShifts) best = Math.min(best, hamming(a, b));
  return best;
}

function hashWindow(img: GrayImage, dx: number, dy: number): PHash {
  const rect: Rect = {
    x: img.width * (MARGIN + dx),
    y: img.height * (MARGIN + dy),
    width: img.width * (1 - 2 * MARGIN),
    height: img.height * (1 - 2 * MARGIN),
  };
  const px = resizeGray(img, N, N, rect).data;
  // Separable DCT: rows first (N rows × K frequencies), then columns of that (K × K).
  const rows = new Float64Array(N * K);
  for (let y = 0; y < N; y++) {
    for (let v = 0; v < K; v++) {
      let s = 0;
      for (let x = 0; x < N; x++) s += px[y * N + x] * COS[v * N + x];
      rows[y * K + v] = s;
    }
  }
  const coeffs = new Float64Array(K * K);
  for (let u = 0; u < K; u++) {
    for (let v = 0; v < K; v++) {
      let s = 0;
      for (let y = 0; y < N; y++) s += rows[y * K + v] * COS[u * N + y];
      coeffs[u * K + v] = s;
    }
  }
  const sorted = Array.from(coeffs).sort((a, b) => a - b);
  const median = (sorted[31] + sorted[32]) / 2;
  let hi = 0;
  let lo = 0;
  for (let i = 0; i < 64; i++) {
    if (coeffs[i] <= median) continue;
    if (i < 32) hi |= 1 << (31 - i);
    else lo |= 1 << (63 - i);
  }
  return { hi: hi >>> 0, lo: lo >>> 0 };
}

export function popcount32(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}

/** Number of differing bits, 0..64. */
export function hamming(a: PHash, b: PHash): number {
  return popcount32((a.hi ^ b.hi) >>> 0) + popcount32((a.lo ^ b.lo) >>> 0);
}

/** 16 hex digits, for storage and display. */
export function phashToHex(h: PHash): string {
  return h.hi.toString(16).padStart(8, '0') + h.lo.toString(16).padStart(8, '0');
}

export function phashFromHex(hex: string): PHash {
  if (!/^[0-9a-f]{16}$/i.test(hex)) throw new Error(`phashFromHex: not 16 hex digits: ${hex}`);
  return { hi: parseInt(hex.slice(0, 8), 16) >>> 0, lo: parseInt(hex.slice(8), 16) >>> 0 };
}
