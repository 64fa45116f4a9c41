import { describe, expect, it } from 'vitest';
import { generateSemImage, Rng, SEM_KINDS } from '../synth';
import type { GrayImage } from './gray';
import { hamming, phash, phashFromHex, phashShifts, phashToHex, popcount32, shiftedDistance } from './phash';

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

describe('phash', () => {
  // 40 synthetic micrographs (4 per class) and a re-shot twin of each: stage moved by up to 2% of the
  // frame, fresh detector noise, slightly different brightness and contrast.
  const pairs = Array.from({ length: 40 }, (_, i) => {
    const r = new Rng(i + 100);
    const kind = SEM_KINDS[i % SEM_KINDS.length];
    const opts = { kind, width: 256, height: 192, seed: i + 100 };
    const shot = { dxFrac: r.range(-0.02, 0.02), dyFrac: r.range(-0.02, 0.02), noiseSeed: i + 9000 };
    const a = generateSemImage(opts);
    const b = generateSemImage({ ...opts, shot });
    return { a: phashShifts(a), b: phashShifts(b) };
  });
  const twinDistance = (p: (typeof pairs)[number]): number => Math.min(shiftedDistance(p.a[4], p.b), shiftedDistance(p.b[4], p.a));

  it('re-shot twins are within 8 bits (allowing the stage move)', () => {
    const d = pairs.map(twinDistance);
    const plain = pairs.map((p) => hamming(p.a[4], p.b[4]));
    console.info(`phash twins: median ${median(d)} (plain ${median(plain)}), max ${Math.max(...d)} (plain ${Math.max(...plain)})`);
    expect(d.filter((x) => x <= 8).length).toBeGreaterThanOrEqual(38);
    expect(median(d)).toBeLessThanOrEqual(4);
  });

  it('different images are typically more than 16 bits apart', () => {
    const d: number[] = [];
    for (let i = 0; i < pairs.length; i++) {
      for (let j = i + 1; j < pairs.length; j++) d.push(Math.min(shiftedDistance(pairs[i].a[4], pairs[j].a), shiftedDistance(pairs[j].a[4], pairs[i].a)));
    }
    console.info(`phash different images: median ${median(d)}, min ${Math.min(...d)}, ≤ 16: ${d.filter((x) => x <= 16).length}/${d.length}`);
    expect(d.filter((x) => x > 16).length / d.length).toBeGreaterThan(0.98);
    expect(median(d)).toBeGreaterThanOrEqual(24);
  });

  it('is exactly the centre of the shifted set, and stable under brightness and contrast changes', () => {
    const img = generateSemImage({ kind: 'particles', width: 300, height: 200, seed: 3 });
    const h = phash(img);
    expect(phashShifts(img)[4]).toEqual(h);
    const brighter: GrayImage = { ...img, data: img.data.map((v) => Math.min(255, Math.round(v * 0.8 + 30))) };
    expect(hamming(h, phash(brighter))).toBeLessThanOrEqual(2);
    expect(hamming(h, h)).toBe(0);
  });

  it('handles tiny and flat images', () => {
    const tiny: GrayImage = { width: 3, height: 2, data: Uint8Array.from([0, 50, 100, 150, 200, 250]) };
    expect(phash(tiny)).toEqual(phash(tiny));
    const flat: GrayImage = { width: 64, height: 64, data: new Uint8Array(4096).fill(7) };
    expect(hamming(phash(flat), phash(flat))).toBe(0);
    expect(() => phash({ width: 0, height: 0, data: new Uint8Array(0) })).toThrow(/empty/);
  });
});

describe('hash helpers', () => {
  it('popcount and hamming', () => {
    expect(popcount32(0)).toBe(0);
    expect(popcount32(0xffffffff)).toBe(32);
    expect(popcount32(0x80000001)).toBe(2);
    expect(hamming({ hi: 0xffffffff, lo: 0 }, { hi: 0, lo: 0xffffffff })).toBe(64);
    expect(hamming({ hi: 0b1011, lo: 1 }, { hi: 0b0001, lo: 0 })).toBe(3);
  });

  it('hex round trip', () => {
    const h = { hi: 0x0123abcd, lo: 0xfedc0001 };
    expect(phashToHex(h)).toBe('0123abcdfedc0001');
    expect(phashFromHex('0123ABCDfedc0001')).toEqual(h);
    expect(() => phashFromHex('xyz')).toThrow();
  });
});
