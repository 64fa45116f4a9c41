import { describe, expect, it } from 'vitest';
import type { SplitName } from './layout';
import type { PHash } from './phash';
import { HashIndex } from './hashIndex';
import { Slicer } from './slicer';
import { makeSplit, mulberry32 } from './split';
import { growSplit, type GrowItem } from './splitGrow';

const rand = mulberry32(7);
const randomHash = (): PHash => ({ hi: (rand() * 2 ** 32) >>> 0, lo: (rand() * 2 ** 32) >>> 0 });
const item = (id: string, label: string, extra: Partial<GrowItem> = {}): GrowItem => ({ id, label, hash: randomHash(), ...extra });
const count = (a: Record<string, SplitName>, ids: readonly string[], side: SplitName) => ids.filter((id) => a[id] === side).length;

describe('growSplit', async () => {
  const old = Array.from({ length: 20 }, (_, i) => item(`a/${i}`, 'a'));
  const first = Object.fromEntries(makeSplit(old, { validFrac: 0.2, seed: 1 }).assign);

  it('keeps every placed image where it was and gives new ones the class share of validation', async () => {
    const added = Array.from({ length: 10 }, (_, i) => item(`loose/${i}`, 'a'));
    const next = await growSplit(first, [...old, ...added], { validFrac: 0.2, seed: 1 });
    for (const it of old) expect(next[it.id]).toBe(first[it.id]);
    const ids = [...old, ...added].map((i) => i.id);
    // 30 images at 0.2: 6 for validation, 4 before, so 2 of the new ones.
    expect(count(next, ids, 'valid')).toBe(6);
    expect(count(next, added.map((i) => i.id), 'valid')).toBe(2);
    expect(Object.keys(next)).toHaveLength(30);
  });

  it('is reproducible and independent of the order images come in', async () => {
    const added = Array.from({ length: 10 }, (_, i) => item(`loose/${i}`, 'a'));
    const x = await growSplit(first, [...old, ...added], { validFrac: 0.2, seed: 3 });
    const y = await growSplit(first, [...added].reverse().concat(old), { validFrac: 0.2, seed: 3 });
    expect(y).toEqual(x);
  });

  it('a near-duplicate of a validation image joins validation, even from the review queue', async () => {
    const v = old.find((i) => first[i.id] === 'valid')!;
    const twin = item('loose/twin', 'a', { hash: { hi: v.hash.hi ^ 1, lo: v.hash.lo }, toTrain: true });
    expect((await growSplit(first, [...old, twin], { validFrac: 0.2, seed: 1 }))[twin.id]).toBe('valid');
  });

  it('review labels go to training; a new class gets a training image first, then validation', async () => {
    const reviewed = Array.from({ length: 10 }, (_, i) => item(`r/${i}`, 'a', { toTrain: true }));
    const next = await growSplit(first, [...old, ...reviewed], { validFrac: 0.2, seed: 1 });
    expect(count(next, reviewed.map((i) => i.id), 'train')).toBe(10);
    const fresh = [item('n/0', 'new'), item('n/1', 'new')];
    const two = await growSplit(first, [...old, ...fresh], { validFrac: 0.2, seed: 1 });
    expect([two['n/0'], two['n/1']].sort()).toEqual(['train', 'valid']);
  });

  it('drops images no longer in the list (unlabelled, excluded, deleted)', async () => {
    const next = await growSplit(first, old.slice(1), { validFrac: 0.2, seed: 1 });
    expect(next[old[0].id]).toBeUndefined();
    expect(Object.keys(next)).toHaveLength(19);
  });

  it('links a new image to a placed one through either image\'s shifted hashes', async () => {
    const v = old.find((i) => first[i.id] === 'valid')!;
    const moved: PHash = { hi: v.hash.hi ^ 0xff, lo: v.hash.lo ^ 0xff00 };
    const withShift = [...old.filter((i) => i !== v), { ...v, shifts: [v.hash, { hi: moved.hi ^ 1, lo: moved.lo }] }];
    const a = item('loose/moved', 'a', { hash: moved, toTrain: true });
    expect((await growSplit(first, [...withShift, a], { validFrac: 0.2, seed: 1 }))[a.id]).toBe('valid');
    const b = item('loose/moved2', 'a', { hash: moved, shifts: [moved, { hi: v.hash.hi ^ 2, lo: v.hash.lo }], toTrain: true });
    expect((await growSplit(first, [...old, b], { validFrac: 0.2, seed: 1 }))[b.id]).toBe('valid');
  });

  it('labels 5,000 images (each with 9 shifted hashes) in slices of its time budget', async () => {
    const many = Array.from({ length: 5000 }, (_, i) => item(`m/${i}`, i % 2 ? 'a' : 'b', { shifts: Array.from({ length: 9 }, randomHash) }));
    // A clock that advances 1 ms per reading: slices of 8 ms end after 8 readings, whatever the machine.
    let clock = 0;
    const slicer = new Slicer({ pause: async () => undefined, now: () => clock++ });
    const t = performance.now();
    const next = await growSplit(first, [...old, ...many], { validFrac: 0.2, seed: 1, slicer });
    const ms = performance.now() - t;
    expect(slicer.pauses).toBeGreaterThan(100);
    expect(Object.keys(next)).toHaveLength(5020);
    console.log(`growSplit 5,020 images: ${ms.toFixed(0)} ms, ${slicer.pauses} pauses`);
  });

  it('gives the same split with a kept index over more images (unlabelled ones too) as without', async () => {
    const v = old.find((i) => first[i.id] === 'valid')!;
    const twin = item('loose/twin', 'a', { hash: { hi: v.hash.hi ^ 1, lo: v.hash.lo } });
    const unlabelled = Array.from({ length: 30 }, (_, i) => item(`u/${i}`, 'a'));
    // an unlabelled near-duplicate of the twin does not link it to anything
    const bridge = item('u/bridge', 'a', { hash: { hi: twin.hash.hi ^ 2, lo: twin.hash.lo } });
    const added = [twin, ...Array.from({ length: 12 }, (_, i) => item(`loose/${i}`, i % 3 ? 'a' : 'c'))];
    const items = [...old, ...added];
    const index = await HashIndex.build([bridge, ...unlabelled, ...items]);
    const withIndex = await growSplit(first, items, { validFrac: 0.2, seed: 5, index });
    expect(withIndex).toEqual(await growSplit(first, items, { validFrac: 0.2, seed: 5 }));
    expect(withIndex[twin.id]).toBe('valid');
    expect(withIndex[bridge.id]).toBeUndefined();
    // an index that lacks an item is not used (built afresh instead)
    const partial = await HashIndex.build(old);
    expect(await growSplit(first, items, { validFrac: 0.2, seed: 5, index: partial })).toEqual(withIndex);
  });
});
