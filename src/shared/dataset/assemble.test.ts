import { describe, expect, it } from 'vitest';
import { drawSplit, relabel, relativeTo, resolveDuplicates } from './assemble';
import type { DatasetEntry } from './records';

function entry(path: string, label: string | null, hash: string, phash = '0123456789abcdef'): DatasetEntry {
  return {
    path, label, presetSplit: null, hash, width: 100, height: 80, storedWidth: 100, storedHeight: 80,
    dataBar: { found: false, top: 80, bottom: 80, style: null }, phash, shifts: [phash],
  };
}

// Distinct hashes far apart, so that no two are near-duplicates.
const hex = (i: number) => ((Math.imul(i + 1, 0x9e3779b1) >>> 0).toString(16).padStart(8, '0') + (Math.imul(i + 7, 0x85ebca6b) >>> 0).toString(16).padStart(8, '0'));

describe('resolveDuplicates', () => {
  it('keeps the first path in sort order whatever the arrival order', () => {
    const a = [entry('b/2.png', 'b', 'h1'), entry('a/1.png', 'a', 'h1'), entry('a/3.png', 'a', 'h2')];
    const r = resolveDuplicates(a);
    expect(r.kept.map((e) => e.path)).toEqual(['a/1.png', 'a/3.png']);
    expect(r.duplicates).toEqual([{ path: 'b/2.png', reason: 'exact duplicate of a/1.png, which is in class "a" (counted once)' }]);
    expect(resolveDuplicates([...a].reverse()).kept.map((e) => e.path)).toEqual(['a/1.png', 'a/3.png']);
  });
});

describe('drawSplit', () => {
  const entries = [
    ...Array.from({ length: 10 }, (_, i) => entry(`a/${i}.png`, 'a', `a${i}`, hex(i))),
    ...Array.from({ length: 5 }, (_, i) => entry(`b/${i}.png`, 'b', `b${i}`, hex(100 + i))),
    entry('c/0.png', 'c', 'c0', hex(200)),
  ];
  it('splits each class, flags single-image classes and leaves excluded ones out', () => {
    const r = drawSplit(entries, ['b'], 42, 0.2);
    const sides = Object.entries(r.split.assign);
    expect(sides.filter(([p, s]) => p.startsWith('a/') && s === 'valid')).toHaveLength(2);
    expect(sides.some(([p]) => p.startsWith('b/'))).toBe(false);
    expect(r.split.assign['c/0.png']).toBe('train');
    expect(r.smallClasses).toEqual(['c']);
  });
  it('is reproducible for a seed and changes with it', () => {
    expect(drawSplit(entries, [], 1, 0.2).split).toEqual(drawSplit(entries, [], 1, 0.2).split);
    const seeds = [1, 2, 3, 4, 5].map((s) => JSON.stringify(drawSplit(entries, [], s, 0.2).split.assign));
    expect(new Set(seeds).size).toBeGreaterThan(1);
  });
  it('keeps review-queue labels on the training side whatever the seed; the rest gets its share of validation', () => {
    const reviewed = new Set(['a/0.png', 'a/1.png', 'a/2.png', 'a/3.png', 'a/4.png']);
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      const r = drawSplit(entries, [], seed, 0.2, (e) => reviewed.has(e.path));
      for (const p of reviewed) expect(r.split.assign[p]).toBe('train');
      // 5 other images of "a" at 0.2: one for validation
      expect(Object.entries(r.split.assign).filter(([p, s]) => p.startsWith('a/') && s === 'valid')).toHaveLength(1);
    }
  });
});

describe('relativeTo and relabel', () => {
  it('strips the dropped root only', () => {
    expect(relativeTo('root', 'root/a/x.png')).toBe('a/x.png');
    expect(relativeTo('root', 'rootx/a.png')).toBe('rootx/a.png');
    expect(relativeTo('', 'a/x.png')).toBe('a/x.png');
  });
  it('relabels only the entries of the class', () => {
    const r = relabel([entry('a/1', 'a', '1'), entry('b/1', 'b', '2')], 'a', 'b');
    expect(r).toHaveLength(1);
    expect(r[0].label).toBe('b');
  });
});
