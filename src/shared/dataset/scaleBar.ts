/**
 * Reading the burnt-in scale bar of an SEM data bar: its length in pixels and its label ("20 µm"), hence
 * the pixel size. Pure, runs anywhere (no canvas, no fonts, nothing leaves the browser).
 *
 *   readScaleBar(gray, width, height, { top, bottom? })
 *     → { barPx, value, unit: 'nm' | 'µm' | 'mm', nmPerPx, labelText, barBox, labelBox } | null
 *
 * - gray: 8-bit luma of the full-resolution frame, row-major (coloured bars read at their luma);
 * - bar: the data bar's rows, e.g. detectDataBar's on a downscaled copy mapped back with scaleDataBar (a
 *   few rows of slack either way are fine); bottom defaults to the frame's height.
 * - Wants the frame at export resolution: labels below ~7 px cap height are not read (a 256 px stored copy
 *   is too small); returns null then.
 *
 * How: the fill of the band is its most common level; rows at its edges that are not mostly fill are
 * dropped. Scale bars are horizontal runs of "ink" (far from the fill, either tone), 2.5–60% of the width
 * long, ≥ 4× longer than thick, with no more than ticks' worth of ink right above and below; end and
 * division ticks may hang off them. A row of ≥ 4 equal, evenly spaced dashes (JEOL) is one bar, unless
 * another dash-like stroke follows it irregularly. A bar crosses no text: whatever touches it must be the
 * bar itself (as wide as the bar, no taller than wide) or its dashes. Each bar looks for its label in the
 * text lines next to it (above, below, right, left; nearest first) with scaleLabel.ts' reader; its length
 * is measured to a fraction of a pixel from the ink of its end pixels. null unless at least one bar has
 * exactly one sure label and all such readings agree within 2%: no bar, no sure label, or two bars that
 * disagree all give null.
 */

import { inkComponents, readLabel, textLines, type Box, type Comp, type Raster, type Unit } from './scaleLabel';

export type { Box, Unit } from './scaleLabel';

export interface ScaleBarReading {
  /** the bar's length in pixels of this frame (sub-pixel) */
  barPx: number;
  value: number;
  unit: Unit;
  /** nanometres per pixel: value in nm / barPx */
  nmPerPx: number;
  /** the label as read, e.g. "20 µm" or "500nm" */
  labelText: string;
  /** where the bar (its line, without ticks) and the label are in the frame */
  barBox: Box;
  labelBox: Box;
}

interface Line extends Box {
  /** sub-pixel length */
  len: number;
  /** dash length for a dashed bar, 0 for a solid one */
  dash: number;
}

export function readScaleBar(
  gray: Uint8Array | Uint8ClampedArray, width: number, height: number, bar: { top: number; bottom?: number },
): ScaleBarReading | null {
  if (gray.length < width * height || width < 64) return null;
  const img: Raster = { width, height, data: gray };
  let top = Math.max(0, Math.floor(bar.top));
  let bottom = Math.min(height, Math.ceil(bar.bottom ?? height));
  if (bottom - top < 8) return null;
  const fill = modeLevel(img, top, bottom);
  // Rows at the band's edges that are not mostly fill (specimen, a frame line) are left out.
  const fillShare = (y: number): number => {
    let n = 0;
    for (let x = 0; x < width; x++) if (Math.abs(gray[y * width + x] - fill) <= 12) n++;
    return n / width;
  };
  const maxTrim = Math.floor((bottom - top) / 4);
  for (let k = 0; k < maxTrim && fillShare(top) < 0.3; k++) top++;
  for (let k = 0; k < maxTrim && fillShare(bottom - 1) < 0.3; k++) bottom--;
  const band: Box = { x0: 0, y0: top, x1: width, y1: bottom };
  // Thresholds relative to the band's ink: low enough for thin strokes blended by downscaling, well
  // above JPEG noise on a flat fill.
  const contrast = inkContrast(img, band, fill);
  if (contrast < 40) return null;
  const thr = 0.25 * contrast;

  const readings: (ScaleBarReading & { worst: number })[] = [];
  const comps = inkComponents(img, band, fill, 0.2 * contrast, 2);
  for (const line of findLines(img, band, fill, thr)) {
    // Components of the bar itself (its ticks included), frame and separator lines and logos are not text.
    const onBar = (c: Comp): boolean =>
      c.x1 > line.x0 - 1 && c.x0 < line.x1 + 1 && c.y1 > line.y0 && c.y0 < line.y1 &&
      c.px.some((i) => {
        const x = i % width;
        const y = (i - x) / width;
        return x >= line.x0 - 1 && x <= line.x1 && y >= line.y0 && y < line.y1;
      });
    const notText = (c: Comp): boolean => onBar(c) || c.y1 - c.y0 > 0.8 * (bottom - top) || c.x1 - c.x0 > 0.5 * width;
    // A scale bar crosses no text: whatever touches it is the bar (with its ticks) or one of its dashes.
    const thick = line.y1 - line.y0;
    const barLike = (c: Comp): boolean =>
      line.dash
        ? c.y1 - c.y0 <= thick + 2 && c.x1 - c.x0 <= 1.5 * line.dash
        : c.x1 - c.x0 >= 0.9 * (line.x1 - line.x0) && c.y1 - c.y0 <= c.x1 - c.x0;
    if (!comps.filter(onBar).every(barLike)) continue;
    const text = textLines(comps.filter((c) => !notText(c) && c.y1 - c.y0 >= 2));
    for (const box of nearby(text, line)) {
      const labels = readLabel(img, box, fill, notText);
      if (labels.length !== 1) continue;
      const [l] = labels;
      const barBox = { x0: line.x0, y0: line.y0, x1: line.x1, y1: line.y1 };
      readings.push({ barPx: line.len, value: l.value, unit: l.unit, nmPerPx: l.nm / line.len, labelText: l.text, barBox, labelBox: l.box, worst: l.worst });
      break;
    }
  }
  if (readings.length === 0) return null;
  readings.sort((a, b) => a.worst - b.worst);
  const [best] = readings;
  if (readings.some((r) => Math.abs(r.nmPerPx / best.nmPerPx - 1) > 0.02)) return null;
  const { worst: _w, ...out } = best;
  return out;
}

/** Most common gray level of rows [top, bottom), counted ±2. */
function modeLevel(img: Raster, top: number, bottom: number): number {
  const hist = new Uint32Array(256);
  for (let i = top * img.width; i < bottom * img.width; i++) hist[img.data[i]]++;
  let best = 0;
  let bestN = -1;
  for (let v = 0; v < 256; v++) {
    let n = 0;
    for (let d = -2; d <= 2; d++) n += v + d >= 0 && v + d < 256 ? hist[v + d] : 0;
    if (n > bestN) [best, bestN] = [v, n];
  }
  return best;
}

/** A high percentile of |v - fill| over the band's pixels that differ from the fill at all. */
function inkContrast(img: Raster, b: Box, fill: number): number {
  const hist = new Uint32Array(256);
  let n = 0;
  for (let y = b.y0; y < b.y1; y++) {
    for (let x = b.x0; x < b.x1; x++) {
      const d = Math.abs(img.data[y * img.width + x] - fill);
      if (d <= 20) continue;
      hist[d]++;
      n++;
    }
  }
  let seen = 0;
  for (let d = 0; d < 256; d++) if ((seen += hist[d]) >= 0.9 * n) return d;
  return 0;
}

/** Solid and dashed horizontal lines in the band (see the file's comment). */
function findLines(img: Raster, b: Box, fill: number, thr: number): Line[] {
  const { width: w, data } = img;
  const ink = (x: number, y: number): boolean => Math.abs(data[y * w + x] - fill) > thr;
  const minLen = Math.max(12, Math.round(0.025 * w));
  const maxThick = Math.max(3, Math.round(0.3 * (b.y1 - b.y0)));
  type Run = { y: number; x0: number; x1: number };
  const runs: Run[] = [];
  for (let y = b.y0; y < b.y1; y++) {
    let start = -1;
    for (let x = b.x0; x <= b.x1; x++) {
      const on = x < b.x1 && ink(x, y);
      if (on && start < 0) start = x;
      if (!on && start >= 0) {
        if (x - start >= 3) runs.push({ y, x0: start, x1: x });
        start = -1;
      }
    }
  }
  // Stack runs with the same ends (±2 px) on consecutive rows into bars.
  const stacks: Box[] = [];
  for (const r of runs) {
    const s = stacks.find((t) => t.y1 === r.y && Math.abs(t.x0 - r.x0) <= 2 && Math.abs(t.x1 - r.x1) <= 2);
    if (s) s.y1 = r.y + 1;
    else stacks.push({ x0: r.x0, x1: r.x1, y0: r.y, y1: r.y + 1 });
  }
  const lines: Line[] = [];
  for (const s of stacks) {
    const len = s.x1 - s.x0;
    const thick = s.y1 - s.y0;
    // A bar stands free: right above and below it there is at most some ticks' worth of ink (≤ 70%).
    const free = (y: number): boolean => {
      if (y < b.y0 || y >= b.y1) return true;
      let n = 0;
      for (let x = s.x0; x < s.x1; x++) if (ink(x, y)) n++;
      return n <= 0.7 * len;
    };
    if (len >= minLen && len <= 0.6 * w && thick <= maxThick && len >= 4 * thick && free(s.y0 - 1) && free(s.y1)) lines.push({ ...s, len: subPixelLength(img, s, fill), dash: 0 });
  }
  // Dashes: short clean stacks (no ink right above or below), ≥ 4 in a row, equal lengths, gaps about
  // as long as the dashes.
  const clean = (s: Box, y: number): boolean => {
    if (y < b.y0 || y >= b.y1) return true;
    for (let x = s.x0 - 1; x <= s.x1; x++) if (x >= 0 && x < w && ink(x, y)) return false;
    return true;
  };
  // Short clean strokes; dashes are also at least 1.5× as long as thick. Rows may differ by one
  // (blended by downscaling).
  const strokes = stacks.filter((s) => s.x1 - s.x0 < minLen && s.y1 - s.y0 <= maxThick && clean(s, s.y0 - 1) && clean(s, s.y1)).sort((p, q) => p.x0 - q.x0);
  const dashes = strokes.filter((s) => s.x1 - s.x0 >= 1.5 * (s.y1 - s.y0));
  const sameRows = (p: Box, q: Box): boolean => Math.abs(p.y0 - q.y0) <= 1 && Math.abs(p.y1 - q.y1) <= 1;
  const used = new Set<Box>();
  for (const first of dashes) {
    if (used.has(first)) continue;
    const chain = [first];
    const seg = first.x1 - first.x0;
    for (const d of dashes) {
      const last = chain[chain.length - 1];
      if (d.x0 <= last.x1 || !sameRows(d, first)) continue;
      const gap = d.x0 - last.x1;
      if (Math.abs(d.x1 - d.x0 - seg) > Math.max(1, 0.2 * seg) || gap < 0.5 * seg - 1 || gap > 2 * seg + 1) break;
      chain.push(d);
    }
    const span: Box = { x0: first.x0, x1: chain[chain.length - 1].x1, y0: Math.min(...chain.map((d) => d.y0)), y1: Math.max(...chain.map((d) => d.y1)) };
    // Another stroke like a dash just beyond either end: the row goes on irregularly, its length is unsure.
    const beyond = strokes.some((t) => sameRows(t, first) && t.x1 - t.x0 >= 0.5 * seg && t.x1 - t.x0 <= 1.5 * seg &&
      ((t.x1 <= span.x0 && t.x1 >= span.x0 - 2 * seg) || (t.x0 >= span.x1 && t.x0 <= span.x1 + 2 * seg)));
    if (chain.length >= 4 && !beyond && span.x1 - span.x0 >= minLen && span.x1 - span.x0 <= 0.6 * w) {
      lines.push({ ...span, len: subPixelLength(img, span, fill, (first.x0 + first.x1) >> 1), dash: seg });
      for (const d of chain) used.add(d);
    }
  }
  return lines;
}

/**
 * Length of a bar at sub-pixel precision: whole pixels inside, plus the ink share of the end pixel and
 * of the one beyond it, at each end (blended by downscaling or anti-aliasing); `ref` is a fully inked
 * column.
 */
function subPixelLength(img: Raster, s: Box, fill: number, ref = (s.x0 + s.x1) >> 1): number {
  let len = s.x1 - s.x0 - 2;
  for (const x of [s.x0 - 1, s.x0, s.x1 - 1, s.x1]) if (x >= 0 && x < img.width) len += endInk(img, s, fill, x, ref);
  return len;
}

/** Ink share (0..1) of column x over the bar's rows, relative to the ink level of column `mid` (solid). */
function endInk(img: Raster, s: Box, fill: number, x: number, mid: number): number {
  let full = 0;
  let here = 0;
  for (let y = s.y0; y < s.y1; y++) {
    full += Math.abs(img.data[y * img.width + mid] - fill);
    here += Math.abs(img.data[y * img.width + x] - fill);
  }
  return full > 0 ? Math.min(1, here / full) : 0;
}

/** Text lines where a bar's label may be, nearest first: above or below it, or beside it on its level. */
function nearby(text: Box[], bar: Line): Box[] {
  const out: [number, Box][] = [];
  for (const t of text) {
    const th = t.y1 - t.y0;
    const overlapX = Math.min(t.x1, bar.x1) - Math.max(t.x0, bar.x0);
    const midY = (t.y0 + t.y1) / 2;
    if (overlapX > 0 && t.y1 <= bar.y0 + 1 && bar.y0 - t.y1 <= 3 * th) out.push([bar.y0 - t.y1, t]);
    else if (overlapX > 0 && t.y0 >= bar.y1 - 1 && t.y0 - bar.y1 <= 3 * th) out.push([t.y0 - bar.y1, t]);
    else if (Math.abs(midY - (bar.y0 + bar.y1) / 2) <= th) {
      if (t.x0 >= bar.x1 - 1 && t.x0 - bar.x1 <= 3 * th) out.push([t.x0 - bar.x1, t]);
      else if (t.x1 <= bar.x0 + 1 && bar.x0 - t.x1 <= 3 * th) out.push([bar.x0 - t.x1, t]);
    }
  }
  return out.sort((a, b) => a[0] - b[0]).map(([, t]) => t);
}
