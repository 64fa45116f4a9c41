/**
 * Reading a scale label ("20 µm", "500nm", "5.00 um", "1 mm") from a gray raster, for scaleBar.ts.
 *
 *   inkComponents: 8-connected components of pixels that differ from the bar's fill by more than a threshold;
 *   textLines:     components grouped into lines of text (overlapping rows, small gaps, similar heights);
 *   readLabel:     re-binarises one line at 30% of its own ink contrast (coloured text is read at its luma),
 *                  merges pieces of a glyph, and from each glyph that could be a first digit reads on:
 *                  digits, at most one space, unit letters; a glyph is a digit, a unit letter or a dot by
 *                  where it sits against the first digit's cap line and baseline, and is classified by
 *                  glyphMatch.ts. The run must spell `number unit` and stand apart from anything else.
 *
 * Every glyph of a label must be read surely (glyphMatch.isSure), a decimal point must be solid, and no
 * faint ink may lie between the glyphs or just before the number; otherwise the line gives no label.
 */

import { classifyGlyph, isSure, type GlyphGroup } from './glyphMatch';

/** Rows or columns as half-open ranges: x0 ≤ x < x1, y0 ≤ y < y1. */
export interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export interface Raster {
  width: number;
  height: number;
  data: ArrayLike<number>;
}

export interface Comp extends Box {
  /** pixel indices into the raster */
  px: number[];
}

export type Unit = 'nm' | 'µm' | 'mm';

export interface LabelRead {
  text: string;
  value: number;
  unit: Unit;
  nm: number;
  box: Box;
  /** the worst glyph's template distance (lower is surer) */
  worst: number;
}

/** Components of |v - fill| > thr inside box (8-connected), with at least minPx pixels. */
export function inkComponents(img: Raster, box: Box, fill: number, thr: number, minPx = 2): Comp[] {
  const { width: w, data } = img;
  const bw = box.x1 - box.x0;
  const seen = new Uint8Array(bw * (box.y1 - box.y0));
  const ink = (x: number, y: number): boolean => Math.abs(data[y * w + x] - fill) > thr;
  const out: Comp[] = [];
  for (let y = box.y0; y < box.y1; y++) {
    for (let x = box.x0; x < box.x1; x++) {
      const s = (y - box.y0) * bw + x - box.x0;
      if (seen[s] || !ink(x, y)) continue;
      const c: Comp = { x0: x, y0: y, x1: x + 1, y1: y + 1, px: [] };
      const stack = [x, y];
      seen[s] = 1;
      while (stack.length) {
        const cy = stack.pop()!;
        const cx = stack.pop()!;
        c.px.push(cy * w + cx);
        c.x0 = Math.min(c.x0, cx);
        c.x1 = Math.max(c.x1, cx + 1);
        c.y0 = Math.min(c.y0, cy);
        c.y1 = Math.max(c.y1, cy + 1);
        for (let dy = -1; dy <= 1; dy++) {
          for (let dx = -1; dx <= 1; dx++) {
            const nx = cx + dx;
            const ny = cy + dy;
            if (nx < box.x0 || nx >= box.x1 || ny < box.y0 || ny >= box.y1) continue;
            const t = (ny - box.y0) * bw + nx - box.x0;
            if (seen[t] || !ink(nx, ny)) continue;
            seen[t] = 1;
            stack.push(nx, ny);
          }
        }
      }
      if (c.px.length >= minPx) out.push(c);
    }
  }
  return out;
}

/**
 * Groups components into text lines: overlapping rows, a gap ≤ 1.5 × their height, and a height that fits
 * the line (up to 1.6× taller or shorter; shorter still when inside the line's rows: a dot, a lower-case
 * letter), so a big logo next to a label stays apart.
 */
export function textLines(comps: Comp[]): Box[] {
  const sorted = [...comps].sort((a, b) => a.x0 - b.x0);
  const lines: (Box & { h: number })[] = [];
  for (const c of sorted) {
    const h = c.y1 - c.y0;
    const line = lines.find((l) => {
      const overlap = Math.min(l.y1, c.y1) - Math.max(l.y0, c.y0);
      const fits = h <= 1.6 * l.h && (h * 1.6 >= l.h || (c.y0 >= l.y0 - 0.1 * l.h && c.y1 <= l.y1 + 0.35 * l.h));
      return fits && overlap >= 0.4 * Math.min(h, l.h) && c.x0 - l.x1 <= 1.5 * Math.max(h, l.h);
    });
    if (line) Object.assign(line, { x0: Math.min(line.x0, c.x0), x1: Math.max(line.x1, c.x1), y0: Math.min(line.y0, c.y0), y1: Math.max(line.y1, c.y1), h: Math.max(line.h, h) });
    else lines.push({ x0: c.x0, y0: c.y0, x1: c.x1, y1: c.y1, h });
  }
  return lines.map(({ x0, y0, x1, y1 }) => ({ x0, y0, x1, y1 }));
}

/**
 * Every `number [space] unit` in the text line at `box` (on a fill of level `fill`) whose glyphs all read
 * surely, with nothing glued to either end. `exclude` drops components (the scale bar itself, separators).
 * A label's metrics (cap line, baseline) are those of its first digit, so a logo or bigger text on the
 * same line does not disturb them.
 */
export function readLabel(img: Raster, box: Box, fill: number, exclude: (c: Comp) => boolean = () => false): LabelRead[] {
  const area: Box = { x0: Math.max(0, box.x0 - 2), y0: Math.max(0, box.y0 - 2), x1: Math.min(img.width, box.x1 + 2), y1: Math.min(img.height, box.y1 + 2) };
  // Contrast of the line's ink: a high percentile of the pixels that differ from the fill at all.
  const diffs: number[] = [];
  for (let y = area.y0; y < area.y1; y++) {
    for (let x = area.x0; x < area.x1; x++) {
      const d = Math.abs(img.data[y * img.width + x] - fill);
      if (d > 20) diffs.push(d);
    }
  }
  diffs.sort((a, b) => a - b);
  const contrast = diffs.length ? diffs[Math.floor(0.9 * (diffs.length - 1))] : 0;
  if (contrast < 40) return [];
  const thr = 0.3 * contrast;
  // Components cut by the area's top or bottom edge belong to something else (a line above, a frame).
  const cut = (c: Comp): boolean => (c.y0 === area.y0 && area.y0 > 0) || (c.y1 === area.y1 && area.y1 < img.height);
  const all = inkComponents(img, area, fill, thr, 1);
  const comps = mergeColumns(all.filter((c) => !exclude(c) && !cut(c)));
  // Where faint ink is no part of the text: around what was left out (the bar's blended ends).
  const skip = all.filter((c) => exclude(c) || cut(c)).map((c) => ({ x0: c.x0 - 2, y0: c.y0 - 2, x1: c.x1 + 2, y1: c.y1 + 2 }));
  const out: LabelRead[] = [];
  for (let a = 0; a < comps.length; a++) {
    const first = comps[a];
    const H = first.y1 - first.y0;
    if (H < 7 || (a > 0 && first.x0 - comps[a - 1].x1 < 0.6 * H)) continue;
    const ctx: LineCtx = { img, fill, thr, capTop: first.y0, base: first.y1, dot: Math.max(2, 0.3 * strokeWidth(img, first, fill, thr) ** 2), skip };
    // Nothing, not even faint ink, may come just before a label's first digit (a faded "2." of "2.5").
    if (faintInk(ctx, Math.max(area.x0, Math.floor(first.x0 - 0.6 * H)), first.x0 - 1, 0.2 * contrast)) continue;
    const glyphs: Glyph[] = [];
    let spaced = false;
    for (let b = a; b < comps.length; b++) {
      const c = comps[b];
      const prev = glyphs[glyphs.length - 1];
      // Glyphs of a label are close; only a space between the number and its unit may be wider.
      if (prev && c.x0 - prev.x1 >= 0.6 * H) {
        if (spaced || c.x0 - prev.x1 > 1.3 * H || !/\d/.test(prev.ch)) break;
        spaced = true;
      }
      // Ink too faint for a glyph between two glyphs (a thin decimal point?) ends the label there.
      if (prev && faintInk(ctx, prev.x1 + 1, c.x0 - 1, 0.2 * contrast)) break;
      glyphs.push({ x0: c.x0, y0: c.y0, x1: c.x1, y1: c.y1, ...classify(ctx, c) });
    }
    const next = comps[a + glyphs.length];
    const label = spell(glyphs, H);
    if (label && (!next || next.x0 - glyphs[glyphs.length - 1].x1 >= 0.6 * H)) out.push(label);
  }
  return out;
}

export interface Glyph extends Box {
  /** the character read, '?' when unsure */
  ch: string;
  dist: number;
  margin: number;
}

interface LineCtx {
  img: Raster;
  fill: number;
  thr: number;
  capTop: number;
  base: number;
  /** fewest pixels of a decimal point */
  dot: number;
  /** boxes where faint ink is ignored */
  skip: Box[];
}

/** Median length of the horizontal ink runs of a glyph: its stroke width. */
function strokeWidth(img: Raster, c: Comp, fill: number, thr: number): number {
  const runs: number[] = [];
  for (let y = c.y0; y < c.y1; y++) {
    let n = 0;
    for (let x = c.x0; x <= c.x1; x++) {
      if (x < c.x1 && Math.abs(img.data[y * img.width + x] - fill) > thr) n++;
      else if (n) {
        runs.push(n);
        n = 0;
      }
    }
  }
  runs.sort((a, b) => a - b);
  return runs.length ? runs[Math.floor(runs.length / 2)] : 1;
}

/** Any pixel beyond `lim` from the fill in columns x0..x1-1 between the cap line and the baseline (outside `skip`). */
function faintInk(ctx: LineCtx, x0: number, x1: number, lim: number): boolean {
  const { img, fill, capTop, base, skip } = ctx;
  for (let y = capTop; y < base; y++) {
    for (let x = x0; x < x1; x++) {
      if (Math.abs(img.data[y * img.width + x] - fill) <= lim) continue;
      if (!skip.some((b) => x >= b.x0 && x < b.x1 && y >= b.y0 && y < b.y1)) return true;
    }
  }
  return false;
}

/** Components whose columns overlap by half the narrower one are parts of one glyph. */
function mergeColumns(comps: Comp[]): Comp[] {
  const out: Comp[] = [];
  for (const c of [...comps].sort((a, b) => a.x0 - b.x0)) {
    const prev = out[out.length - 1];
    const overlap = prev ? Math.min(prev.x1, c.x1) - Math.max(prev.x0, c.x0) : -1;
    if (prev && overlap >= 0.5 * Math.min(prev.x1 - prev.x0, c.x1 - c.x0)) {
      Object.assign(prev, { x0: Math.min(prev.x0, c.x0), x1: Math.max(prev.x1, c.x1), y0: Math.min(prev.y0, c.y0), y1: Math.max(prev.y1, c.y1) });
      prev.px.push(...c.px);
    } else out.push({ ...c, px: [...c.px] });
  }
  return out;
}

function classify(ctx: LineCtx, c: Comp): { ch: string; dist: number; margin: number } {
  const { img, fill, thr, capTop, base } = ctx;
  const H = base - capTop;
  const w = c.x1 - c.x0;
  const h = c.y1 - c.y0;
  const unsure = { ch: '?', dist: Infinity, margin: 0 };
  if (h <= 0.45 * H && w <= 0.45 * H && c.y1 >= base - 0.2 * H && c.y0 >= capTop + 0.5 * H) {
    return c.px.length >= ctx.dot ? { ch: '.', dist: 0, margin: 1 } : unsure;
  }
  let group: GlyphGroup | null = null;
  if (c.y0 <= capTop + 0.15 * H && h >= 0.75 * H && c.y1 <= base + 0.15 * H) group = 'tall';
  else if (c.y0 >= capTop + 0.15 * H && c.y0 <= capTop + 0.62 * H && c.y1 >= base - 0.15 * H) group = 'short';
  if (!group || h < 4) return unsure;
  // A descender (µ) is cut off: the letter is read on its x-height part.
  const desc = group === 'short' && c.y1 > base + 0.15 * H;
  const rows = desc ? Math.max(1, base - c.y0) : h;
  const mask = new Uint8Array(w * rows);
  for (const i of c.px) {
    const y = Math.floor(i / img.width);
    if (y - c.y0 < rows && Math.abs(img.data[i] - fill) > thr) mask[(y - c.y0) * w + (i % img.width) - c.x0] = 1;
  }
  const m = classifyGlyph({ w, h: rows, mask }, group);
  if (desc && m.ch !== 'µ') return unsure;
  return isSure(m) ? m : { ...unsure, dist: m.dist };
}

const LABEL = /^(\d{1,4}(?:[.,]\d{1,3})?)(nm|µm|mm)$/;
const NM: Record<Unit, number> = { nm: 1, µm: 1000, mm: 1e6 };

/**
 * The label spelt by a run of glyphs (a number, then a unit; "u" stands for µ), all of them read surely;
 * null otherwise. A space is no glyph: "20 µm" and "20µm" read alike.
 */
function spell(glyphs: Glyph[], H: number): LabelRead | null {
  if (glyphs.some((g) => g.ch === '?')) return null;
  const text = glyphs.map((g) => g.ch.replace('u', 'µ')).join('');
  const m = LABEL.exec(text);
  if (!m || /^0\d/.test(m[1])) return null;
  const value = Number(m[1].replace(',', '.'));
  if (!(value > 0)) return null;
  const unit = m[2] as Unit;
  const u = glyphs.length - 2;
  const spaced = glyphs[u].x0 - glyphs[u - 1].x1 > 0.3 * H;
  return {
    text: `${m[1]}${spaced ? ' ' : ''}${unit}`, value, unit, nm: value * NM[unit],
    box: { x0: glyphs[0].x0, y0: Math.min(...glyphs.map((g) => g.y0)), x1: glyphs[u + 1].x1, y1: Math.max(...glyphs.map((g) => g.y1)) },
    worst: Math.max(...glyphs.map((g) => g.dist)),
  };
}
