import { describe, expect, it } from 'vitest';
import { nearDuplicateGroups, UnionFind, type HashedItem } from './nearDup';
import { hamming, type PHash } from './phash';
import { mulberry32 } from './split';

function randomHash(rand: () => number): PHash {
  return { hi: (rand() * 2 ** 32) >>> 0, lo: (rand() * 2 ** 32) >>> 0 };
}

function flip(h: PHash, bits: number, rand: () => number): PHash {
  let { hi, lo } = h;
  for (let k = 0; k < bits; k++) {
    const b = Math.floor(rand() * 64);
    if (b < 32) hi ^= 1 << b;
    else lo ^= 1 << (b - 32);
  }
  return { hi: hi >>> 0, lo: lo >>> 0 };
}

/** Clusters of near-identical hashes plus unrelated ones; the clustered bits mimic similar-looking frames. */
function clustered(n: number, seed: number): PHash[] {
  const rand = mulberry32(seed);
  const centres = Array.from({ length: Math.ceil(n / 8) }, () => randomHash(rand));
  return Array.from({ length: n }, () => (rand() < 0.5 ? randomHash(rand) : flip(centres[Math.floor(rand() * centres.length)], Math.floor(rand() * 12), rand)));
}

function bruteForce(items: readonly HashedItem[], d: number): Int32Array {
  const uf = new UnionFind(items.length);
  for (let i = 0; i < items.length; i++) {
    for (let j = 0; j < items.length; j++) {
      if (i === j) continue;
      const qs = items[i].shifts ?? [items[i].hash];
      if (qs.some((q) => hamming(q, items[j].hash) <= d)) uf.union(i, j);
    }
  }
  return uf.canonical();
}

describe('nearDuplicateGroups', () => {
  for (const d of [0, 3, 6, 9]) {
    it(`matches brute force at distance ${d}`, () => {
      const items = clustered(1500, d + 1).map((hash) => ({ hash }));
      expect(nearDuplicateGroups(items, d)).toEqual(bruteForce(items, d));
    });
  }

  it('links through shifted hashes, in either direction', () => {
    const rand = mulberry32(5);
    const a = randomHash(rand);
    const far = flip(a, 20, rand);
    const items: HashedItem[] = [
      { hash: a },
      { hash: far, shifts: [randomHash(rand), flip(a, 2, rand), far] },
      { hash: randomHash(rand) },
    ];
    expect(Array.from(nearDuplicateGroups(items, 6))).toEqual([0, 0, 2]);
    expect(Array.from(nearDuplicateGroups([items[1], items[0], items[2]], 6))).toEqual([0, 0, 2]);
  });

  it('is transitive: a drifting series forms one group', () => {
    const rand = mulberry32(11);
    const chain: PHash[] = [randomHash(rand)];
    for (let k = 0; k < 6; k++) chain.push(flip(chain[k], 5, rand));
    expect(hamming(chain[0], chain[6])).toBeGreaterThan(6);
    expect(new Set(nearDuplicateGroups(chain.map((hash) => ({ hash })), 6))).toEqual(new Set([0]));
  });

  it('a negative distance disables grouping; empty input is fine', () => {
    const h = { hi: 1, lo: 2 };
    expect(Array.from(nearDuplicateGroups([{ hash: h }, { hash: h }], -1))).toEqual([0, 1]);
    expect(nearDuplicateGroups([], 6).length).toBe(0);
  });
});
