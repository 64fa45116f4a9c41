import { describe, expect, it } from 'vitest';
import { heatToRgba, viridis, viridisGradient } from './colormap';

const luma = ([r, g, b]: number[]) => 0.299 * r + 0.587 * g + 0.114 * b;

describe('viridis', () => {
  it('runs from dark purple to yellow, clamping outside 0..1', () => {
    expect(viridis(0)).toEqual([68, 1, 84]);
    expect(viridis(1)).toEqual([253, 231, 37]);
    expect(viridis(-3)).toEqual(viridis(0));
    expect(viridis(7)).toEqual(viridis(1));
    expect(viridis(Number.NaN)).toEqual(viridis(0));
    expect(viridis(1 / 16)).toEqual([70, 23, 104]); // halfway between the first two stops
  });

  it('gets brighter all the way, so it reads in grayscale and with colour-vision deficiencies', () => {
    const l = Array.from({ length: 101 }, (_, i) => luma(viridis(i / 100)));
    for (let i = 1; i < l.length; i++) expect(l[i]).toBeGreaterThan(l[i - 1]);
  });

  it('turns a heat map into opaque RGBA, and a legend gradient', () => {
    const px = heatToRgba([0, 1]);
    expect(Array.from(px)).toEqual([68, 1, 84, 255, 253, 231, 37, 255]);
    expect(viridisGradient()).toMatch(/^linear-gradient\(to right, rgb\(68 1 84\)/);
  });
});
