import { describe, expect, it } from 'vitest';
import { crossings, distanceMap, featureDistances, findHoles, glyphFeatures, GH, GW, normaliseGlyph, type GlyphMask } from './glyphFeatures';

const mask = (rows: string[]): GlyphMask => ({
  w: rows[0].length,
  h: rows.length,
  mask: Uint8Array.from(rows.join('').split(''), (c) => (c === '#' ? 1 : 0)),
});

const EIGHT = mask(['.####.', '##..##', '##..##', '.####.', '##..##', '##..##', '##..##', '.####.']);
const ZERO = mask(['.####.', '##..##', '##..##', '##..##', '##..##', '##..##', '##..##', '.####.']);
const ONE = mask(['.##', '###', '.##', '.##', '.##', '.##', '.##', '.##']);

describe('glyph features', () => {
  it('finds holes with their place: 0 one in the middle, 8 two stacked, 1 none', () => {
    const z = findHoles(ZERO);
    expect(z).toHaveLength(1);
    expect(z[0].y).toBeCloseTo(0.5, 1);
    const e = findHoles(EIGHT);
    expect(e).toHaveLength(2);
    expect(e[0].y).toBeLessThan(0.4);
    expect(e[1].y).toBeGreaterThan(0.6);
    expect(findHoles(ONE)).toHaveLength(0);
    // An opening to the border is no hole (a C, a 5).
    expect(findHoles(mask(['####', '#...', '#...', '####']))).toHaveLength(0);
  });

  it('normalises to the grid, keeping narrow glyphs narrow', () => {
    const wide = normaliseGlyph(ZERO);
    const narrow = normaliseGlyph(mask(Array(12).fill('##')));
    const cols = (g: Uint8Array) => new Set(Array.from(g.keys()).filter((i) => g[i]).map((i) => i % GW)).size;
    expect(cols(wide)).toBe(GW);
    expect(cols(narrow)).toBeLessThanOrEqual(4);
    expect(narrow.length).toBe(GW * GH);
  });

  it("counts stroke crossings: 8's waist is one stroke, 0's middle two", () => {
    const mid = Math.floor(GH * 0.44);
    expect(crossings(normaliseGlyph(EIGHT))[mid]).toBe(1);
    expect(crossings(normaliseGlyph(ZERO))[mid]).toBe(2);
  });

  it('distance map: 0 on ink, one cell per step away', () => {
    const grid = new Uint8Array(GW * GH);
    grid[5 * GW + 5] = 1;
    const d = distanceMap(grid);
    expect(d[5 * GW + 5]).toBe(0);
    expect(d[5 * GW + 8]).toBeCloseTo(3, 5);
    expect(d[8 * GW + 8]).toBeGreaterThan(3.9);
  });

  it('a glyph is at distance 0 from itself and further from another digit', () => {
    const z = glyphFeatures(ZERO);
    expect(featureDistances(z, z).every((d) => d === 0)).toBe(true);
    const toEight = featureDistances(z, glyphFeatures(EIGHT));
    expect(toEight[3]).toBeGreaterThanOrEqual(1); // holes
    expect(toEight[4]).toBeGreaterThan(0); // crossings
  });
});
