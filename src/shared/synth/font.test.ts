import { describe, expect, it } from 'vitest';
import { ADVANCE, drawText, glyphPixel, hasGlyph, textWidth } from './font';

describe('5x7 font', () => {
  it('covers digits, letters and the data-bar punctuation', () => {
    const needed = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz .:µ=';
    for (const ch of needed) expect(hasGlyph(ch), ch).toBe(true);
  });

  it('glyphs are distinct and non-empty (except space)', () => {
    const chars = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz.:µ=';
    const seen = new Map<string, string>();
    for (const ch of chars) {
      let bits = '';
      for (let c = 0; c < 5; c++) for (let r = 0; r < 7; r++) bits += glyphPixel(ch, c, r) ? '1' : '0';
      expect(bits.includes('1'), ch).toBe(true);
      // l and 1, O and 0 differ in any decent font; only allow exact duplicates for none.
      expect(seen.get(bits), `${ch} duplicates ${seen.get(bits)}`).toBeUndefined();
      seen.set(bits, ch);
    }
    expect(glyphPixel(' ', 2, 3)).toBe(false);
    expect(glyphPixel('I', 2, 0)).toBe(true); // the stem of I
  });

  it('measures and stamps text at integer scale, clipped', () => {
    expect(textWidth('', 2)).toBe(0);
    expect(textWidth('AB', 1)).toBe(2 * ADVANCE - 1);
    expect(textWidth('AB', 3)).toBe((2 * ADVANCE - 1) * 3);
    const w = 40, h = 20;
    const data = new Uint8Array(w * h);
    drawText(data, w, 'I', 1, 1, 2, 255, { x0: 0, x1: w, y0: 0, y1: h });
    // I's stem is column 2 → x = 1 + 2*2 .. +1, rows 1..14
    expect(data[1 * w + 5]).toBe(255);
    expect(data[14 * w + 6]).toBe(255);
    expect(data[15 * w + 5]).toBe(0);
    const clipped = new Uint8Array(w * h);
    drawText(clipped, w, 'IIIIIIIIII', 0, 0, 2, 9, { x0: 0, x1: 20, y0: 0, y1: 5 });
    for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) if (clipped[y * w + x]) expect(x < 20 && y < 5).toBe(true);
  });
});
