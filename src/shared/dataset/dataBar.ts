// Finding the instrument data bar (Zeiss SmartSEM/TASC, Thermo Fisher/FEI, JEOL, Hitachi, Tescan): a
// band across the whole width (or nearly: margins and a thin frame are common), in the lower part of the
// frame, either at the bottom edge or above a strip of image (Zeiss exports put it ~9% above the edge).
// The band is filled with one flat level, light or dark, and carries text (often coloured), a scale bar,
// separator lines and logos. Models trained with the bar in view learn the caption instead of the
// specimen, so the import crops everything from the band's top edge down.
//
// Each candidate band (rows where one fill level holds most of the width) is scored on cues that
// separate a rendered caption from specimen content that happens to be uniform:
//   1. uniform: the fill holds most pixels of the band's rows and is present in nearly every column;
//   2. edges: it starts at a straight edge (a frame line or a blended row allowed), and when image
//      content follows below it, it ends at one too;
//   3. flat: it is rendered, not imaged: pixels near the fill sit within ±2 of one value, where imaged
//      areas (even clipped ones, once downscaled) spread wider;
//   4. text: several rows crossed by many short runs of ink (glyphs), not a few blobs;
//   5. place: 2.5–26% of the height, ending at the bottom or at most 17% of the height above it.
// Works at any size; meant for the ~256 px wide stored copy (fast, and the thresholds are relative).
// Measured per vendor layout in dataBar.test.ts (figures in docs/data.md).

import type { GrayImage } from './gray';

export interface DataBarResult {
  found: boolean;
  /** First row of the bar (its frame line included); keep rows [0, top) when cropping. Height when none. */
  top: number;
  /** Row after the last bar row (exclusive); < height when a strip of image is left below the bar. */
  bottom: number;
  style: 'bright' | 'dark' | null;
  /** 0..1; `found` is `confidence >= 0.5`. */
  confidence: number;
}

// Half-widths of the fill window in gray levels: rendered fills are flat to ±3; ±12 catches JPEG ringing
// and re-digitised captions, which must then score on the other cues.
const TOLS = [1, 3, 12];
const ROW_MIN = 0.4; // a bar row has at least this share of its pixels at the fill
const INK = 40; // a text pixel differs from the fill by more than this
const REGION = 0.44; // share of the height searched, from the bottom
const MAX_BELOW = 0.17; // most image left under a bar, as a share of the height

interface Ctx {
  img: GrayImage;
  /** first and last+1 column counted: a bar may leave a small margin at each side */
  x0: number;
  x1: number;
  y0: number;
  hists: Uint32Array[];
  /** per row: share of neighbouring pixel pairs that are equal (rendered fills ~1, imaged noise far less) */
  eq: number[];
}

export function detectDataBar(img: GrayImage): DataBarResult {
  const { width: w, height: h } = img;
  const none: DataBarResult = { found: false, top: h, bottom: h, style: null, confidence: 0 };
  if (w < 16 || h < 16) return none;
  const margin = Math.round(0.02 * w);
  const y0 = Math.max(0, h - Math.ceil(h * REGION) - 3);
  const ctx: Ctx = { img, x0: margin, x1: w - margin, y0, hists: rowHistograms(img, y0, margin, w - margin), eq: equalPairs(img, y0, margin, w - margin) };
  const span = ctx.x1 - ctx.x0;

  let best: DataBarResult = none;
  for (const tol of TOLS) {
    for (const level of candidateLevels(ctx.hists, span, tol)) {
      const frac = ctx.hists.map((c) => windowCount(c, level - tol, level + tol) / span);
      for (const [a, b] of bands(frac, h, ctx.eq)) {
        const cand = scoreBand(ctx, frac, a, b, level, tol);
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

/** Cumulative 257-entry histograms of columns x0..x1-1 of rows y0..h-1 (index 0 = row y0). */
function rowHistograms(img: GrayImage, y0: number, x0: number, x1: number): Uint32Array[] {
  const { width: w, height: h, data } = img;
  const out: Uint32Array[] = [];
  for (let y = y0; y < h; y++) {
    const c = new Uint32Array(257);
    for (let i = y * w + x0, end = y * w + x1; i < end; i++) c[data[i] + 1]++;
    for (let v = 1; v < 257; v++) c[v] += c[v - 1];
    out.push(c);
  }
  return out;
}

function windowCount(cum: Uint32Array, lo: number, hi: number): number {
  return cum[Math.min(255, hi) + 1] - cum[Math.max(0, lo)];
}

/** A row's most common value, counted ±2, so a window around it sits on a fill, not a plateau's edge. */
function rowMode(c: Uint32Array): [number, number] {
  let mode = 0;
  let modeN = -1;
  for (let v = 0; v < 256; v++) {
    const n = windowCount(c, v - 2, v + 2);
    if (n > modeN) [mode, modeN] = [v, n];
  }
  return [mode, modeN];
}

/** Levels that dominate at least one row, merged when close. */
function candidateLevels(hists: Uint32Array[], span: number, tol: number): number[] {
  const levels: number[] = [];
  for (const c of hists) {
    const [mode] = rowMode(c);
    if (windowCount(c, mode - tol, mode + tol) >= ROW_MIN * span && !levels.some((l) => Math.abs(l - mode) <= 4)) {
      levels.push(mode);
    }
  }
  return levels;
}

/**
 * Maximal runs of rows at the level (local indices, [a, b)), not touching the top of the region. Gaps
 * are bridged: up to 2 rows of anything (a scale bar, a separator line), or up to 3% of the height of
 * rows where the fill still shows between dense glyphs (a text row of a downscaled caption).
 */
function bands(frac: number[], h: number, eq: number[]): [number, number][] {
  const runs: [number, number][] = [];
  const textGap = Math.max(2, Math.round(0.03 * h));
  let a = -1;
  for (let i = 0; i <= frac.length; i++) {
    const on = i < frac.length && frac[i] >= ROW_MIN;
    if (on && a < 0) a = i;
    if (!on && a >= 0) {
      const last = runs[runs.length - 1];
      const gap = last ? a - last[1] : Infinity;
      const bridge = gap <= 2 || (gap <= textGap && frac.slice(last[1], a).every((f) => f >= 0.15));
      if (last && bridge) last[1] = i;
      else runs.push([a, i]);
      a = -1;
    }
  }
  // A flat band under imaged rows at its own level (a black bar under clipped black specimen) has no
  // edge in level, but one in texture: also try the run from the last step from noisy rows (< 35% equal
  // neighbours) to rendered ones (≥ 50% in every row below).
  const split: [number, number][] = [];
  for (const [a, b] of runs) {
    let r = b;
    while (r > a && eq[r - 1] >= 0.5) r--;
    if (r > a && r < b && eq[r - 1] < 0.35) split.push([r, b]);
  }
  return [...runs, ...split].filter(([start]) => start >= 4);
}

/** Share of equal neighbouring pairs in columns x0..x1-1, per row from y0 down. */
function equalPairs(img: GrayImage, y0: number, x0: number, x1: number): number[] {
  const { width: w, height: h, data } = img;
  const out: number[] = [];
  for (let y = y0; y < h; y++) {
    let n = 0;
    for (let i = y * w + x0 + 1, end = y * w + x1; i < end; i++) if (data[i] === data[i - 1]) n++;
    out.push(n / Math.max(1, x1 - x0 - 1));
  }
  return out;
}


/**
 * Rows just outside the band (step -1: above, +1: below) that belong to its border: a frame line (a row
 * flat at its own level, unlike the row beyond it) or a row blended with the fill by downscaling.
 * Returns how many (0..2) and the straightness of the edge beyond them (0..1).
 */
function edgeAt(ctx: Ctx, frac: number[], at: number, step: -1 | 1, inside: number): { rows: number; edge: number } {
  const span = ctx.x1 - ctx.x0;
  const n = frac.length;
  const mean = (i: number): number => {
    const c = ctx.hists[i];
    let s = 0;
    for (let v = 0; v < 256; v++) s += v * (c[v + 1] - c[v]);
    return s / span;
  };
  let rows = 0;
  let line = false;
  for (let k = 0; k < 2; k++) {
    const i = at + step * k;
    const beyond = i + step;
    if (i < 0 || i >= n) break;
    const [mode, modeN] = rowMode(ctx.hists[i]);
    const flatLine = modeN >= 0.7 * span && (beyond < 0 || beyond >= n || Math.abs(mean(beyond) - mode) > 15);
    if (frac[i] >= 0.15 && frac[i] < ROW_MIN) rows = k + 1;
    else if (flatLine) {
      rows = k + 1;
      line = true;
    } else break;
  }
  const out = at + step * rows;
  if (out < 0) return { rows, edge: 0 };
  if (out >= n) return { rows, edge: 1 }; // the frame's own edge
  const outside = frac[out];
  // Straight in level, or in texture: a flat first row against a noisy one beyond.
  const first = ctx.eq[at - step];
  const texture = first >= 0.9 ? (first - ctx.eq[out]) / first : 0;
  const straight = Math.max((inside - outside) / inside, texture);
  return { rows, edge: line ? Math.max(straight, 0.85) : straight };
}

function scoreBand(ctx: Ctx, frac: number[], a: number, b: number, level: number, tol: number): DataBarResult {
  const { img, y0, hists } = ctx;
  const h = img.height;
  const n = b - a;
  const fail: DataBarResult = { found: false, top: h, bottom: h, style: null, confidence: 0 };
  if (n < Math.max(3, Math.round(0.025 * h)) || n > 0.26 * h) return fail;
  const below = h - (y0 + b);
  const atBottom = below <= Math.max(2, Math.round(0.012 * h));
  if (below > MAX_BELOW * h) return fail;

  const meanFrac = frac.slice(a, b).reduce((s, f) => s + f, 0) / n;
  const inTop = Math.max(frac[a], frac[Math.min(b - 1, a + 1)]);
  const topEdge = edgeAt(ctx, frac, a - 1, -1, inTop);
  let edge = topEdge.edge;
  let bottom = y0 + b;
  if (!atBottom) {
    const inBottom = Math.max(frac[b - 1], frac[Math.max(a, b - 2)]);
    const bottomEdge = edgeAt(ctx, frac, b, 1, inBottom);
    edge = Math.min(edge, bottomEdge.edge);
    bottom = Math.min(h, y0 + b + bottomEdge.rows);
  } else bottom = h;

  // Fill value (the band's most common value in the window) and how tightly pixels sit on it.
  const bandHist = new Uint32Array(256);
  for (let r = a; r < b; r++) for (let v = 0; v < 256; v++) bandHist[v] += hists[r][v + 1] - hists[r][v];
  let fill = Math.max(0, level - tol);
  for (let v = fill; v <= Math.min(255, level + tol); v++) if (bandHist[v] > bandHist[fill]) fill = v;
  const around = (d: number): number => {
    let c = 0;
    for (let v = Math.max(0, fill - d); v <= Math.min(255, fill + d); v++) c += bandHist[v];
    return c;
  };
  const peak = around(2) / Math.max(1, around(12));

  const t = bandFeatures(ctx, y0 + a, y0 + b, fill, tol);
  // Text: lines of glyphs, i.e. several rows each crossed by many short ink runs; specks and particles
  // give a few runs per row. Some rows are quiet (margins, line gaps: only a logo or separators cross them),
  // except in very thin bars.
  const isText = t.maxRowRuns >= 8 && t.textRows >= 2 && t.inkFrac >= 0.003 && t.inkFrac <= 0.45 && (t.quietRows > 0 || n <= 8);
  // A caption too thin for text is a plain band: accepted only at the bottom, thin and flat to ±3 in
  // every row (a tall flat band is more likely a saturated layer of the specimen).
  const plain = atBottom && tol <= 3 && t.inkFrac === 0 && n <= Math.max(8, 0.04 * h) && Math.min(...frac.slice(a, b)) >= 0.9;
  const text = isText ? 1 : plain ? 0.75 : 0.3 * Math.min(1, t.maxRowRuns / 8);

  const sUniform = clamp01((meanFrac - 0.4) / 0.2) * clamp01((t.columns - 0.6) / 0.2);
  const sEdge = clamp01((edge - 0.4) / 0.3);
  const sPeak = clamp01((peak - 0.5) / 0.3);
  // Above the bottom, a band needs the full set of caption cues: image content below it is rarer.
  const sPlace = atBottom ? 1 : isText && peak >= 0.75 ? 1 : 0.5;
  const confidence = sUniform * sEdge * (0.3 + 0.7 * sPeak) * (0.3 + 0.7 * text) * sPlace;
  return { found: false, top: y0 + a - topEdge.rows, bottom, style: fill < 128 ? 'dark' : 'bright', confidence };
}

/**
 * Ink (pixels far from the fill in the opposite tone; either tone for mid-gray fills) with its runs per
 * row, and the share of columns where the fill shows in at least a quarter of the band's rows.
 */
function bandFeatures(ctx: Ctx, top: number, bottom: number, fill: number, tol: number) {
  const { img, x0, x1 } = ctx;
  const { width: w, data } = img;
  const sign = fill < 100 ? 1 : fill > 155 ? -1 : 0;
  const colFill = new Uint16Array(w);
  let ink = 0;
  const rowRuns: number[] = [];
  let maxRowRuns = 0;
  let textRows = 0;
  for (let y = top; y < bottom; y++) {
    let rowInk = 0;
    let runs = 0;
    let inRun = false;
    for (let x = x0, i = y * w + x0; x < x1; x++, i++) {
      const d = data[i] - fill;
      if (d <= tol && d >= -tol) colFill[x]++;
      const isInk = sign === 0 ? Math.abs(d) > INK : d * sign > INK;
      if (isInk) {
        rowInk++;
        if (!inRun) runs++;
      }
      inRun = isInk;
    }
    ink += rowInk;
    rowRuns.push(runs);
    maxRowRuns = Math.max(maxRowRuns, runs);
    if (runs >= 5) textRows++;
  }
  const n = bottom - top;
  // Quiet rows: crossed only by what spans the bar's height (frame, cell separators, a logo).
  const quietRows = rowRuns.filter((r) => r <= Math.max(2, 0.25 * maxRowRuns)).length;
  let cols = 0;
  for (let x = x0; x < x1; x++) if (colFill[x] >= 0.25 * n) cols++;
  return { inkFrac: ink / (n * (x1 - x0)), quietRows, maxRowRuns, textRows, columns: cols / (x1 - x0) };
}

function clamp01(x: number): number {
  return x < 0 ? 0 : x > 1 ? 1 : x;
}
