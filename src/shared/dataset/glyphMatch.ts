/**
 * Classifying one glyph of a scale label. Digits: nearest template (scaleGlyphs.ts) by a weighted sum of
 * feature distances (glyphFeatures.ts); a glyph far from every template, or not clearly nearer one
 * character than any other, is reported as such (dist, margin) for the reader to refuse. Unit letters
 * n, m, u/µ: by structure (stems, open side), which varies less between fonts than their shapes.
 */

import { featureDistances, glyphFeatures, type GlyphFeatures, type GlyphMask } from './glyphFeatures';
import { GLYPH_BITMAPS } from './scaleGlyphs';

/** Where a glyph sits on its text line: cap height (digits) or x-height (unit letters). */
export type GlyphGroup = 'tall' | 'short';

export interface Template extends GlyphFeatures {
  ch: string;
}

export const TEMPLATES: Template[] = GLYPH_BITMAPS.map(([ch, mask]) => ({ ch, ...glyphFeatures(mask) }));

/** Weights of the feature distances: chamfer, profiles, aspect, holes, crossings. */
const WEIGHTS = [1, 0.25, 2, 0.3, 1];

/** A sure read: near a template (distance ≤ 1.6) and clearly nearer it than any other character (by 0.15). */
export function isSure(m: GlyphMatch): boolean {
  return m.ch !== '?' && m.dist <= 1.6 && m.margin >= 0.15;
}

export interface GlyphMatch {
  ch: string;
  /** distance to the best template (0 = identical) */
  dist: number;
  /** distance to the best template of another character, minus dist */
  margin: number;
}

/**
 * Best character of a group for a glyph: for digits the template with the least weighted feature distance
 * (the best of a character's variants counts); margin is how much nearer it is than any other character.
 */
export function classifyGlyph(g: GlyphMask, group: GlyphGroup): GlyphMatch {
  if (group === 'short') return classifyUnitLetter(g);
  const f = glyphFeatures(g);
  if (f.ink.length === 0) return { ch: '?', dist: Infinity, margin: 0 };
  const best = new Map<string, number>();
  for (const t of TEMPLATES) {
    const d = featureDistances(f, t).reduce((s, v, i) => s + WEIGHTS[i] * v, 0);
    if (d < (best.get(t.ch) ?? Infinity)) best.set(t.ch, d);
  }
  const ranked = [...best.entries()].sort((x, y) => x[1] - y[1]);
  const [ch, dist] = ranked[0];
  return { ch, dist, margin: (ranked[1]?.[1] ?? Infinity) - dist };
}

/**
 * The lower-case letters of units, told apart by structure rather than templates (fonts differ most
 * here): m has three stems, n and u two; n is closed at the top and open at the bottom, u (and µ, the
 * same unit) the other way round. dist is 0 for a clear case, margin how clear.
 */
function classifyUnitLetter(g: GlyphMask): GlyphMatch {
  const { w, h, mask } = g;
  const unsure: GlyphMatch = { ch: '?', dist: Infinity, margin: 0 };
  if (h < 4 || w < 3) return unsure;
  const runs = (y: number): number => {
    let n = 0;
    for (let x = 0; x < w; x++) if (mask[y * w + x] && (x === 0 || !mask[y * w + x - 1])) n++;
    return n;
  };
  const mid: number[] = [];
  for (let y = Math.round(0.4 * h); y <= Math.round(0.75 * h) - 1; y++) mid.push(runs(y));
  mid.sort((a, b) => a - b);
  const stems = mid[Math.floor(mid.length / 2)] ?? 0;
  const band = (y0: number, y1: number): number => {
    let ink = 0;
    let n = 0;
    for (let y = y0; y < y1; y++) for (let x = Math.round(w / 3); x < Math.round((2 * w) / 3); x++, n++) ink += mask[y * w + x];
    return n ? ink / n : 0;
  };
  const top = band(0, Math.max(1, Math.round(0.3 * h)));
  const bottom = band(h - Math.max(1, Math.round(0.4 * h)), h);
  if (stems === 3 && w >= 0.8 * h) return { ch: 'm', dist: 0, margin: 1 };
  if (stems !== 2) return unsure;
  const margin = Math.abs(top - bottom);
  if (top - bottom >= 0.15 && bottom <= 0.1) return { ch: 'n', dist: 0, margin };
  if (bottom - top >= 0.15 && top <= 0.1) return { ch: 'µ', dist: 0, margin };
  return unsure;
}
