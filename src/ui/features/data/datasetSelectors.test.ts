import { describe, expect, it } from 'vitest';
import type { DatasetEntry, DatasetMeta } from '../../../shared/dataset/records';
import { classRows, dataBarWarning, entriesOfClass, formatDuration, imbalanceRatio, sizeSummary, usableCount, usableHashes, visibleRows } from './datasetSelectors';

function entry(path: string, label: string | null, bar = false, width = 100): DatasetEntry {
  return {
    path, label, presetSplit: null, hash: path, width, height: 80, storedWidth: 100, storedHeight: 80,
    dataBar: { found: bar, top: bar ? 70 : 80, bottom: 80, style: bar ? 'dark' : null }, phash: '0'.repeat(16), shifts: [],
  };
}

const meta = (assign: Record<string, 'train' | 'valid'>, excluded: string[] = []): DatasetMeta => ({
  id: 'default', name: 'x', createdAt: 0, issues: [], hiddenCount: 0, complete: true, stopReason: null,
  cropDataBar: true, excluded, split: { seed: 1, validFrac: 0.2, assign },
});

const entries = [entry('a/1', 'a', true), entry('a/2', 'a', true), entry('a/3', 'a', false), entry('b/1', 'b'), entry('b/2', 'b', false, 300), entry('x', null)];

describe('dataset selectors', () => {
  it('counts per class with the split and the data-bar share', () => {
    const rows = classRows(entries, meta({ 'a/1': 'train', 'a/2': 'train', 'a/3': 'valid', 'b/1': 'train', 'b/2': 'valid' }));
    expect(rows).toEqual([
      { label: 'a', count: 3, train: 2, valid: 1, test: 0, barShare: 2 / 3, excluded: false, leftOut: 0 },
      { label: 'b', count: 2, train: 1, valid: 1, test: 0, barShare: 0, excluded: false, leftOut: 0 },
    ]);
  });
  it('images excluded one by one leave the count and the usable total, and show as left out', () => {
    const withOut = entries.map((e) => (e.path === 'a/3' ? { ...e, excluded: true } : e));
    const rows = classRows(withOut, meta({ 'a/1': 'train', 'a/2': 'train', 'b/1': 'train', 'b/2': 'valid' }));
    expect(rows[0]).toMatchObject({ label: 'a', count: 2, train: 2, valid: 0, leftOut: 1 });
    expect(usableCount(withOut, null)).toBe(entries.length - 1);
  });
  it('warns when data-bar shares differ a lot, not when they are close', () => {
    const rows = classRows(entries, meta({}));
    expect(dataBarWarning(rows)).toMatch(/67% of "a" vs 0% of "b"/);
    expect(dataBarWarning(classRows([entry('a/1', 'a', true), entry('b/1', 'b', true)], null))).toBeNull();
    // An excluded class does not count.
    expect(dataBarWarning(classRows(entries, meta({}, ['b'])))).toBeNull();
  });
  it('reports imbalance, usable count and sizes', () => {
    const rows = classRows(entries, null);
    expect(imbalanceRatio(rows)).toBe(1.5);
    expect(usableCount(entries, meta({}, ['a']))).toBe(3);
    // The group count looks at the same images as the usable total.
    expect(usableHashes(entries, meta({}, ['a']))).toHaveLength(3);
    expect(usableHashes(entries.map((e) => (e.path === 'x' ? { ...e, excluded: true } : e)), null)).toHaveLength(entries.length - 1);
    expect(sizeSummary(entries)).toEqual({ minWidth: 100, maxWidth: 300, minHeight: 80, maxHeight: 80, common: { size: '100 × 80', count: 5 } });
    expect(sizeSummary([])).toBeNull();
    expect(entriesOfClass(entries, 'b').map((e) => e.path)).toEqual(['b/1', 'b/2']);
  });
  it('formats durations', () => {
    expect(formatDuration(null)).toBe('—');
    expect(formatDuration(42.4)).toBe('42 s');
    expect(formatDuration(80)).toBe('1 min 20 s');
  });
});

describe('visibleRows', () => {
  it('renders only the rows in view plus overscan, clamped to the list', () => {
    // 20,000 images at 8 per row: 2,500 rows of 80 px; a 400 px viewport shows ~5 of them.
    expect(visibleRows(0, 400, 80, 2500)).toEqual([0, 7]);
    expect(visibleRows(80 * 1000 + 40, 400, 80, 2500)).toEqual([998, 1008]);
    expect(visibleRows(80 * 2500, 400, 80, 2500)).toEqual([2498, 2500]);
    expect(visibleRows(0, 400, 80, 0)).toEqual([0, 0]);
  });
});
