import { describe, expect, it } from 'vitest';
import { greyStats, LBP_BINS, lbpHistogram, TEXTURE_FEATURES, textureFeatures } from './lbp';

const img = (width: number, height: number, f: (x: number, y: number) => number) => {
  const data = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data[y * width + x] = f(x, y);
  return { width, height, data };
};

describe('lbpHistogram (riu2)', () => {
  it('a flat image: every neighbour equals the centre, so all 8 bits are 1 (code 8)', () => {
    const h = lbpHistogram(img(7, 7, () => 100), 1);
    expect(h.length).toBe(LBP_BINS);
    expect(h[8]).toBe(1);
    expect(h.reduce((a, v) => a + v, 0)).toBeCloseTo(1, 12);
  });

  it('a single bright dot is a local maximum (code 0); a dark one a minimum (code 8)', () => {
    // 3×3 image, radius 1: only the centre pixel is inside; it is brighter than all neighbours → no bit set.
    expect(Array.from(lbpHistogram(img(3, 3, (x, y) => (x === 1 && y === 1 ? 200 : 10)), 1))).toEqual([1, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    // A dark centre: all neighbours are ≥ it → code 8.
    expect(lbpHistogram(img(3, 3, (x, y) => (x === 1 && y === 1 ? 0 : 10)), 1)[8]).toBe(1);
  });

  it('a vertical edge: the dark side sees every neighbour ≥ it; the bright side one run of 5', () => {
    // Columns 0,1 dark (10), column 2 bright (200). Centre (1,1) is dark; neighbours at x=2 (3 of them) are
    // brighter, at x=1 (2) equal, at x=0 (3) equal → every neighbour ≥ centre → code 8.
    expect(lbpHistogram(img(3, 3, (x) => (x === 2 ? 200 : 10)), 1)[8]).toBe(1);
    // Centre bright, right column dark: the 3 dark neighbours are below it, the other 5 ≥ → one run of 5 ones: code 5.
    expect(lbpHistogram(img(3, 3, (x) => (x === 2 ? 10 : 200)), 1)[5]).toBe(1);
  });

  it('a checkerboard: diagonal neighbours are interpolated (as skimage does), not read from the corner pixel', () => {
    // Checkerboard: centre (1,1) is black (0); axis neighbours white, diagonal black → all ≥ 0 → code 8.
    expect(lbpHistogram(img(3, 3, (x, y) => ((x + y) % 2 ? 255 : 0)), 1)[8]).toBe(1);
    // Centre white: axis neighbours black; a diagonal at (0.707, 0.707) mixes centre and corner (white,
    // weights 0.086 + 0.5) with two black axis pixels → 149 < 255: every bit 0 → code 0.
    expect(lbpHistogram(img(3, 3, (x, y) => ((x + y) % 2 ? 0 : 255)), 1)[0]).toBe(1);
    // Radius 2 on 5×5 around a white centre: the axis neighbours (±2) are white again, the diagonals at
    // (1.414, 1.414) mix black and white pixels → below 255 → bits 1,0,1,0,… → 8 transitions: bin 9.
    expect(lbpHistogram(img(5, 5, (x, y) => ((x + y) % 2 ? 0 : 255)), 2)[9]).toBe(1);
  });

  it('counts only pixels a full circle fits around; a too-small image gives zeros', () => {
    expect(Array.from(lbpHistogram(img(5, 5, () => 1), 3))).toEqual(new Array(10).fill(0));
    // 9×9 at radius 3: 3×3 = 9 centres.
    const h = lbpHistogram(img(9, 9, (x, y) => (x * 7 + y * 13) % 256), 3);
    expect(h.reduce((a, v) => a + v, 0)).toBeCloseTo(1, 12);
    for (const v of h) expect((v * 9) % 1).toBeCloseTo(0, 9);
  });
});

describe('greyStats', () => {
  it('half black, half white: mean 0.5, std 0.5, no skew, kurtosis -2, percentiles 0/0 or 1/1', () => {
    const s = greyStats(img(4, 2, (x) => (x < 2 ? 0 : 255)));
    expect(s[0]).toBeCloseTo(0.5, 12);
    expect(s[1]).toBeCloseTo(0.5, 12);
    expect(s[2]).toBeCloseTo(0, 12);
    expect(s[3]).toBeCloseTo(-2, 12);
    expect(s[4]).toBe(0);
    expect(s[6]).toBe(1);
    // Right neighbours differ only at the one column boundary per row (2 of 6 pairs), lower never (0 of 4).
    expect(s[7]).toBeCloseTo(2 / 10, 12);
  });

  it('a flat image has no spread and no edges', () => {
    const s = greyStats(img(5, 5, () => 51));
    expect(Array.from(s)).toEqual([0.2, 0, 0, 0, 0.2, 0.2, 0.2, 0]);
  });
});

it('textureFeatures concatenates three histograms and the statistics', () => {
  const f = textureFeatures(img(16, 16, (x, y) => (x * y) % 256));
  expect(f.length).toBe(TEXTURE_FEATURES);
  expect(f.length).toBe(38);
  for (let r = 0; r < 3; r++) expect(f.slice(r * 10, r * 10 + 10).reduce((a, v) => a + v, 0)).toBeCloseTo(1, 5);
});
