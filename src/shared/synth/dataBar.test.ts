import { describe, expect, it } from 'vitest';
import { generateSemImage } from './classes';
import { dataBarLayout, dataBarLevels, dataBarRect, dataBarScale, dataBarValues, scaleLabelText, vendorBarSpec, VENDOR_LAYOUTS, type VendorLayout } from './dataBar';
import type { GrayImage } from './types';

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

describe('drawDataBar in vendor layouts', () => {
  const layoutCases = VENDOR_LAYOUTS.flatMap((v) => [[v, 256, 192], [v, 1024, 768]] as [VendorLayout, number, number][]);

  it.each(layoutCases)('%s at %ix%i: a flat fill with text in the other tone, specimen untouched outside', (vendor, w, h) => {
    const spec = vendorBarSpec(vendor, 4);
    const plain = generateSemImage({ kind: 'particles', width: w, height: h, seed: 4 });
    const img = generateSemImage({ kind: 'particles', width: w, height: h, seed: 4, dataBar: spec });
    const { top, bottom } = dataBarRect(spec, w, h);
    expect(bottom - top).toBeGreaterThanOrEqual(Math.round(0.045 * h));
    const bar = rows(img, top, bottom);
    const hist = new Uint32Array(256);
    for (const v of bar) hist[v]++;
    const fill = hist.indexOf(Math.max(...hist));
    // The fill is one exact level (rendered, not imaged) and holds most of the bar.
    expect(hist[fill] / bar.length).toBeGreaterThan(0.5);
    expect(fill >= 128).toBe(spec.style === 'bright');
    // Text: many pixels far from the fill in the other tone.
    let ink = 0;
    for (const v of bar) if (Math.abs(v - fill) > 60) ink++;
    expect(ink / bar.length).toBeGreaterThan(0.02);
    expect(Buffer.from(rows(img, 0, top)).equals(Buffer.from(rows(plain, 0, top)))).toBe(true);
    expect(Buffer.from(rows(img, bottom, h)).equals(Buffer.from(rows(plain, bottom, h)))).toBe(true);
  });

  it('each vendor has its geometry: Zeiss mostly above the bottom edge, Tescan tallest, JEOL/Hitachi thin', () => {
    const specs = (v: VendorLayout) => Array.from({ length: 40 }, (_, i) => vendorBarSpec(v, i));
    expect(specs('zeiss').filter((s) => s.position === 'above-bottom').length).toBeGreaterThan(20);
    for (const s of specs('zeiss')) if (s.position === 'above-bottom') expect(s.belowFrac).toBeGreaterThanOrEqual(0.06);
    const maxH = (v: VendorLayout) => Math.max(...specs(v).map((s) => s.heightFrac ?? 0));
    expect(maxH('tescan')).toBeGreaterThan(maxH('fei'));
    expect(maxH('hitachi')).toBeLessThanOrEqual(0.08);
    expect(specs('fei').every((s) => s.style === 'dark' && s.position === 'bottom')).toBe(true);
  });

  it('a spec without a vendor draws one of its style\'s layouts', () => {
    expect(dataBarLayout({ style: 'dark', position: 'bottom' }, 1)).toMatch(/fei|thermo|jeol-dark|hitachi/);
    expect(dataBarLayout({ style: 'bright', position: 'bottom' }, 1)).toMatch(/zeiss|jeol-light|tescan/);
    expect(dataBarLevels({ style: 'dark', position: 'bottom' }, 3).fill).toBeLessThan(30);
    expect(dataBarLevels({ style: 'bright', position: 'bottom' }, 3).fill).toBeGreaterThan(190);
  });

  it('acquisition values agree with each other: scale bar length × pixel size = its label', () => {
    for (let seed = 1; seed <= 30; seed++) {
      const v = dataBarValues(seed, 1024);
      const m = /^(\d+) (nm|µm|mm)$/.exec(v.scaleLabel);
      expect(m).not.toBeNull();
      const nm = Number(m![1]) * { nm: 1, µm: 1000, mm: 1e6 }[m![2] as 'nm'];
      expect(v.scaleNm).toBe(nm);
      expect(Math.abs(v.scaleLen * v.pixelNm - nm) / nm).toBeLessThan(0.01);
      expect(v.scaleLen).toBeGreaterThan(10);
      expect(v.scaleLen).toBeLessThan(0.25 * 1024);
    }
  });

  it('scale labels come in two glyph styles and several sizes, spelt as each vendor does, and agree with the bar', () => {
    const styles = Array.from({ length: 60 }, (_, i) => dataBarValues(i, 1024).labelStyle);
    expect(new Set(styles.map((s) => s.font))).toEqual(new Set(['bitmap', 'stroke']));
    expect(new Set(styles.map((s) => s.size.toFixed(1))).size).toBeGreaterThan(5);
    expect(styles.some((s) => !s.space) && styles.some((s) => s.micro === 'u')).toBe(true);
    expect(scaleLabelText({ scaleNm: 5000, labelStyle: { ...styles[0], space: false, micro: 'µ' } }, 'hitachi')).toBe('5.00µm');
    expect(scaleLabelText({ scaleNm: 500, labelStyle: { ...styles[0], space: true } }, 'zeiss')).toBe('500 nm');
    expect(scaleLabelText({ scaleNm: 2e6, labelStyle: { ...styles[0], space: true } }, 'fei')).toBe('2 mm');
    for (const width of [640, 1024, 1536]) {
      for (let seed = 1; seed <= 20; seed++) {
        const spec = vendorBarSpec(VENDOR_LAYOUTS[seed % VENDOR_LAYOUTS.length], seed);
        const t = dataBarScale(spec, seed, width);
        const m = /^([\d.]+) ?(nm|µm|um|mm)$/.exec(t.label)!;
        const nm = Number(m[1]) * { nm: 1, µm: 1000, um: 1000, mm: 1e6 }[m[2] as 'nm'];
        expect(Math.abs((nm / t.barPx) / t.nmPerPx - 1)).toBeLessThan(0.02);
      }
    }
  });
});
