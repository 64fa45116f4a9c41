// Finding the instrument data bar (ZEISS, FEI/Thermo, JEOL, Hitachi): a strip across the whole width at or
// just above the bottom, filled with one flat gray level, with text, a scale bar and logos in the opposite
// tone. Models trained with the bar in view learn the instrument's caption instead of the specimen, so the
// import crops it off.
//
// What separates a bar from specimen content that happens to be uniform (a saturated film, a dark
// substrate under particles, a stripe pattern), each scored per candidate band:
//   1. uniform: one level holds most pixels of every row of the band, across the whole width;
//   2. edge: it starts at a straight edge (one blended row allowed), not at a gradual ramp;
//   3. peak: it is rendered, not imaged: pixels near the fill sit within ±2 of one value, where imaged
//      areas (even clipped ones) spread over ten levels or more;
//   4. text: several rows crossed by many short opposite-tone runs (glyphs), not a few blobs;
//   5. place: 2–30% of the height, at the bottom or above a strip of at most 7% of the height.
// Thresholds were set on synthetic images (src/shared/synth) and checked on held-out seeds, with added
// noise (σ ≤ 2 still 100%) and with hand-made look-alikes (dataBar.test.ts). Works at any size; meant
// for a ~256 px wide copy (fast, and the thresholds are relative).

import type { GrayImage } from './gray';

export interface DataBarResult {
  found: boolean;
  /** First row of the bar; keep rows [0, top) when cropping. Equals the height when nothing was found. */
  top: number;
  /** Row after the last bar row (exclusive); < height when a strip of image is left below the bar. */
  bottom: number;
  style: 'bright' | 'dark' | null;
  /** 0..1; `found` is `confidence >= 0.5`. */
  confidence: number;
}

// Half-widths of the base-level window, in gray levels: rendered bars are flat to ±3 (the narrow pass
// keeps a dark bar apart from a noisy dark background right above it); ±12 catches re-digitised or
// JPEG-ringing bars, which must then score on the other cues.
const TOLS = [3, 12];
const ROW_MIN = 0.45; // a bar row has at least this share of its pixels at the base level
const INK = 40; // a text pixel differs from the base by more than this

export function detectDataBar(img: GrayImage): DataBarResult {
  const { width: w, height: h } = img;
  const none: DataBarResult = { found: false, top: h, bottom: h, style: null, confidence: 0 };
  if (w < 16 || h < 16) return none;
  const region = Math.min(h, Math.ceil(h * 0.38) + 3);
  const y0 = h - region;
  const hists = rowHistograms(img, y0);

  let best: DataBarResult = none;
  for (const tol of TOLS) {
    for (const level of candidateLevels(hists, w, tol)) {
      const frac = hists.map((c) => windowCount(c, level - tol, level + tol) / w);
      for (const [a, b] of bands(frac)) {
        const cand = scoreBand(img, hists, frac, y0, a, b, level, tol);
        if (cand.confidence > best.confidence) best = cand;
      }
    }
  }
  return best.confidence >= 0.5 ? { ...best, found: true } : { ...none, confidence: best.confidence };
}

/** Crop helper: the rows above the bar (a copy), or the image itself when there is no bar. */
export function cropRows(img: GrayImage, bar: DataBarResult): GrayImage {
  if (!bar.found || bar.top >= img.height || bar.top <= 0) return img;
  return { width: img.width, height: bar.top, data: img.data.slice(0, bar.top * img.width) };
}

/**
 * Maps a result found on a downscaled copy to the full-size image. The top is rounded down, so the
 * crop errs on the side of removing a sliver of specimen rather than leaving a line of caption.
 */
export function scaleDataBar(bar: DataBarResult, fromHeight: number, toHeight: number): DataBarResult {
  if (!bar.found) return { ...bar, top: toHeight, bottom: toHeight };
  const k = toHeight / fromHeight;
  return { ...bar, top: Math.floor(bar.top * k), bottom: Math.min(toHeight, Math.ceil(bar.bottom * k)) };
}

/** Cumulative 257-entry histograms of rows y0..h-1 (index 0 = row y0), for O(1) range counts. */
function rowHistograms(img: GrayImage, y0: number): Uint32Array[] {
  const { width: w, height: h, data } = img;
  const out: Uint32Array[] = [];
  for (let y = y0; y < h; y++) {
    const c = new Uint32Array(257);
    for (let x = 0, i = y * w; x < w; x++, i++) c[data[i] + 1]++;
    for (let v = 1; v < 257; v++) c[v] += c[v - 1];
    out.push(c);
  }
  return out;
}

function windowCount(cum: Uint32Array, lo: number, hi: number): number {
  return cum[Math.min(255, hi) + 1] - cum[Math.max(0, lo)];
}

/**
 * Levels that dominate at least one row, merged when close. Each is a row's most common value (counted
 * ±2), so that the window around it is centred on the bar's fill, not on the edge of a plateau.
 */
function candidateLevels(hists: Uint32Array[], w: number, tol: number): number[] {
  const levels: number[] = [];
  for (const c of hists) {
    let mode = 0;
    let modeN = -1;
    for (let v = 0; v < 256; v++) {
      const n = windowCount(c, v - 2, v + 2);
      if (n > modeN) [mode, modeN] = [v, n];
    }
    if (windowCount(c, mode - tol, mode + tol) >= ROW_MIN * w && !levels.some((l) => Math.abs(l - mode) <= 4)) {
      levels.push(mode);
    }
  }
  return levels;
}

/**
 * Maximal runs of rows at the level (local indices, [a, b)), bridging gaps of up to 2 rows (a scale bar,
 * a rule line, a dense text row), and not touching the top of the region (the edge must be visible).
 */
function bands(frac: number[]): [number, number][] {
  const runs: [number, number][] = [];
  let a = -1;
  for (let i = 0; i <= frac.length; i++) {
    const on = i < frac.length && frac[i] >= ROW_MIN;
    if (on && a < 0) a = i;
    if (!on && a >= 0) {
      const last = runs[runs.length - 1];
      if (last && a - last[1] <= 2) last[1] = i;
      else runs.push([a, i]);
      a = -1;
    }
  }
  return runs.filter(([start]) => start >= 2);
}

function scoreBand(
  img: GrayImage, hists: Uint32Array[], frac: number[], y0: number, a: number, b: number, level: number, tol: number,
): DataBarResult {
  const h = img.height;
  const n = b - a;
  const fail: DataBarResult = { found: false, top: h, bottom: h, style: null, confidence: 0 };
  // Geometry: a caption is 2–30% of the frame and sits at the bottom or just above a thin strip.
  if (n < Math.max(3, Math.round(0.02 * h)) || n > 0.3 * h) return fail;
  if (h - (y0 + b) > Math.max(3, Math.round(0.07 * h))) return fail;

  const meanFrac = frac.slice(a, b).reduce((s, f) => s + f, 0) / n;
  // Straight top edge: the band's first rows against the rows just above. One mixed row is allowed
  // (downscaling blends the edge); a ramp over several rows is specimen shading.
  const inside = Math.max(frac[a], frac[Math.min(b - 1, a + 1)]);
  const outside = Math.min(frac[a - 1], 0.5 * (frac[a - 1] + frac[a - 2]));
  const edge = (inside - outside) / inside;

  // Fill value (the band's most common value within the level window), and how tightly the pixels
  // around it sit on it: a rendered fill is one value, ±2 after light compression or noise; imaged
  // areas, even clipped ones, spread over ten levels or more.
  const bandHist = new Uint32Array(256);
  for (let r = a; r < b; r++) for (let v = 0; v < 256; v++) bandHist[v] += hists[r][v + 1] - hists[r][v];
  let exact = Math.max(0, level - tol);
  for (let v = exact; v <= Math.min(255, level + tol); v++) if (bandHist[v] > bandHist[exact]) exact = v;
  const around = (d: number): number => {
    let c = 0;
    for (let v = Math.max(0, exact - d); v <= Math.min(255, exact + d); v++) c += bandHist[v];
    return c;
  };
  const peak = around(2) / Math.max(1, around(12));

  const t = textFeatures(img, y0 + a, y0 + b, exact);
  // Text: lines of glyphs, i.e. several rows each crossed by many short ink runs; specks and particles
  // give a few runs per row. Not every row has ink (margins, line gaps), except in very thin bars.
  const isText = t.maxRowRuns >= 8 && t.textRows >= 2 && t.inkFrac >= 0.003 && t.inkFrac <= 0.45 && (t.inkRows < n || n <= 8);
  // A caption too thin for text is a plain band: accepted only when thin and flat to ±3 in every row
  // (a tall flat band is more likely a saturated layer of the specimen).
  const plain = tol <= 3 && t.inkFrac === 0 && n <= Math.max(8, 0.04 * h) && Math.min(...frac.slice(a, b)) >= 0.9;
  const text = isText ? 1 : plain ? 0.75 : 0.3 * Math.min(1, t.maxRowRuns / 8);

  const sUniform = clamp01((meanFrac - 0.4) / 0.2);
  const sEdge = clamp01((edge - 0.4) / 0.3);
  const sPeak = clamp01((peak - 0.5) / 0.3);
  const confidence = sUniform * sEdge * (0.3 + 0.7 * sPeak) * (0.3 + 0.7 * text);
  // Include a blended edge row in the bar so that a crop never keeps half a caption line.
  const top = frac[a - 1] >= 0.15 ? y0 + a - 1 : y0 + a;
  return { found: false, top, bottom: y0 + b, style: exact < 128 ? 'dark' : 'bright', confidence };
}

/** Pixels far from the fill in the opposite tone (either tone for mid-gray fills), with their runs. */
function textFeatures(img: GrayImage, top: number, bottom: number, fill: number) {
  const { width: w, data } = img;
  const sign = fill < 100 ? 1 : fill > 155 ? -1 : 0;
  let ink = 0;
  let inkRows = 0;
  let maxRowRuns = 0;
  let textRows = 0;
  for (let y = top; y < bottom; y++) {
    let rowInk = 0;
    let runs = 0;
    let inRun = false;
    for (let x = 0, i = y * w; x < w; x++, i++) {
      const d = data[i] - fill;
      const isInk = sign === 0 ? Math.abs(d) > INK : d * sign > INK;
      if (isInk) {
        rowInk++;
        if (!inRun) runs++;
      }
      inRun = isInk;
    }
    ink += rowInk;
    if (rowInk > 0) inkRows++;
    maxRowRuns = Math.max(maxRowRuns, runs);
    if (runs >= 5) textRows++;
  }
  return { inkFrac: ink / ((bottom - top) * w), inkRows, maxRowRuns, textRows };
}

function clamp01(x: number): number {
  return x < 0 ? 0 : x > 1 ? 1 : x;
}
