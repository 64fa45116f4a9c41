import { describe, expect, it } from 'vitest';
import type { SplitName } from './layout';
import type { PHash } from './phash';
import { makeSplit, mulberry32, type SplitItem } from './split';

const rand = mulberry32(2024);
const randomHash = (): PHash => ({ hi: (rand() * 2 ** 32) >>> 0, lo: (rand() * 2 ** 32) >>> 0 });
const nearCopy = (h: PHash, bits: number): PHash => {
  let hi = h.hi;
  for (let k = 0; k < bits; k++) hi ^= 1 << (k * 5);
  return { hi: hi >>> 0, lo: h.lo };
};

/** `sizes[c]` distinct images in class c<i>. */
function dataset(sizes: number[]): SplitItem[] {
  return sizes.flatMap((n, c) => Array.from({ length: n }, (_, i) => ({ id: `c${c}/img${i}.tif`, label: `c${c}`, hash: randomHash() })));
}

function countBy(items: readonly SplitItem[], assign: Map<string, SplitName>): Map<string, Record<SplitName, number>> {
  const out = new Map<string, Record<SplitName, number>>();
  for (const it of items) {
    const row = out.get(it.label) ?? { train: 0, valid: 0, test: 0 };
    row[assign.get(it.id)!]++;
    out.set(it.label, row);
  }
  return out;
}

describe('makeSplit', () => {
  const items = dataset([100, 37, 12, 5, 2, 1]);

  it('puts review-queue labels (toTrain) and their near-duplicates on the training side, unless a folder preset says otherwise', () => {
    const base = dataset([20]);
    const reviewed = base.map((it, i) => (i < 6 ? { ...it, toTrain: true } : it));
    const twin = { id: 'c0/twin.tif', label: 'c0', hash: nearCopy(reviewed[0].hash, 2) };
    const preset = { id: 'c0/valid.tif', label: 'c0', hash: nearCopy(reviewed[1].hash, 2), presetSplit: 'valid' as const };
    const all = [...reviewed, twin, preset];
    for (const seed of [1, 2, 3]) {
      const { assign } = makeSplit(all, { validFrac: 0.25, seed });
      for (const it of reviewed.slice(2, 6)) expect(assign.get(it.id)).toBe('train');
      expect(assign.get(twin.id)).toBe('train');
      expect(assign.get(preset.id)).toBe('valid');
      expect(assign.get(reviewed[1].id)).toBe('valid'); // its group has a valid/ preset
      // the 14 others give validation its share: 0.25 × 14 ≈ 4
      expect(base.slice(6).filter((it) => assign.get(it.id) === 'valid')).toHaveLength(4);
    }
  });

  it('assigns every item, stratified per class', () => {
    const { assign } = makeSplit(items, { validFrac: 0.2, seed: 1 });
    expect(assign.size).toBe(items.length);
    const c = countBy(items, assign);
    expect(c.get('c0')).toEqual({ train: 80, valid: 20, test: 0 });
    expect(c.get('c1')!.valid).toBe(7);
    expect(c.get('c2')!.valid).toBe(2);
  });

  it('every class with at least 2 images gets a validation image, and keeps a training image', () => {
    const c = countBy(items, makeSplit(items, { validFrac: 0.05, seed: 3 }).assign);
    for (const [label, row] of c) {
      if (label === 'c5') expect(row).toEqual({ train: 1, valid: 0, test: 0 });
      else expect(row.valid).toBeGreaterThanOrEqual(1);
      expect(row.train).toBeGreaterThanOrEqual(1);
    }
  });

  it('is deterministic per seed and independent of input order', () => {
    const a = makeSplit(items, { validFrac: 0.2, seed: 7 }).assign;
    const b = makeSplit([...items].reverse(), { validFrac: 0.2, seed: 7 }).assign;
    const c = makeSplit(items, { validFrac: 0.2, seed: 8 }).assign;
    expect([...b].sort()).toEqual([...a].sort());
    expect([...c].sort()).not.toEqual([...a].sort());
  });

  it('keeps near-duplicates on the same side', () => {
    const base = dataset([60, 60]);
    const twins: SplitItem[] = base.slice(0, 40).flatMap((it) => [
      { ...it, id: `${it.id}.twin1`, hash: nearCopy(it.hash, 3) },
      { ...it, id: `${it.id}.twin2`, hash: nearCopy(it.hash, 6) },
    ]);
    const all = [...base, ...twins];
    for (let seed = 0; seed < 5; seed++) {
      const { assign, groups } = makeSplit(all, { validFrac: 0.25, seed });
      expect(groups).toBe(40);
      for (const it of base.slice(0, 40)) {
        expect(assign.get(`${it.id}.twin1`)).toBe(assign.get(it.id));
        expect(assign.get(`${it.id}.twin2`)).toBe(assign.get(it.id));
      }
      const c = countBy(all, assign);
      // c0: 140 images in 40 groups of 3 and 20 singles; the validation share stays close to 25% (35).
      expect(Math.abs(c.get('c0')!.valid - 35)).toBeLessThanOrEqual(2);
    }
  });

  it('warns when a class is nothing but near-duplicates of one frame', () => {
    const h = randomHash();
    const same = Array.from({ length: 4 }, (_, i) => ({ id: `x${i}`, label: 'x', hash: nearCopy(h, i) }));
    const res = makeSplit([...same, ...dataset([10])], { validFrac: 0.2, seed: 1 });
    expect(same.every((it) => res.assign.get(it.id) === 'train')).toBe(true);
    expect(res.warnings.join('\n')).toMatch(/"x".*near-duplicates/);
  });

  it('respects valid and test presets; near-duplicates follow the preset of their group', () => {
    const pre: SplitItem[] = dataset([30, 30]).map((it, i) => ({ ...it, presetSplit: i % 10 === 0 ? 'valid' : i % 10 === 1 ? 'test' : 'train' }));
    const loose: SplitItem = { id: 'loose', label: 'c0', hash: nearCopy(pre[0].hash, 2) };
    const res = makeSplit([...pre, loose], { validFrac: 0.2, seed: 1 });
    for (const it of pre) expect(res.assign.get(it.id)).toBe(it.presetSplit);
    expect(res.assign.get('loose')).toBe('valid');
  });

  it('draws validation from a train preset when no validation folder exists; keeps test presets', () => {
    const pre: SplitItem[] = dataset([50]).map((it, i) => ({ ...it, presetSplit: i < 40 ? 'train' : 'test' }));
    const res = makeSplit(pre, { validFrac: 0.2, testFrac: 0.1, seed: 1 });
    const c = countBy(pre, res.assign).get('c0')!;
    expect(c).toEqual({ train: 32, valid: 8, test: 10 });
    expect(res.warnings.join('\n')).toMatch(/No validation folder/);
    expect(res.warnings.join('\n')).toMatch(/test split/);
  });

  it('draws a test split when asked', () => {
    const c = countBy(items, makeSplit(items, { validFrac: 0.2, testFrac: 0.1, seed: 1 }).assign);
    expect(c.get('c0')).toEqual({ train: 70, valid: 20, test: 10 });
  });

  it('reports small classes and single-image classes', () => {
    const res = makeSplit(items, { validFrac: 0.2, seed: 1 });
    expect(res.smallClasses).toEqual(['c3', 'c4', 'c5']);
    expect(res.warnings.join('\n')).toMatch(/"c5" has a single image/);
    expect(makeSplit(items, { validFrac: 0.2, seed: 1, smallClassSize: 40 }).smallClasses).toEqual(['c1', 'c2', 'c3', 'c4', 'c5']);
  });

  it('rejects duplicate ids and impossible fractions', () => {
    expect(() => makeSplit([...items, items[0]], { validFrac: 0.2, seed: 1 })).toThrow(/duplicate id/);
    expect(() => makeSplit(items, { validFrac: 0.7, testFrac: 0.4, seed: 1 })).toThrow(/validFrac/);
  });

  it('splits 20,000 images (with near-duplicates) in reasonable time', () => {
    const big = dataset(Array.from({ length: 10 }, () => 1800));
    const twins = big.slice(0, 2000).map((it) => ({ ...it, id: `${it.id}.twin`, hash: nearCopy(it.hash, 4) }));
    const t0 = performance.now();
    const res = makeSplit([...big, ...twins], { validFrac: 0.2, seed: 1 });
    const ms = performance.now() - t0;
    console.info(`makeSplit: ${big.length + twins.length} items in ${ms.toFixed(0)} ms`);
    expect(res.assign.size).toBe(20_000);
    expect(res.groups).toBe(2000);
  });
});
