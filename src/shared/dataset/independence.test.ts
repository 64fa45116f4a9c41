import { describe, expect, it } from 'vitest';
import { planSyntheticDataset, renderPlanned } from '../synth';
import { countGroups, countGroupsHex, evaluatedHashes, hashedItem, nearCopies, nearCopiesHex } from './independence';
import type { HashedItem } from './nearDup';
import { phashShifts, phashToHex, type PHash } from './phash';

/** A hash `bits` bit flips away from `h` (the lowest bits of lo). */
function near(h: PHash, bits: number): PHash {
  return { hi: h.hi, lo: (h.lo ^ ((1 << bits) - 1)) >>> 0 };
}
const A: PHash = { hi: 0x12345678, lo: 0x9abcdef0 };
const FAR: PHash = { hi: 0xedcba987, lo: 0x6543210f }; // 64 bits from A... and from its near copies
const OTHER: PHash = { hi: 0x0f0f0f0f, lo: 0xf0f0f0f0 };
const item = (hash: PHash): HashedItem => ({ hash });

describe('countGroups', () => {
  it('counts connected components, a lone frame as one group', () => {
    const b = near(A, 5); // 5 bits from A
    const c = { hi: b.hi, lo: (b.lo ^ 0x3e0) >>> 0 }; // 5 more bits: 10 from A, 5 from b
    // a ~ b ~ c (one drifting series), FAR alone, OTHER and a near copy of it: 3 groups of 6 images.
    expect(countGroups([A, b, c, FAR, OTHER, near(OTHER, 2)].map(item))).toBe(3);
    // Pairs within 6 bits are 3 (a–b, b–c, OTHER–copy): counting pairs or images would say 3 or 6 for
    // the wrong reasons; dropping b splits the series.
    expect(countGroups([A, c, FAR].map(item))).toBe(3);
    expect(countGroups([])).toBe(0);
  });

  it('finds the originals of generated re-shot twins (stage moved, fresh noise)', () => {
    const plan = planSyntheticDataset({ classes: ['particles', 'porous'], perClass: 12, width: 128, height: 96, seed: 3, nearDuplicateRate: 0.25 });
    const items = plan.map((p) => {
      const shifts = phashShifts(renderPlanned(p, 128, 96));
      return hashedItem({ phash: phashToHex(shifts[4]), shifts: shifts.map(phashToHex) });
    });
    const originals = plan.filter((p) => !p.twinOf).length;
    expect(originals).toBe(18);
    expect(countGroups(items)).toBe(originals);
  });
});

describe('nearCopies', () => {
  it('flags queries whose group holds a reference, through other queries too', () => {
    const q1 = near(A, 4);
    const q2 = { hi: q1.hi ^ 0x1f, lo: q1.lo }; // 5 bits from q1, 9 from A
    expect(nearCopies([item(A), item(OTHER)], [q1, q2, FAR].map(item))).toEqual([true, true, false]);
    // Without q1 the chain is broken: q2 alone is 9 bits from A.
    expect(nearCopies([item(A)], [item(q2)])).toEqual([false]);
    expect(nearCopies([], [item(A)])).toEqual([false]);
  });

  it('matches a shifted re-shot through its shifted hashes', () => {
    const moved: HashedItem = { hash: FAR, shifts: [OTHER, near(A, 3), FAR] };
    expect(nearCopies([item(A)], [moved])).toEqual([true]);
  });
});

describe('evaluatedHashes', () => {
  const e = (hash: string, h: PHash) => ({ hash, phash: phashToHex(h), shifts: [phashToHex(h)] });
  it('matches evaluated images to entries by content hash; the hex helpers agree with the hash ones', () => {
    const entries = [e('x', A), e('y', near(A, 3)), e('z', FAR), e('t', OTHER)];
    const { hashed, missing } = evaluatedHashes([{ hash: 'x' }, { hash: 'y' }, { hash: 'z' }, { hash: 'gone' }], entries);
    expect(missing).toBe(1);
    expect(hashed.map((h) => h.phash)).toEqual([entries[0].phash, entries[1].phash, entries[2].phash]);
    expect(countGroupsHex(hashed)).toBe(2);
    expect(nearCopiesHex([entries[3]], [e('q', near(OTHER, 1)), entries[2]])).toEqual([true, false]);
  });
});
