import { describe, expect, it } from 'vitest';
import { drawText } from '../synth/font';
import { Rng } from '../synth/rng';
import { drawStrokeText } from '../synth/strokeFont';
import { inkComponents, readLabel, textLines, type Raster } from './scaleLabel';

const W = 260;
const H = 60;
const FILL = 240;

/** Label text on a light fill in one of the generator's fonts (not the reader's templates), with noise. */
function label(text: string, font: 'bitmap' | 'stroke', size: number, r: Rng, weight = 0.12): Raster {
  const cov = new Float32Array(W * H);
  if (font === 'bitmap') {
    const d = new Uint8Array(W * H);
    drawText(d, W, text, 6, 10, size, 1, { x0: 0, x1: W, y0: 0, y1: H });
    d.forEach((v, i) => (cov[i] = v));
  } else {
    const put = (x: number, y: number, a: number) => {
      if (x >= 0 && x < W && y >= 0 && y < H) cov[y * W + x] = Math.max(cov[y * W + x], a);
    };
    drawStrokeText(put, text, 6 + r.next(), 10 + r.next(), size, Math.max(1, size * weight));
  }
  return { width: W, height: H, data: Uint8Array.from(cov, (a) => Math.round(FILL - 200 * a + r.range(-3, 3))) };
}

const ALL = { x0: 0, y0: 0, x1: W, y1: H };
const texts = (img: Raster) => readLabel(img, ALL, FILL).map((l) => l.text);

describe('scale label reader', () => {
  it('reads labels in both generator fonts at many sizes: ≥ 85% read, none wrong', () => {
    const labels = ['100 nm', '200 nm', '500nm', '1 µm', '2 µm', '5 µm', '10 µm', '20µm', '50 µm', '100 µm', '200 um', '1 mm', '2 mm', '5.00µm', '20.0 um', '1.5 µm', '3 µm', '300 nm', '40 nm', '7 µm'];
    const r = new Rng(21);
    let ok = 0;
    const wrong: string[] = [];
    let n = 0;
    for (let k = 0; k < 200; k++) {
      const want = labels[k % labels.length];
      const img = k % 3 === 0 ? label(want, 'bitmap', r.int(2, 3), r) : label(want, 'stroke', r.range(9, 24), r, r.range(0.08, 0.17));
      const got = readLabel(img, ALL, FILL);
      n++;
      if (got.length === 0) continue;
      const norm = (s: string) => s.replace(' ', '').replace('u', 'µ');
      if (got.length === 1 && norm(got[0].text) === norm(want)) ok++;
      else wrong.push(`${want} → ${got.map((g) => g.text).join(', ')}`);
    }
    console.info(`scale labels read: ${ok}/${n}, wrong ${wrong.length}`);
    expect(wrong).toEqual([]);
    expect(ok / n).toBeGreaterThanOrEqual(0.85);
  });

  it('gives value, unit and nm, keeping the label as written', () => {
    const r = new Rng(3);
    const [a] = readLabel(label('5.00µm', 'stroke', 18, r), ALL, FILL);
    expect(a).toMatchObject({ text: '5.00µm', value: 5, unit: 'µm', nm: 5000 });
    const [b] = readLabel(label('200 um', 'bitmap', 3, r), ALL, FILL);
    expect(b).toMatchObject({ text: '200 µm', value: 200, unit: 'µm', nm: 200000 });
    const [c] = readLabel(label('2 mm', 'stroke', 16, r), ALL, FILL);
    expect(c).toMatchObject({ value: 2, unit: 'mm', nm: 2e6 });
    expect(b.box.x0).toBeGreaterThanOrEqual(5);
    expect(b.box.x1).toBeLessThan(120);
  });

  it('reads a label among other text when set apart, not when glued to it', () => {
    const r = new Rng(5);
    expect(texts(label('10 µm   WD8mm', 'bitmap', 2, r))).toEqual(['10 µm']);
    expect(texts(label('X5,000  1µm', 'stroke', 16, r))).toEqual(['1µm']);
    expect(texts(label('10 µmX', 'bitmap', 2, r))).toEqual([]);
    expect(texts(label('HV 5 kV', 'bitmap', 2, r))).toEqual([]);
  });

  it('refuses rather than guesses: a decimal point too faint to read does not become "25 µm"', () => {
    const r = new Rng(9);
    const img = label('2.5 µm', 'stroke', 14, r);
    expect(texts(img)).toEqual(['2.5 µm']);
    // Fade the decimal point (the small component between the digits) to a trace.
    const comps = inkComponents(img, ALL, FILL, 80, 1).sort((p, q) => p.x0 - q.x0);
    const dot = comps[1];
    expect(dot.x1 - dot.x0).toBeLessThan(5);
    const d = img.data as Uint8Array;
    for (let y = dot.y0 - 1; y <= dot.y1; y++) for (let x = dot.x0 - 1; x <= dot.x1; x++) if (d[y * W + x] < FILL - 20) d[y * W + x] = FILL - 60;
    expect(texts(img)).toEqual([]);
  });

  it('groups components into lines, a taller logo apart', () => {
    const r = new Rng(2);
    const img = label('20 µm', 'bitmap', 2, r);
    const d = img.data as Uint8Array;
    drawText(d, W, 'FEI', 90, 4, 5, 0, { x0: 0, x1: W, y0: 0, y1: H });
    const lines = textLines(inkComponents(img, ALL, FILL, 80, 2));
    expect(lines).toHaveLength(2);
    expect(lines[0].x1).toBeLessThan(70);
    expect(texts(img)).toEqual(['20 µm']);
  });
});
