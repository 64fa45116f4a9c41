import { describe, expect, it } from 'vitest';
import { buildNoveltyReference, noveltyOf, parseNoveltyReference, quantile } from './novelty';

/** A seeded normal sampler (Box–Muller over a small LCG), so the clusters are the same on every run. */
function normals(seed: number): () => number {
  let s = seed >>> 0;
  const u = () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return (s + 0.5) / 2 ** 32;
  };
  return () => Math.sqrt(-2 * Math.log(u())) * Math.cos(2 * Math.PI * u());
}

const DIMS = 16;

/** `n` points around `centre` with noise `spread` per dimension. */
function cluster(centre: number[], n: number, spread: number, next: () => number): number[][] {
  return Array.from({ length: n }, () => centre.map((c) => c + spread * next()));
}

function axis(k: number, scale = 4): number[] {
  return Array.from({ length: DIMS }, (_, i) => (i === k ? scale : 0));
}

describe('the unfamiliar-image check', () => {
  const next = normals(7);
  const a = cluster(axis(0), 60, 0.6, next);
  const b = cluster(axis(1), 60, 0.6, next);
  const ref = buildNoveltyReference(new Float32Array([...a, ...b].flat()), DIMS, [...a.map(() => 0), ...b.map(() => 1)], 2, 32);

  it('keeps one unit centroid per class along its cluster', () => {
    expect(ref.centroids).toHaveLength(2);
    const [c0, c1] = ref.centroids as number[][];
    expect(Math.hypot(...c0)).toBeCloseTo(1, 4);
    expect(c0[0]).toBeGreaterThan(0.9);
    expect(c1[1]).toBeGreaterThan(0.9);
    expect(ref.images).toBe(120);
    expect(ref.size).toBe(32);
  });

  it('lets 99 % of the training images pass and flags about 1 %', () => {
    const flagged = [...a, ...b].filter((f) => noveltyOf(f, ref).unfamiliar).length;
    expect(flagged).toBeLessThanOrEqual(2);
  });

  it('passes new images of a known class and names the nearest one', () => {
    const fresh = cluster(axis(1), 40, 0.6, normals(99));
    const verdicts = fresh.map((f) => noveltyOf(f, ref));
    expect(verdicts.filter((v) => v.unfamiliar).length).toBeLessThanOrEqual(3);
    expect(verdicts.every((v) => v.nearest === 1)).toBe(true);
  });

  it('flags images whose features point elsewhere, however confident a softmax would be', () => {
    const other = cluster(axis(5), 40, 0.6, normals(3));
    expect(other.every((f) => noveltyOf(f, ref).unfamiliar)).toBe(true);
    // halfway between the two classes is not like either class's images
    expect(noveltyOf([4, 4, ...new Array(DIMS - 2).fill(0)], ref).unfamiliar).toBe(true);
  });

  it('does not depend on a feature vector’s length, only its direction', () => {
    const f = a[3];
    expect(noveltyOf(f.map((x) => x * 10), ref).distance).toBeCloseTo(noveltyOf(f, ref).distance, 9);
  });

  it('leaves a class without training images out', () => {
    const r = buildNoveltyReference(new Float32Array(a.flat()), DIMS, a.map(() => 0), 3, 32);
    expect(r.centroids[1]).toBeNull();
    expect(noveltyOf(a[0], r).nearest).toBe(0);
  });

  it('refuses mismatched input', () => {
    expect(() => buildNoveltyReference(new Float32Array(5), DIMS, [0], 2, 32)).toThrow(/feature values/);
    expect(() => buildNoveltyReference(new Float32Array(0), DIMS, [], 2, 32)).toThrow(/at least one/);
    expect(() => noveltyOf([1, 2], ref)).toThrow(/16 feature values/);
  });

  it('quantile interpolates between order statistics', () => {
    expect(quantile([3, 1, 2, 4], 0.5)).toBeCloseTo(2.5);
    expect(quantile([5], 0.99)).toBe(5);
    expect(quantile([0, 10], 0.99)).toBeCloseTo(9.9);
  });

  it('reads back what bundle.json holds, and rejects what does not fit the model', () => {
    const round = parseNoveltyReference(JSON.parse(JSON.stringify(ref)), 2);
    expect(round).toEqual(ref);
    expect(parseNoveltyReference(JSON.parse(JSON.stringify(ref)), 3)).toBeNull(); // another class count
    expect(parseNoveltyReference({ ...ref, threshold: 'x' }, 2)).toBeNull();
    expect(parseNoveltyReference({ ...ref, centroids: [[1, 2], null] }, 2)).toBeNull();
    expect(parseNoveltyReference({ ...ref, centroids: [null, null] }, 2)).toBeNull();
    expect(parseNoveltyReference(undefined, 2)).toBeNull();
  });
});
