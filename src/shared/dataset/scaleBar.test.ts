import { describe, expect, it } from 'vitest';
import { dataBarRect, dataBarScale, drawDataBar, generateSemImage, Rng, SEM_KINDS, VENDOR_LAYOUTS, vendorBarSpec, type VendorLayout } from '../synth';
import { drawText } from '../synth/font';
import { detectDataBar, scaleDataBar } from './dataBar';
import { resizeGray, type GrayImage } from './gray';
import { readScaleBar, type Box } from './scaleBar';

const SIZES: [number, number][] = [[640, 480], [800, 600], [1024, 768], [1280, 960], [1536, 1024]];

/**
 * An export-size frame with a vendor's data bar. Only the bar and a strip of specimen texture around it
 * are drawn (the reader looks at nothing else); the rows handed to the reader have 0–3 rows of slack
 * each way, as a bar found on the 256 px copy and scaled up has.
 */
function frame(vendor: VendorLayout, seed: number) {
  const r = new Rng(seed);
  const [w, h] = SIZES[r.int(0, SIZES.length - 1)];
  const spec = vendorBarSpec(vendor, seed);
  const rect = dataBarRect(spec, w, h);
  const data = new Uint8Array(w * h).fill(100);
  for (let y = Math.max(0, rect.top - 12); y < Math.min(h, rect.bottom + 12); y++) {
    for (let x = 0; x < w; x++) data[y * w + x] = 90 + Math.round(60 * Math.sin(x * 0.05 + y * 0.031)) + r.int(-25, 25);
  }
  const img: GrayImage = { width: w, height: h, data };
  drawDataBar(img, spec, seed);
  return { img, rows: { top: rect.top - r.int(0, 3), bottom: rect.bottom + r.int(0, 3) }, truth: dataBarScale(spec, seed, w) };
}

const read = (img: GrayImage, rows: { top: number; bottom?: number }) => readScaleBar(img.data, img.width, img.height, rows);

function erase(img: GrayImage, b: Box, fill: number): void {
  for (let y = Math.max(0, b.y0); y < Math.min(img.height, b.y1); y++) img.data.fill(fill, y * img.width + Math.max(0, b.x0), y * img.width + Math.min(img.width, b.x1));
}

describe('readScaleBar per vendor layout (synth/vendorBars.ts), 640–1536 px frames', () => {
  // Each layout: N frames; labels in the 5x7 bitmap font or the stroke font (neither is the reader's
  // templates) at several sizes. Read: a reading came back. Wrong: its nm/px is off the generator's by
  // more than 5%. Done-when: every reading within 5%; target ≥ 90% read.
  const N = 50;
  const table = ['| layout | read | wrong (> 5%) | mean nm/px error |', '| --- | --- | --- | --- |'];
  for (const [li, vendor] of VENDOR_LAYOUTS.entries()) {
    it(`${vendor}: ≥ 90% read, every reading within 5% of the true pixel size`, () => {
      let ok = 0;
      let errSum = 0;
      const wrong: string[] = [];
      for (let i = 0; i < N; i++) {
        const { img, rows, truth } = frame(vendor, 9000 + 100 * li + i);
        const res = read(img, rows);
        if (!res) continue;
        const err = Math.abs(res.nmPerPx / truth.nmPerPx - 1);
        if (err > 0.05) wrong.push(`${truth.label} (${truth.barPx} px) read as ${res.labelText} (${res.barPx.toFixed(1)} px)`);
        else {
          ok++;
          errSum += err;
          expect(Math.abs(res.barPx - truth.barPx)).toBeLessThanOrEqual(Math.max(1.5, 0.02 * truth.barPx));
        }
      }
      table.push(`| ${vendor} | ${ok + wrong.length}/${N} | ${wrong.length} | ${((100 * errSum) / Math.max(1, ok)).toFixed(2)}% |`);
      if (li === VENDOR_LAYOUTS.length - 1) console.info(`scale bar reading per vendor layout (${N} frames each)\n${table.join('\n')}`);
      expect(wrong).toEqual([]);
      expect(ok / N).toBeGreaterThanOrEqual(0.9);
    });
  }
});

describe('readScaleBar end to end and when it must say nothing', () => {
  it('reads the bar the detector finds on the 256 px copy of a full generated micrograph', () => {
    for (const [li, vendor] of VENDOR_LAYOUTS.entries()) {
      const seed = 300 + li;
      const spec = vendorBarSpec(vendor, seed);
      const img = generateSemImage({ kind: SEM_KINDS[li], width: 1024, height: 768, seed, dataBar: spec });
      const small = resizeGray(img, 256, 192);
      const bar = scaleDataBar(detectDataBar(small), 192, 768);
      expect(bar.found, vendor).toBe(true);
      const res = read(img, bar);
      const truth = dataBarScale(spec, seed, 1024);
      expect(res, `${vendor} ${truth.label}`).not.toBeNull();
      expect(Math.abs(res!.nmPerPx / truth.nmPerPx - 1), vendor).toBeLessThanOrEqual(0.05);
    }
  });

  it('finds nothing in specimen rows without a data bar', () => {
    for (let k = 0; k < SEM_KINDS.length; k++) {
      const img = generateSemImage({ kind: SEM_KINDS[k], width: 640, height: 480, seed: 40 + k });
      expect(read(img, { top: 400 }), SEM_KINDS[k]).toBeNull();
      expect(read(img, { top: 0, bottom: 80 }), SEM_KINDS[k]).toBeNull();
    }
  });

  it('gives nothing for a bar without its scale bar, or without its label', () => {
    let checked = 0;
    for (const [li, vendor] of VENDOR_LAYOUTS.entries()) {
      for (let i = 0; i < 3; i++) {
        const { img, rows } = frame(vendor, 9000 + 100 * li + i);
        const res = read(img, rows);
        if (!res) continue;
        checked++;
        const fill = img.data[res.barBox.y0 * img.width + Math.max(0, res.barBox.x0 - 3)];
        const noLabel: GrayImage = { ...img, data: img.data.slice() };
        erase(noLabel, { x0: res.labelBox.x0 - 1, y0: res.labelBox.y0 - 1, x1: res.labelBox.x1 + 1, y1: res.labelBox.y1 + 1 }, fill);
        expect(read(noLabel, rows), `${vendor} label erased`).toBeNull();
        // The bar with its ticks, up to (not into) its label.
        const b = res.barBox;
        const l = res.labelBox;
        const up = l.y1 <= b.y0 ? l.y1 + 1 : b.y0 - 12;
        const right = l.x0 >= b.x1 ? l.x0 - 1 : b.x1 + 3;
        const noBar: GrayImage = { ...img, data: img.data.slice() };
        erase(noBar, { x0: b.x0 - 3, y0: up, x1: right, y1: b.y1 + 12 }, fill);
        expect(read(noBar, rows), `${vendor} bar erased`).toBeNull();
      }
    }
    expect(checked).toBeGreaterThanOrEqual(18);
  });

  it('gives nothing when two bars disagree, and reads either one alone', () => {
    const w = 1024;
    const h = 80;
    const band = (bars: [number, number][]): GrayImage => {
      const data = new Uint8Array(w * h).fill(250);
      for (const [x, len] of bars) {
        drawText(data, w, '10 um', x, 20, 2, 20, { x0: 0, x1: w, y0: 0, y1: h });
        for (let y = 44; y < 47; y++) data.fill(20, y * w + x, y * w + x + len);
      }
      return { width: w, height: h, data };
    };
    const one = read(band([[40, 100]]), { top: 0 });
    expect(one).toMatchObject({ value: 10, unit: 'µm', labelText: '10 µm' });
    expect(one!.barPx).toBeCloseTo(100, 1);
    expect(read(band([[500, 50]]), { top: 0 })!.nmPerPx).toBeCloseTo(200, 0);
    expect(read(band([[40, 100], [500, 50]]), { top: 0 })).toBeNull();
    expect(read(band([[40, 100], [500, 101]]), { top: 0 })?.nmPerPx).toBeCloseTo(100, 0);
  });

  it('refuses bad input with null', () => {
    const img = band80();
    expect(readScaleBar(img.data, img.width, img.height + 5, { top: 0 })).toBeNull(); // data too short
    expect(readScaleBar(img.data, img.width, img.height, { top: 76 })).toBeNull(); // 4 rows
    expect(readScaleBar(new Uint8Array(40 * 40), 40, 40, { top: 0 })).toBeNull(); // too narrow
    expect(readScaleBar(new Uint8ClampedArray(img.data), img.width, img.height, { top: 0 })).not.toBeNull();
  });
});

function band80(): GrayImage {
  const w = 512;
  const data = new Uint8Array(w * 80).fill(10);
  drawText(data, w, '500 nm', 30, 20, 2, 240, { x0: 0, x1: w, y0: 0, y1: 80 });
  for (let y = 44; y < 46; y++) data.fill(240, y * w + 30, y * w + 110);
  return { width: w, height: 80, data };
}
