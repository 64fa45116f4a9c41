import { describe, expect, it } from 'vitest';
import { createCanvas } from './raster';
import { blur, edgeBrighten, randomLook, semFinish } from './sem';
import { Rng } from './rng';

describe('SEM look', () => {
  it('blur keeps a flat field flat and spreads a step', () => {
    for (const sigma of [0.5, 3]) {
      const c = createCanvas(40, 30, 0.4);
      blur(c, sigma);
      expect(c.px.every((v) => Math.abs(v - 0.4) < 1e-5)).toBe(true);
      const s = createCanvas(40, 30);
      for (let y = 0; y < 30; y++) for (let x = 20; x < 40; x++) s.px[y * 40 + x] = 1;
      blur(s, sigma);
      expect(s.px[15 * 40 + 19]).toBeGreaterThan(0.05);
      expect(s.px[15 * 40 + 20]).toBeLessThan(0.95);
    }
  });

  it('edge effect brightens boundaries only', () => {
    const c = createCanvas(40, 30, 0.3);
    for (let y = 0; y < 30; y++) for (let x = 20; x < 40; x++) c.px[y * 40 + x] = 0.6;
    edgeBrighten(c, 1);
    expect(c.px[15 * 40 + 5]).toBeCloseTo(0.3);
    expect(c.px[15 * 40 + 30]).toBeCloseTo(0.6);
    expect(c.px[15 * 40 + 19]).toBeGreaterThan(0.4);
    expect(c.px[15 * 40 + 20]).toBeGreaterThan(0.7);
  });

  it('semFinish crops, quantises and adds noise of the expected size', () => {
    const c = createCanvas(120, 100, 0.5);
    const look = { ...randomLook(new Rng(1)), brightness: 0, contrast: 1, tiltX: 0, tiltY: 0, lineJitter: 0, noiseSd: 0.03, shotGain: 0 };
    const img = semFinish(c, look, 9, { x: 10, y: 20, w: 100, h: 60 });
    expect([img.width, img.height, img.data.length]).toEqual([100, 60, 6000]);
    const m = img.data.reduce((a, v) => a + v, 0) / img.data.length;
    const sd = Math.sqrt(img.data.reduce((a, v) => a + (v - m) ** 2, 0) / img.data.length);
    expect(m).toBeCloseTo(128, -1);
    expect(sd).toBeGreaterThan(0.03 * 255 * 0.8);
    expect(sd).toBeLessThan(0.03 * 255 * 1.2);
    const again = semFinish(createCanvas(120, 100, 0.5), look, 9, { x: 10, y: 20, w: 100, h: 60 });
    expect(again.data).toEqual(img.data);
  });
});
