/**
 * What a segmented glyph is compared on, for the scale-label reader (glyphMatch.ts). The glyph (a 0/1
 * mask of its ink box) is resampled to a GW×GH grid (narrow glyphs stay narrow), and described by:
 *   - the grid's ink cells and its distance map (symmetric chamfer distance: thickness-tolerant),
 *   - outline profiles (empty cells left/right of each row, above/below each column),
 *   - stroke crossings per row and column (8's waist: 1; a slashed 0's middle: 3),
 *   - holes (enclosed background: position and size), from the full-resolution mask,
 *   - aspect ratio.
 */

export const GW = 16;
export const GH = 24;

/** A binary glyph: row-major 0/1 mask of its ink bounding box. */
export interface GlyphMask {
  w: number;
  h: number;
  mask: Uint8Array;
}

/** What a glyph is compared on (see the file's comment). */
export interface GlyphFeatures {
  /** ink cells of the normalised grid, and each cell's distance to the nearest ink cell */
  ink: number[];
  dt: Float32Array;
  prof: Float32Array;
  cross: Uint8Array;
  holes: Hole[];
  aspect: number;
}

/**
 * Binary GW×GH grid of a glyph: its box resampled (each cell inked when at least 35% of it is ink);
 * a glyph narrower than 0.6 of its height fills a proportionally narrower, centred part, so a "1" stays
 * a bar.
 */
export function normaliseGlyph(g: GlyphMask): Uint8Array {
  const cover = new Float32Array(GW * GH);
  const gw = GW * Math.min(1, g.w / g.h / 0.6);
  const off = (GW - gw) / 2;
  for (let y = 0; y < g.h; y++) {
    const gy0 = (y / g.h) * GH;
    const gy1 = ((y + 1) / g.h) * GH;
    for (let x = 0; x < g.w; x++) {
      if (!g.mask[y * g.w + x]) continue;
      const gx0 = off + (x / g.w) * gw;
      const gx1 = off + ((x + 1) / g.w) * gw;
      for (let cy = Math.floor(gy0); cy < Math.min(GH, Math.ceil(gy1)); cy++) {
        const fy = Math.min(gy1, cy + 1) - Math.max(gy0, cy);
        for (let cx = Math.floor(gx0); cx < Math.min(GW, Math.ceil(gx1)); cx++) {
          cover[cy * GW + cx] += fy * (Math.min(gx1, cx + 1) - Math.max(gx0, cx));
        }
      }
    }
  }
  return cover.map((c) => (c >= 0.35 ? 1 : 0)) as unknown as Uint8Array;
}

/** Distance (in cells, 3-4 chamfer) from every cell to the nearest ink cell. */
export function distanceMap(grid: ArrayLike<number>): Float32Array {
  const d = new Float32Array(GW * GH);
  for (let i = 0; i < d.length; i++) d[i] = grid[i] ? 0 : 1e6;
  const pass = (i: number, x: number, y: number, dirs: [number, number, number][]): void => {
    for (const [dx, dy, c] of dirs) {
      const xx = x + dx;
      const yy = y + dy;
      if (xx >= 0 && xx < GW && yy >= 0 && yy < GH) d[i] = Math.min(d[i], d[yy * GW + xx] + c);
    }
  };
  const fwd: [number, number, number][] = [[-1, 0, 3], [0, -1, 3], [-1, -1, 4], [1, -1, 4]];
  const bwd: [number, number, number][] = [[1, 0, 3], [0, 1, 3], [1, 1, 4], [-1, 1, 4]];
  for (let y = 0; y < GH; y++) for (let x = 0; x < GW; x++) pass(y * GW + x, x, y, fwd);
  for (let y = GH - 1; y >= 0; y--) for (let x = GW - 1; x >= 0; x--) pass(y * GW + x, x, y, bwd);
  return d.map((v) => v / 3);
}

/**
 * Outline profiles: for each row the empty cells left and right of the ink, for each column the empty
 * cells above and below it (GW or GH where a row or column is empty).
 */
export function profiles(grid: ArrayLike<number>): Float32Array {
  const p = new Float32Array(2 * GH + 2 * GW);
  for (let y = 0; y < GH; y++) {
    let l = 0;
    while (l < GW && !grid[y * GW + l]) l++;
    let r = 0;
    while (r < GW && !grid[y * GW + GW - 1 - r]) r++;
    p[y] = l;
    p[GH + y] = r;
  }
  for (let x = 0; x < GW; x++) {
    let t = 0;
    while (t < GH && !grid[t * GW + x]) t++;
    let b = 0;
    while (b < GH && !grid[(GH - 1 - b) * GW + x]) b++;
    p[2 * GH + x] = t;
    p[2 * GH + GW + x] = b;
  }
  return p;
}

/** Strokes crossed by each row and each column of the grid (8 for 8's middle row… 1, 2 for 0's). */
export function crossings(grid: ArrayLike<number>): Uint8Array {
  const c = new Uint8Array(GH + GW);
  for (let y = 0; y < GH; y++) for (let x = 0; x < GW; x++) if (grid[y * GW + x] && (x === 0 || !grid[y * GW + x - 1])) c[y]++;
  for (let x = 0; x < GW; x++) for (let y = 0; y < GH; y++) if (grid[y * GW + x] && (y === 0 || !grid[(y - 1) * GW + x])) c[GH + x]++;
  return c;
}

const inkCells = (grid: ArrayLike<number>): number[] => Array.from({ length: GW * GH }, (_, i) => i).filter((i) => grid[i]);

/** A hole of a glyph: its centre as shares of the box (x, y) and its share of the box's area. */
export interface Hole {
  x: number;
  y: number;
  area: number;
}

/**
 * Holes: background regions (4-connected) that do not reach the border of the box, at least 1% of its
 * area, top to bottom.
 */
export function findHoles(g: GlyphMask): Hole[] {
  const { w, h, mask } = g;
  const seen = new Uint8Array(w * h);
  const holes: Hole[] = [];
  for (let s = 0; s < w * h; s++) {
    if (mask[s] || seen[s]) continue;
    let border = false;
    let n = 0;
    let sx = 0;
    let sy = 0;
    const stack = [s];
    seen[s] = 1;
    while (stack.length) {
      const i = stack.pop()!;
      const x = i % w;
      const y = (i - x) / w;
      n++;
      sx += x + 0.5;
      sy += y + 0.5;
      if (x === 0 || y === 0 || x === w - 1 || y === h - 1) border = true;
      for (const j of [x > 0 ? i - 1 : -1, x < w - 1 ? i + 1 : -1, y > 0 ? i - w : -1, y < h - 1 ? i + w : -1]) {
        if (j >= 0 && !mask[j] && !seen[j]) {
          seen[j] = 1;
          stack.push(j);
        }
      }
    }
    if (!border && n >= 0.01 * w * h) holes.push({ x: sx / n / w, y: sy / n / h, area: n / (w * h) });
  }
  return holes.sort((p, q) => p.y - q.y);
}

/** 0 for the same holes in the same places; each hole too many or too few costs 1. */
export function holeDist(a: Hole[], b: Hole[]): number {
  let d = Math.abs(a.length - b.length);
  for (let i = 0; i < Math.min(a.length, b.length); i++) d += Math.min(1, 2 * Math.abs(a[i].y - b[i].y) + Math.abs(a[i].x - b[i].x));
  return d;
}

export function glyphFeatures(g: GlyphMask): GlyphFeatures {
  const grid = normaliseGlyph(g);
  return { ink: inkCells(grid), dt: distanceMap(grid), prof: profiles(grid), cross: crossings(grid), holes: findHoles(g), aspect: g.w / g.h };
}

/**
 * Distances of a glyph to a template, one per cue: symmetric chamfer (mean distance in grid cells from
 * each one's ink to the other's), outline profiles, aspect ratio (log), holes, stroke crossings.
 */
export function featureDistances(f: GlyphFeatures, t: GlyphFeatures): number[] {
  let a = 0;
  for (const i of f.ink) a += t.dt[i];
  let b = 0;
  for (const i of t.ink) b += f.dt[i];
  let p = 0;
  for (let i = 0; i < f.prof.length; i++) p += Math.min(4, Math.abs(f.prof[i] - t.prof[i]));
  let c = 0;
  for (let i = 0; i < f.cross.length; i++) c += Math.min(2, Math.abs(f.cross[i] - t.cross[i]));
  return [(a / f.ink.length + b / t.ink.length) / 2, p / f.prof.length, Math.abs(Math.log(f.aspect / t.aspect)), holeDist(f.holes, t.holes), c / f.cross.length];
}

