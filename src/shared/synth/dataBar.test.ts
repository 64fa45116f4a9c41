import { describe, expect, it } from 'vitest';
import { generateSemImage } from './classes';
import { dataBarLevels, dataBarRect, dataBarStrings, drawDataBar } from './dataBar';
import type { DataBarSpec, GrayImage } from './types';

const rows = (img: GrayImage, top: number, bottom: number) => img.data.subarray(top * img.width, bottom * img.width);

describe('dataBarRect', () => {
  it('bottom bar ends at the last row', () => {
    expect(dataBarRect({ style: 'dark', position: 'bottom' }, 256, 192)).toEqual({ top: 192 - 15, bottom: 192 });
    expect(dataBarRect({ style: 'bright', position: 'bottom', heightFrac: 0.1 }, 1024, 768)).toEqual({ top: 768 - 77, bottom: 768 });
  });

  it('above-bottom bar leaves a strip of image below it', () => {
    const r = dataBarRect({ style: 'dark', position: 'above-bottom', heightFrac: 0.1 }, 256, 200);
    expect(r).toEqual({ top: 200 - 6 - 20, bottom: 200 - 6 });
    const small = dataBarRect({ style: 'dark', position: 'above-bottom' }, 64, 48);
    expect(48 - small.bottom).toBe(2); // at least 2 rows of strip
  });

  it('clamps heightFrac to [0.03, 0.25] and stays inside the image', () => {
    expect(dataBarRect({ style: 'dark', position: 'bottom', heightFrac: 0.9 }, 100, 100).top).toBe(75);
    expect(dataBarRect({ style: 'dark', position: 'bottom', heightFrac: 0 }, 100, 100).top).toBe(97);
    const r = dataBarRect({ style: 'dark', position: 'above-bottom' }, 4, 3);
    expect(r.top).toBeGreaterThanOrEqual(0);
    expect(r.bottom).toBeLessThanOrEqual(3);
  });
});

describe('drawDataBar', () => {
  const cases: [DataBarSpec, number, number][] = [
    [{ style: 'bright', position: 'bottom' }, 256, 192],
    [{ style: 'dark', position: 'bottom', heightFrac: 0.12 }, 256, 192],
    [{ style: 'dark', position: 'above-bottom', heightFrac: 0.06 }, 512, 384],
    [{ style: 'bright', position: 'above-bottom' }, 1024, 768],
  ];

  it.each(cases)('%o at %ix%i: uniform fill plus opposite-tone text, nothing else touched', (spec, w, h) => {
    const plain = generateSemImage({ kind: 'particles', width: w, height: h, seed: 4 });
    const img = generateSemImage({ kind: 'particles', width: w, height: h, seed: 4, dataBar: spec });
    const { top, bottom } = dataBarRect(spec, w, h);
    const { fill, text } = dataBarLevels(spec, 4);
    if (spec.style === 'bright') {
      expect(fill).toBeGreaterThanOrEqual(228);
      expect(text).toBeLessThanOrEqual(30);
    } else {
      expect(fill).toBeLessThanOrEqual(22);
      expect(text).toBeGreaterThanOrEqual(215);
    }
    const bar = rows(img, top, bottom);
    let nFill = 0, nText = 0;
    for (const v of bar) {
      if (v === fill) nFill++;
      else if (v === text) nText++;
    }
    // Exactly two levels in the bar: fill dominates, text is clearly present.
    expect(nFill + nText).toBe(bar.length);
    expect(nFill / bar.length).toBeGreaterThan(0.6);
    expect(nText / bar.length).toBeGreaterThan(0.03);
    // Every bar row starts with fill (left margin) — a detector scanning rows sees a uniform run.
    for (let y = top; y < bottom; y++) expect(img.data[y * w]).toBe(fill);
    // Outside the bar the specimen is untouched.
    expect(Buffer.from(rows(img, 0, top)).equals(Buffer.from(rows(plain, 0, top)))).toBe(true);
    expect(Buffer.from(rows(img, bottom, h)).equals(Buffer.from(rows(plain, bottom, h)))).toBe(true);
  });

  it('a bar too thin for text is a plain band', () => {
    const img: GrayImage = { width: 50, height: 40, data: new Uint8Array(2000).fill(128) };
    const spec: DataBarSpec = { style: 'dark', position: 'bottom', heightFrac: 0.1 };
    drawDataBar(img, spec, 1);
    const { top } = dataBarRect(spec, 50, 40);
    expect(new Set(rows(img, top, 40))).toEqual(new Set([dataBarLevels(spec, 1).fill]));
  });

  it('prints instrument-like parameter strings', () => {
    const { scale, rows: lines } = dataBarStrings(3);
    expect(scale).toMatch(/^\d+ (nm|µm)$/);
    expect(lines.join(' ')).toMatch(/EHT = \d+\.\d\d kV .*WD = \d+\.\d mm/);
    expect(lines.join(' ')).toMatch(/Mag = [\d.]+ K X .*Signal A = \w+/);
  });
});
