/**
 * A second glyph style for burnt-in scale labels: a single-stroke sans (Hershey-like polylines and arcs)
 * rendered anti-aliased at any cap height and stroke weight. The 5x7 bitmap font (font.ts) draws the rest
 * of the data bar; scale labels use either, so a label reader is tested on more than one font, and on
 * neither of the reader's own templates (src/shared/dataset/scaleGlyphs.ts). Only the characters of
 * scale labels: digits, '.', ',', ' ', n, m, u, µ.
 *
 * Glyph coordinates are in cap heights: y = 0 is the top of a digit, y = 1 the baseline (µ descends to
 * 1.25); x from 0 to the glyph's width.
 */

type Pt = [number, number];
interface StrokeGlyph {
  w: number;
  lines: Pt[][];
}

/** Points of an elliptic arc, angles in degrees (0 = right, 90 = up), from a0 to a1 either way. */
function arc(cx: number, cy: number, rx: number, ry: number, a0: number, a1: number): Pt[] {
  const n = Math.max(2, Math.ceil(Math.abs(a1 - a0) / 10));
  return Array.from({ length: n + 1 }, (_, k) => {
    const a = ((a0 + ((a1 - a0) * k) / n) * Math.PI) / 180;
    return [cx + rx * Math.cos(a), cy - ry * Math.sin(a)] as Pt;
  });
}

const GLYPHS: Record<string, StrokeGlyph> = {
  '0': { w: 0.56, lines: [arc(0.28, 0.5, 0.26, 0.5, 0, 360)] },
  '1': { w: 0.34, lines: [[[0.04, 0.22], [0.3, 0], [0.3, 1]]] },
  '2': { w: 0.56, lines: [[...arc(0.28, 0.27, 0.25, 0.27, 160, -20), [0.02, 1], [0.56, 1]]] },
  '3': { w: 0.56, lines: [arc(0.27, 0.25, 0.23, 0.25, 150, -90), arc(0.27, 0.73, 0.26, 0.27, 90, -150)] },
  '4': { w: 0.58, lines: [[[0.42, 1], [0.42, 0], [0.02, 0.68], [0.58, 0.68]]] },
  '5': { w: 0.55, lines: [[[0.5, 0], [0.12, 0], [0.07, 0.46], ...arc(0.28, 0.67, 0.25, 0.31, 140, -150)]] },
  '6': { w: 0.56, lines: [[...arc(0.3, 0.5, 0.27, 0.5, 60, 200), ...arc(0.28, 0.68, 0.25, 0.32, 180, -180)]] },
  '7': { w: 0.56, lines: [[[0.02, 0], [0.56, 0], [0.2, 1]]] },
  '8': { w: 0.56, lines: [arc(0.28, 0.24, 0.21, 0.24, 0, 360), arc(0.28, 0.73, 0.25, 0.27, 0, 360)] },
  '9': { w: 0.56, lines: [arc(0.28, 0.32, 0.25, 0.32, 0, 360), arc(0.26, 0.5, 0.27, 0.5, 20, -120)] },
  '.': { w: 0.14, lines: [[[0.07, 0.95], [0.07, 0.95]]] },
  ',': { w: 0.14, lines: [[[0.09, 0.93], [0.03, 1.15]]] },
  ' ': { w: 0.26, lines: [] },
  n: { w: 0.46, lines: [[[0.04, 0.3], [0.04, 1]], [[0.04, 0.5], ...arc(0.24, 0.5, 0.2, 0.2, 180, 0), [0.44, 1]]] },
  u: { w: 0.46, lines: [[[0.04, 0.3], [0.04, 0.8], ...arc(0.24, 0.8, 0.2, 0.2, 180, 360)], [[0.44, 0.3], [0.44, 1]]] },
  µ: { w: 0.46, lines: [[[0.04, 0.3], [0.04, 1.25]], [[0.04, 0.8], ...arc(0.24, 0.8, 0.2, 0.2, 180, 360)], [[0.44, 0.3], [0.44, 1]]] },
  m: {
    w: 0.74,
    lines: [
      [[0.04, 0.3], [0.04, 1]],
      [[0.04, 0.48], ...arc(0.205, 0.48, 0.165, 0.18, 180, 0), [0.37, 1]],
      [[0.37, 0.48], ...arc(0.535, 0.48, 0.165, 0.18, 180, 0), [0.7, 1]],
    ],
  },
};

export function hasStrokeGlyph(ch: string): boolean {
  return ch in GLYPHS;
}

const GAP = 0.16; // space between glyphs, in cap heights (plus the stroke width)

/** Width in pixels of text at cap height capH with stroke width sw. */
export function strokeTextWidth(text: string, capH: number, sw: number): number {
  let w = 0;
  for (const ch of text) w += (GLYPHS[ch]?.w ?? 0.5) * capH + GAP * capH + sw;
  return text.length ? w - GAP * capH : 0;
}

/**
 * Draws text with the top of its digits at (x, y): put(px, py, coverage 0..1) for each pixel the strokes
 * touch (anti-aliased by distance to the stroke's centre line). Returns the x after the text.
 */
export function drawStrokeText(
  put: (px: number, py: number, a: number) => void, text: string, x: number, y: number, capH: number, sw: number,
): number {
  const r = sw / 2;
  let cx = x + r;
  for (const ch of text) {
    const g = GLYPHS[ch];
    if (!g) {
      cx += 0.5 * capH + GAP * capH + sw;
      continue;
    }
    const segs: [number, number, number, number][] = [];
    for (const line of g.lines) {
      for (let k = 0; k < line.length; k++) {
        const [ax, ay] = line[k];
        const [bx, by] = line[Math.min(k + 1, line.length - 1)];
        segs.push([cx + ax * capH, y + ay * capH, cx + bx * capH, y + by * capH]);
      }
    }
    const x0 = Math.floor(cx - r - 1);
    const x1 = Math.ceil(cx + g.w * capH + r + 1);
    const y0 = Math.floor(y - r - 1);
    const y1 = Math.ceil(y + 1.3 * capH + r + 1);
    for (let py = y0; py <= y1; py++) {
      for (let px = x0; px <= x1; px++) {
        let d = Infinity;
        for (const s of segs) d = Math.min(d, segDist(px + 0.5, py + 0.5, s));
        const a = r + 0.5 - d;
        if (a > 0) put(px, py, Math.min(1, a));
      }
    }
    cx += g.w * capH + GAP * capH + sw;
  }
  return cx - r - GAP * capH;
}

function segDist(px: number, py: number, [ax, ay, bx, by]: [number, number, number, number]): number {
  const dx = bx - ax;
  const dy = by - ay;
  const len2 = dx * dx + dy * dy;
  const t = len2 > 0 ? Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / len2)) : 0;
  const ex = px - (ax + t * dx);
  const ey = py - (ay + t * dy);
  return Math.sqrt(ex * ex + ey * ey);
}
