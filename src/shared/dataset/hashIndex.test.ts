import { describe, expect, it } from 'vitest';
import { HashIndex, type StoredHashes } from './hashIndex';
import { nearDuplicateGroups } from './nearDup';
import { phashToHex, type PHash } from './phash';
import { Slicer } from './slicer';
import { mulberry32 } from './split';

const rand = mulberry32(11);
const randomHash = (): PHash => ({ hi: (rand() * 2 ** 32) >>> 0, lo: (rand() * 2 ** 32) >>> 0 });
const flip = (h: PHash, bits: number[]): PHash => bits.reduce((x, b) => (b < 32 ? { hi: (x.hi ^ (1 << b)) >>> 0, lo: x.lo } : { hi: x.hi, lo: (x.lo ^ (1 << (b - 32))) >>> 0 }), h);

function stored(path: string, hash: PHash, shifts: PHash[] = []): StoredHashes {
  return { path, phash: phashToHex(hash), shifts: shifts.map(phashToHex) };
}

describe('HashIndex', () => {
  it('finds the same links as nearDuplicateGroups, in both directions', async () => {
    const base = Array.from({ length: 300 }, randomHash);
    const items = base.map((h, i) => ({ id: `i${i}`, hash: i % 10 === 1 ? flip(base[i - 1], [3, 40, 60]) : h, shifts: [h, flip(h, [7])] }));
    const index = await HashIndex.build(items);
    const groups = nearDuplicateGroups(items, 6);
    for (let p = 0; p < items.length; p++) {
      const seen = new Set<number>();
      index.linked(p, 6, (j) => seen.add(j));
      for (const j of seen) expect(groups[j]).toBe(groups[p]);
      if (p % 10 === 1) expect(seen.has(p - 1)).toBe(true);
    }
    const none = new Set<number>();
    index.linked(1, -1, (j) => none.add(j));
    expect(none.size).toBe(0);
  });

  it('built from stored entries, says whether it still covers them (same paths and hashes)', async () => {
    const h = Array.from({ length: 5 }, randomHash);
    const entries = h.map((x, i) => stored(`p/${i}`, x, [x, flip(x, [1])]));
    const index = await HashIndex.fromEntries(entries);
    expect(index.size).toBe(5);
    expect(index.covers(entries)).toBe(true);
    expect(index.covers(entries.slice(1))).toBe(true); // a deleted image
    expect(index.covers([...entries, stored('p/new', randomHash())])).toBe(false);
    expect(index.covers([{ ...entries[0], phash: phashToHex(randomHash()) }])).toBe(false);
    expect((await HashIndex.build([{ id: 'p/0', hash: h[0] }])).covers(entries.slice(0, 1))).toBe(false);
  });

  it('parses and buckets 5,000 entries in slices', async () => {
    const entries = Array.from({ length: 5000 }, (_, i) => stored(`m/${i}`, randomHash(), Array.from({ length: 9 }, randomHash)));
    let clock = 0;
    const slicer = new Slicer({ pause: async () => undefined, now: () => clock++ });
    const index = await HashIndex.fromEntries(entries, slicer);
    expect(index.size).toBe(5000);
    expect(slicer.pauses).toBeGreaterThan(50);
  });
});
