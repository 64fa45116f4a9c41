import { describe, expect, it } from 'vitest';
import { drawText } from '../synth/font';
import { drawStrokeText } from '../synth/strokeFont';
import type { GlyphMask } from './glyphFeatures';
import { classifyGlyph, isSure, TEMPLATES } from './glyphMatch';
import { GLYPH_BITMAPS } from './scaleGlyphs';

/** One character in one of the generator's fonts (not the reader's templates), cut to its ink box. */
function glyph(ch: string, font: 'bitmap' | 'stroke', size: number, weight = 0.12): GlyphMask {
  const W = 80;
  const H = 80;
  const cov = new Float32Array(W * H);
  if (font === 'bitmap') {
    const d = new Uint8Array(W * H);
    drawText(d, W, ch, 8, 8, size, 1, { x0: 0, x1: W, y0: 0, y1: H });
    d.forEach((v, i) => (cov[i] = v));
  } else {
    drawStrokeText((x, y, a) => (cov[y * W + x] = Math.max(cov[y * W + x], a)), ch, 8.4, 8.3, size, Math.max(1, weight * size));
  }
  let [x0, y0, x1, y1] = [W, H, 0, 0];
  cov.forEach((a, i) => {
    if (a < 0.45) return;
    [x0, y0, x1, y1] = [Math.min(x0, i % W), Math.min(y0, Math.floor(i / W)), Math.max(x1, (i % W) + 1), Math.max(y1, Math.floor(i / W) + 1)];
  });
  const w = x1 - x0;
  const h = y1 - y0;
  return { w, h, mask: Uint8Array.from({ length: w * h }, (_, k) => (cov[(y0 + Math.floor(k / w)) * W + x0 + (k % w)] >= 0.45 ? 1 : 0)) };
}

describe('glyph templates and classifier', () => {
  it('templates are rectangular bitmaps, and each reads as its own character', () => {
    expect(new Set(GLYPH_BITMAPS.map(([ch]) => ch))).toEqual(new Set('0123456789'));
    expect(TEMPLATES).toHaveLength(GLYPH_BITMAPS.length);
    for (const [ch, m] of GLYPH_BITMAPS) {
      expect(m.mask.length).toBe(m.w * m.h);
      const r = classifyGlyph(m, 'tall');
      expect(r.ch, ch).toBe(ch);
      expect(r.dist).toBeLessThan(1e-9);
    }
  });

  it("reads digits of the generator's fonts (which are not its templates), and never reads one surely wrong", () => {
    let sure = 0;
    let total = 0;
    const wrong: string[] = [];
    const cases: ['bitmap' | 'stroke', number, number][] = [['bitmap', 2, 0], ['bitmap', 3, 0], ['stroke', 11, 0.1], ['stroke', 16, 0.15], ['stroke', 23, 0.09]];
    for (const [font, size, weight] of cases) {
      for (const ch of '0123456789') {
        const r = classifyGlyph(glyph(ch, font, size, weight), 'tall');
        total++;
        if (!isSure(r)) continue;
        if (r.ch === ch) sure++;
        else wrong.push(`${font}${size} ${ch}→${r.ch}`);
      }
    }
    console.info(`glyph classifier on the generator's fonts: ${sure}/${total} digits read surely, ${wrong.length} wrong`);
    expect(wrong).toEqual([]);
    expect(sure / total).toBeGreaterThanOrEqual(0.8);
  });

  it('tells the unit letters apart by structure: n, m, u and µ (one unit)', () => {
    for (const [font, size] of [['bitmap', 2], ['bitmap', 3], ['stroke', 14], ['stroke', 22]] as const) {
      expect(classifyGlyph(glyph('n', font, size), 'short').ch).toBe('n');
      expect(classifyGlyph(glyph('m', font, size), 'short').ch).toBe('m');
      expect(classifyGlyph(glyph('u', font, size), 'short').ch).toBe('µ');
      if (font === 'bitmap') expect(classifyGlyph(glyph('µ', font, size), 'short').ch).toBe('µ');
    }
  });

  it('is unsure of what is no digit or unit letter', () => {
    const block: GlyphMask = { w: 8, h: 12, mask: new Uint8Array(96).fill(1) };
    expect(isSure(classifyGlyph(block, 'tall'))).toBe(false);
    expect(isSure(classifyGlyph(block, 'short'))).toBe(false);
    for (const ch of 'x') expect(isSure(classifyGlyph(glyph(ch, 'bitmap', 2), 'short')), ch).toBe(false);
    for (const ch of 'HKMNVWX#%') expect(isSure(classifyGlyph(glyph(ch, 'bitmap', 2), 'tall')), ch).toBe(false);
  });
});
