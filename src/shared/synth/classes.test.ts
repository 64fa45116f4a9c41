import { describe, expect, it } from 'vitest';
import { generateSemImage } from './classes';
import { basicStats, downscale } from './stats';
import { SEM_KINDS, type SemKind } from './types';

const render = (kind: SemKind, seed: number, width = 160, height = 120) =>
  generateSemImage({ kind, width, height, seed });

/** Features the app's e2e tests implicitly rely on: classes separable after downscaling to 32×24. */
function features(kind: SemKind, seed: number): number[] {
  return basicStats(downscale(render(kind, seed), 32, 24), 32, 24);
}

describe('generateSemImage', () => {
  it('renders every kind at the requested size, with real content', () => {
    for (const kind of SEM_KINDS) {
      const img = render(kind, 1, 96, 72);
      expect(img.width).toBe(96);
      expect(img.height).toBe(72);
      expect(img.data).toBeInstanceOf(Uint8Array);
      expect(img.data.length).toBe(96 * 72);
      const [, sd] = basicStats(downscale(img, 96, 72), 96, 72);
      expect(sd, kind).toBeGreaterThan(0.02);
    }
  });

  it('is deterministic per seed and changes with the seed', () => {
    for (const kind of SEM_KINDS) {
      const a = render(kind, 5), b = render(kind, 5), c = render(kind, 6);
      expect(Buffer.from(a.data).equals(Buffer.from(b.data)), kind).toBe(true);
      expect(Buffer.from(a.data).equals(Buffer.from(c.data)), kind).toBe(false);
    }
  });

  it('gives unrelated images for the same seed across kinds', () => {
    const a = render('particles', 9), b = render('nanowires', 9);
    expect(Buffer.from(a.data).equals(Buffer.from(b.data))).toBe(false);
  });

  it('copes with tiny and odd sizes', () => {
    for (const [w, h] of [[1, 1], [7, 3], [33, 17], [17, 64]]) {
      const img = generateSemImage({ kind: 'powder', width: w, height: h, seed: 2 });
      expect(img.data.length).toBe(w * h);
    }
  });

  it('rejects an unknown kind', () => {
    expect(() => generateSemImage({ kind: 'nope' as SemKind, width: 8, height: 8, seed: 1 })).toThrow(/unknown/);
  });

  it('looks alike at different resolutions (layout is resolution-free)', () => {
    // Averaged over a few seeds: single layouts differ because counts round differently per size.
    const meanAt = (kind: SemKind, w: number, h: number) => {
      let m = 0;
      for (let seed = 1; seed <= 4; seed++) m += basicStats(downscale(render(kind, seed, w, h), 32, 24), 32, 24)[0];
      return m / 4;
    };
    for (const kind of ['particles', 'porous', 'films', 'tips'] as const) {
      expect(Math.abs(meanAt(kind, 256, 192) - meanAt(kind, 512, 384)), kind).toBeLessThan(0.06);
    }
  });

  it('classes differ: a nearest-centroid classifier on mean/std/edge density at 32x24 separates them', () => {
    const nTrain = 16, nTest = 20;
    const feats = SEM_KINDS.map((k) => Array.from({ length: nTrain + nTest }, (_, i) => features(k, 100 + i)));
    // z-score each feature over everything, then one centroid per class from the training seeds.
    const all = feats.flat();
    const mu = [0, 1, 2].map((j) => all.reduce((a, f) => a + f[j], 0) / all.length);
    const sd = [0, 1, 2].map((j) => Math.sqrt(all.reduce((a, f) => a + (f[j] - mu[j]) ** 2, 0) / all.length) || 1);
    const z = (f: number[]) => f.map((v, j) => (v - mu[j]) / sd[j]);
    const cents = feats.map((fs) => [0, 1, 2].map((j) => fs.slice(0, nTrain).reduce((a, f) => a + z(f)[j], 0) / nTrain));
    const classify = (f: number[]) => {
      const zf = z(f);
      let best = 0, bestD = Infinity;
      cents.forEach((c, k) => {
        const d = c.reduce((a, v, j) => a + (v - zf[j]) ** 2, 0);
        if (d < bestD) { bestD = d; best = k; }
      });
      return best;
    };
    const perClass = feats.map((fs, k) => fs.slice(nTrain).filter((f) => classify(f) === k).length / nTest);
    const overall = perClass.reduce((a, b) => a + b, 0) / perClass.length;
    expect(overall).toBeGreaterThan(0.6); // chance is 0.1
    expect(perClass.filter((a) => a >= 0.85).length).toBeGreaterThanOrEqual(3);
    for (const k of ['films', 'tips', 'porous'] as const) expect(perClass[SEM_KINDS.indexOf(k)], k).toBeGreaterThanOrEqual(0.75);
  });
});
