import { describe, expect, it } from 'vitest';
import { createCanvas, drawBlob, drawCapsule, drawDisc, fillConvex, randomHarmonics } from './raster';

const sum = (a: Float32Array) => a.reduce((s, v) => s + v, 0);

describe('raster primitives (coverage ≈ exact area, thanks to anti-aliasing)', () => {
  it('disc', () => {
    const c = createCanvas(64, 64);
    drawDisc(c, 32, 32, 10, () => 1);
    expect(sum(c.px) / (Math.PI * 100)).toBeCloseTo(1, 1);
  });

  it('capsule: rectangle plus two half discs, shade sees both sides', () => {
    const c = createCanvas(80, 40);
    const sides = new Set<number>();
    drawCapsule(c, 20, 20, 60, 20, 5, (_nd, side) => { sides.add(Math.sign(Math.round(side * 2))); return 1; });
    expect(sum(c.px) / (40 * 10 + Math.PI * 25)).toBeCloseTo(1, 1);
    expect(sides.has(1) && sides.has(-1)).toBe(true);
  });

  it('convex polygon of either winding, with inset distance', () => {
    for (const pts of [[10, 10, 30, 10, 30, 30, 10, 30], [10, 10, 10, 30, 30, 30, 30, 10]]) {
      const c = createCanvas(40, 40);
      let maxInset = 0;
      fillConvex(c, pts, (_x, _y, inset) => { maxInset = Math.max(maxInset, inset); return 1; });
      expect(sum(c.px)).toBeCloseTo(400, -1);
      expect(maxInset).toBeCloseTo(9.5, 5); // pixel centres: the innermost is half a pixel off the middle
    }
  });

  it('blob without harmonics is a disc; with harmonics stays near its radius', () => {
    const c = createCanvas(64, 64);
    drawBlob(c, 32, 32, 10, [], () => 1);
    expect(sum(c.px) / (Math.PI * 100)).toBeCloseTo(1, 1);
    let k = 0;
    const hs = randomHarmonics(() => ((k = (k * 7 + 3) % 11) / 11), 0.1);
    const d = createCanvas(64, 64);
    drawBlob(d, 32, 32, 10, hs, () => 1);
    expect(sum(d.px) / (Math.PI * 100)).toBeGreaterThan(0.7);
    expect(sum(d.px) / (Math.PI * 100)).toBeLessThan(1.3);
  });

  it('shapes partly or fully outside the canvas are clipped, not errors', () => {
    const c = createCanvas(20, 20);
    drawDisc(c, -5, 10, 8, () => 1);
    drawCapsule(c, -50, -50, 100, 100, 2, () => 1);
    fillConvex(c, [-10, -10, -5, -10, -5, -5], () => 1);
    drawBlob(c, 500, 500, 5, [], () => 1);
    expect(c.px.every((v) => Number.isFinite(v) && v >= 0 && v <= 1)).toBe(true);
  });
});
