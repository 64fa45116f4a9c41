import { describe, expect, it } from 'vitest';
import { drawStrokeText, hasStrokeGlyph, strokeTextWidth } from './strokeFont';

/** Renders text into a coverage raster; returns it with the ink's bounding box. */
function render(text: string, capH: number, sw: number, x = 10.3, y = 10.6) {
  const W = 400;
  const H = 80;
  const cov = new Float32Array(W * H);
  const end = drawStrokeText((px, py, a) => {
    if (px >= 0 && px < W && py >= 0 && py < H) cov[py * W + px] = Math.max(cov[py * W + px], a);
  }, text, x, y, capH, sw);
  let [x0, y0, x1, y1] = [W, H, -1, -1];
  for (let i = 0; i < cov.length; i++) {
    if (cov[i] < 0.5) continue;
    const px = i % W;
    const py = (i - px) / W;
    [x0, y0, x1, y1] = [Math.min(x0, px), Math.min(y0, py), Math.max(x1, px), Math.max(y1, py)];
  }
  return { cov, end, box: { x0, y0, x1, y1 } };
}

describe('stroke font (second glyph style for scale labels)', () => {
  it('has every character of a scale label', () => {
    for (const ch of '0123456789., nmuµ') expect(hasStrokeGlyph(ch), ch).toBe(true);
    expect(hasStrokeGlyph('Q')).toBe(false);
  });

  it('draws at any cap height: digits span the cap height, µ descends below the baseline', () => {
    for (const capH of [9, 14.5, 23]) {
      const digits = render('20', capH, 2);
      expect(Math.abs(digits.box.y1 - digits.box.y0 + 1 - capH)).toBeLessThanOrEqual(2.5);
      const micro = render('µ', capH, 2);
      expect(micro.box.y1).toBeGreaterThan(digits.box.y1 + 0.15 * capH);
      expect(micro.box.y0).toBeGreaterThan(digits.box.y0 + 0.2 * capH); // x-height, below the cap line
    }
  });

  it('measures what it draws, and anti-aliases (coverage between 0 and 1)', () => {
    const { cov, end, box } = render('500 nm', 16, 1.7);
    expect(end).toBeCloseTo(10.3 + strokeTextWidth('500 nm', 16, 1.7), 6);
    expect(box.x1).toBeLessThanOrEqual(Math.ceil(end) + 1);
    expect(box.x0).toBeGreaterThanOrEqual(9);
    const partial = Array.from(cov).filter((a) => a > 0 && a < 1).length;
    expect(partial).toBeGreaterThan(20);
    expect(strokeTextWidth('', 16, 2)).toBe(0);
    expect(strokeTextWidth('1', 16, 2)).toBeLessThan(strokeTextWidth('0', 16, 2));
  });

  it('stroke weight follows sw', () => {
    const ink = (sw: number) => Array.from(render('8', 20, sw).cov).reduce((s, a) => s + a, 0);
    expect(ink(3)).toBeGreaterThan(1.8 * ink(1.5));
  });
});
