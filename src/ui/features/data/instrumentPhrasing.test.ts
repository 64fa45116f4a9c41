import { describe, expect, it } from 'vitest';
import { formatKv, formatMagnification, formatPixelSize, instrumentFacts, instrumentSummary, pixelNmAttr } from './instrumentPhrasing';

const info = { pixelSizeNm: 4.2051, pixelSizeSource: 'zeiss-tag' as const, magnification: 10_000, kV: 5, detector: 'InLens' };

describe('instrument phrasing', () => {
  it('units scale with the value, three significant figures', () => {
    expect(formatPixelSize(0.5582)).toBe('0.558 nm/px');
    expect(formatPixelSize(4.2051)).toBe('4.21 nm/px');
    expect(formatPixelSize(1117)).toBe('1.12 µm/px');
    expect(formatMagnification(10_000)).toBe('10,000×');
    expect(formatMagnification(39.37)).toBe('39.4×');
    expect(formatKv(0.5)).toBe('0.5 kV');
    expect(formatKv(15)).toBe('15 kV');
  });
  it('facts and a one-line summary of what is known, with the source of the pixel size', () => {
    expect(instrumentFacts(info)).toEqual([
      ['Pixel size', '4.21 nm/px (Zeiss TIFF tag)'], ['Magnification', '10,000×'], ['Beam voltage', '5 kV'], ['Detector', 'InLens'],
    ]);
    expect(instrumentSummary({ ...info, pixelSizeNm: null, pixelSizeSource: null, detector: null })).toBe('10,000× · 5 kV');
    expect(instrumentSummary(undefined)).toBe('');
  });
  it('data-pixel-nm is a plain decimal, absent when unknown', () => {
    expect(pixelNmAttr(info)).toBe('4.2051');
    expect(pixelNmAttr({ ...info, pixelSizeNm: 1000 / 160 })).toBe('6.25');
    expect(pixelNmAttr({ ...info, pixelSizeNm: 0.001 })).toBe('0.001');
    expect(pixelNmAttr({ ...info, pixelSizeNm: null })).toBeUndefined();
    expect(pixelNmAttr(null)).toBeUndefined();
  });
});
