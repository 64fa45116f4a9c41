import { describe, expect, it } from 'vitest';
import { dataBarRect, drawDataBar, generateSemImage, Rng, SEM_KINDS, VENDOR_LAYOUTS, vendorBarSpec, type DataBarSpec } from '../synth';
import { cropRows, detectDataBar, scaleDataBar, type DataBarResult } from './dataBar';
import { resizeGray, type GrayImage } from './gray';

interface Case {
  img: GrayImage;
  /** True bar rows in the (possibly downscaled) image, fractional. */
  truth: { top: number; bottom: number; style: 'bright' | 'dark' } | null;
}

function gauss(r: Rng): number {
  return Math.sqrt(-2 * Math.log(1 - r.next())) * Math.cos(2 * Math.PI * r.next());
}

/** A random synthetic micrograph, 60% with a bar; 1024-px frames are downscaled to 256 as the app does. */
function randomCase(seed: number, noise = 0): Case {
  const r = new Rng(seed);
  const kind = SEM_KINDS[r.int(0, SEM_KINDS.length - 1)];
  const [w, h] = r.chance(0.4) ? [1024, 768] : [256, 192];
  const spec: DataBarSpec | null = r.chance(0.6)
    ? { style: r.chance(0.5) ? 'bright' : 'dark', position: r.chance(0.5) ? 'bottom' : 'above-bottom', heightFrac: r.range(0.03, 0.25) }
    : null;
  const full = generateSemImage({ kind, width: w, height: h, seed: seed * 31 + 7, dataBar: spec });
  if (noise > 0) {
    for (let i = 0; i < full.data.length; i++) full.data[i] = Math.max(0, Math.min(255, Math.round(full.data[i] + noise * gauss(r))));
  }
  const img = w > 256 ? resizeGray(full, 256, 192) : full;
  const k = img.height / h;
  const rect = spec ? dataBarRect(spec, w, h) : null;
  return { img, truth: spec && rect ? { top: rect.top * k, bottom: rect.bottom * k, style: spec.style } : null };
}

function judge(c: Case, res: DataBarResult): 'ok' | 'fp' | 'fn' | 'rows' {
  if (!c.truth) return res.found ? 'fp' : 'ok';
  if (!res.found) return 'fn';
  const err = Math.max(Math.abs(res.top - c.truth.top), Math.abs(res.bottom - c.truth.bottom));
  return err <= 2 && res.style === c.truth.style ? 'ok' : 'rows';
}

describe('detectDataBar on synthetic micrographs', () => {
  it('≥ 97% correct over 100 random images, no false positives, rows within ±2 px', () => {
    const tally = { ok: 0, fp: 0, fn: 0, rows: 0 };
    let bars = 0;
    for (let s = 1; s <= 100; s++) {
      const c = randomCase(s);
      if (c.truth) bars++;
      tally[judge(c, detectDataBar(c.img))]++;
    }
    console.info(`data bar detection: ${tally.ok}/100 correct (${bars} with bars); fp ${tally.fp}, fn ${tally.fn}, rows ${tally.rows}`);
    expect(bars).toBeGreaterThan(40);
    expect(tally.ok).toBeGreaterThanOrEqual(97);
    expect(tally.fp).toBe(0);
    expect(tally.rows).toBe(0);
  });

  it('tolerates light noise on the bar (re-digitised or compressed captions)', () => {
    let ok = 0;
    for (let s = 201; s <= 240; s++) {
      const c = randomCase(s, 2);
      if (judge(c, detectDataBar(c.img)) === 'ok') ok++;
    }
    expect(ok).toBeGreaterThanOrEqual(38);
  });

  it('works on full-size frames too', () => {
    for (const style of ['bright', 'dark'] as const) {
      const spec: DataBarSpec = { style, position: 'above-bottom', heightFrac: 0.07 };
      const img = generateSemImage({ kind: 'films', width: 1024, height: 768, seed: 5, dataBar: spec });
      const res = detectDataBar(img);
      const truth = dataBarRect(spec, 1024, 768);
      expect(res.found).toBe(true);
      expect(res.style).toBe(style);
      expect(Math.abs(res.top - truth.top)).toBeLessThanOrEqual(2);
      expect(Math.abs(res.bottom - truth.bottom)).toBeLessThanOrEqual(2);
    }
  });
});

describe('detectDataBar leaves look-alikes alone', () => {
  const W = 256;
  const H = 192;
  const lookAlikes: [string, (seed: number) => GrayImage][] = [
    ['a film with saturated bright areas', (seed) => {
      const f = generateSemImage({ kind: 'films', width: W, height: H, seed });
      return { ...f, data: f.data.map((v) => Math.min(255, v * 2)) };
    }],
    ['noisy horizontal layers with straight edges', (seed) => layered(seed, false)],
    ['a saturated bottom layer with dark specks', (seed) => layered(seed, true)],
    ['particles over a clipped dark substrate with a straight edge', (seed) => {
      const r = new Rng(seed);
      const p = generateSemImage({ kind: 'particles', width: W, height: H, seed });
      const d = p.data.slice();
      for (let i = Math.round(H * 0.8) * W; i < d.length; i++) d[i] = Math.max(0, Math.round(3 + 5 * gauss(r)));
      for (let k = 0; k < 8; k++) disc(d, r.int(6, W - 6), r.int(Math.round(H * 0.85), H - 6), 4, 200);
      return { width: W, height: H, data: d };
    }],
    ['a uniform frame', () => ({ width: W, height: H, data: new Uint8Array(W * H).fill(128) })],
    ['a vertical gradient', () => ({ width: W, height: H, data: Uint8Array.from({ length: W * H }, (_, i) => Math.floor(i / W)) })],
  ];

  function layered(seed: number, saturatedBottom: boolean): GrayImage {
    const r = new Rng(seed);
    const d = new Uint8Array(W * H);
    const edges = [0, 40 + r.int(0, 20), 100 + r.int(0, 20), 150 + r.int(0, 20), H];
    const levels = [20, 120, 60, 235];
    for (let k = 0; k < 4; k++) {
      for (let i = edges[k] * W; i < edges[k + 1] * W; i++) d[i] = Math.max(0, Math.min(255, Math.round(levels[k] + 6 * gauss(r))));
    }
    if (saturatedBottom) {
      d.fill(255, edges[3] * W);
      for (let k = 0; k < 12; k++) disc(d, r.int(5, W - 5), r.int(edges[3] + 3, H - 3), 2, 30);
    }
    return { width: W, height: H, data: d };
  }

  function disc(d: Uint8Array, cx: number, cy: number, rad: number, v: number): void {
    for (let dy = -rad; dy <= rad; dy++) for (let dx = -rad; dx <= rad; dx++) if (dx * dx + dy * dy <= rad * rad) d[(cy + dy) * W + cx + dx] = v;
  }

  for (const [name, make] of lookAlikes) {
    it(name, () => {
      for (let seed = 1; seed <= 4; seed++) expect(detectDataBar(make(seed)).found).toBe(false);
    });
  }

  it('tiny images are not analysed', () => {
    expect(detectDataBar({ width: 8, height: 8, data: new Uint8Array(64) }).found).toBe(false);
  });
});

describe('cropRows and scaleDataBar', () => {
  const img: GrayImage = { width: 4, height: 10, data: Uint8Array.from({ length: 40 }, (_, i) => i) };
  const bar: DataBarResult = { found: true, top: 7, bottom: 9, style: 'dark', confidence: 0.9 };

  it('keeps the rows above the bar (and so drops a strip below it too)', () => {
    const out = cropRows(img, bar);
    expect([out.width, out.height]).toEqual([4, 7]);
    expect(Array.from(out.data)).toEqual(Array.from({ length: 28 }, (_, i) => i));
    expect(cropRows(img, { ...bar, found: false })).toBe(img);
  });

  it('maps rows to the full-size frame, rounding the top down', () => {
    expect(scaleDataBar(bar, 10, 45)).toMatchObject({ found: true, top: 31, bottom: 41 });
    expect(scaleDataBar({ ...bar, found: false }, 10, 45)).toMatchObject({ top: 45, bottom: 45 });
  });
});

describe('detectDataBar per vendor layout (synth/vendorBars.ts), on 256 px stored copies', () => {
  // Each layout: N bars drawn over generated scenes of random kinds and frame shapes (a pool of SCENES
  // scenes, shared by the layouts, each layout starting elsewhere in it), and FP_N bar-free scenes of its
  // own (the pool split seven ways). Recall: found with the crop starting within ±2 rows of the bar's top
  // edge. False positive: a bar reported on a bar-free scene. Done-when: recall ≥ 0.98, FP ≤ 1% per layout.
  const N = 200;
  const FP_N = 50;
  const SCENES = FP_N * VENDOR_LAYOUTS.length;
  const SHAPES: [number, number][] = [[256, 192], [256, 171], [256, 224], [256, 200]];
  const pool = new Map<number, GrayImage>();
  const scene = (k: number): GrayImage => {
    let img = pool.get(k);
    if (!img) {
      const r = new Rng(7000 + k);
      const [width, height] = SHAPES[r.int(0, SHAPES.length - 1)];
      img = generateSemImage({ kind: SEM_KINDS[r.int(0, SEM_KINDS.length - 1)], width, height, seed: 7000 + k });
      pool.set(k, img);
    }
    return img;
  };
  const table: string[] = ['| layout | recall | false positives | crop top error (mean rows) |', '| --- | --- | --- | --- |'];
  for (const [li, vendor] of VENDOR_LAYOUTS.entries()) {
    it(`${vendor}: recall ≥ 0.98, false positives ≤ 1%`, () => {
      let hits = 0;
      let err = 0;
      for (let i = 0; i < N; i++) {
        const seed = 1000 * (li + 1) + i;
        const plain = scene((li * FP_N + i) % SCENES);
        const img = { ...plain, data: plain.data.slice() };
        const spec = vendorBarSpec(vendor, seed);
        drawDataBar(img, spec, seed);
        const found = detectDataBar(img);
        const truth = dataBarRect(spec, img.width, img.height);
        if (found.found && Math.abs(found.top - truth.top) <= 2) {
          hits++;
          err += Math.abs(found.top - truth.top);
        }
      }
      let fps = 0;
      for (let k = li * FP_N; k < (li + 1) * FP_N; k++) if (detectDataBar(scene(k)).found) fps++;
      table.push(`| ${vendor} | ${(hits / N).toFixed(3)} | ${fps} of ${FP_N} | ${(err / Math.max(1, hits)).toFixed(2)} |`);
      if (li === VENDOR_LAYOUTS.length - 1) console.info(`data bar detection per vendor layout (${N} bars, ${FP_N} bar-free scenes each)\n${table.join('\n')}`);
      expect(hits / N).toBeGreaterThanOrEqual(0.98);
      expect(fps / FP_N).toBeLessThanOrEqual(0.01);
    });
  }
});
