import { describe, expect, it } from 'vitest';
import { textOn, viridis } from './colormap';

describe('viridis', () => {
  it('hits the end stops and interpolates between them', () => {
    expect(viridis(0)).toBe('#440154');
    expect(viridis(1)).toBe('#fde725');
    expect(viridis(0.5)).toBe('#21918c');
    expect(viridis(0.05)).toBe('#461365'); // halfway between #440154 and #482475
  });

  it('clamps out-of-range and NaN input', () => {
    expect(viridis(-1)).toBe('#440154');
    expect(viridis(2)).toBe('#fde725');
    expect(viridis(Number.NaN)).toBe('#440154');
  });

  it('gets lighter monotonically (sequential scale)', () => {
    const lum = (h: string) => [1, 3, 5].reduce((a, i, k) => a + [0.2126, 0.7152, 0.0722][k] * parseInt(h.slice(i, i + 2), 16), 0);
    for (let t = 0; t < 1; t += 0.05) expect(lum(viridis(t + 0.05))).toBeGreaterThan(lum(viridis(t)));
  });

  it('picks a readable text colour', () => {
    expect(textOn(0)).toBe('#ffffff');
    expect(textOn(1)).toBe('#1d2b3a');
  });
});
