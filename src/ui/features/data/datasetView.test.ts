import { describe, expect, it } from 'vitest';
import type { DatasetEntry, DatasetMeta } from '../../../shared/dataset/records';
import { classRows, sizeSummary, usableCount } from './datasetSelectors';
import { datasetView } from './datasetView';
import { filterCounts } from './labelSelectors';

function entry(path: string, label: string | null, extra: Partial<DatasetEntry> = {}): DatasetEntry {
  return {
    path, label, presetSplit: null, hash: path, width: 100, height: 80, storedWidth: 100, storedHeight: 80,
    dataBar: { found: path.endsWith('1'), top: 70, bottom: 80, style: null }, phash: '0'.repeat(16), shifts: [], ...extra,
  };
}

const meta = (assign: Record<string, 'train' | 'valid'>, excluded: string[] = []): DatasetMeta => ({
  id: 'd', name: 'x', createdAt: 0, issues: [], hiddenCount: 0, complete: true, stopReason: null,
  cropDataBar: true, excluded, split: { seed: 1, validFrac: 0.2, assign },
});

const entries = [entry('a/1', 'a'), entry('a/2', 'a'), entry('b/1', 'b'), entry('b/2', 'b', { excluded: true }), entry('u/1', null), entry('u/2', null, { excluded: true }), entry('c/1', 'c')];

describe('datasetView', () => {
  it('gives what the separate selectors give', () => {
    const m = meta({ 'a/1': 'train', 'a/2': 'valid', 'b/1': 'train' }, ['c']);
    const v = datasetView(entries, m);
    expect(v.rows).toEqual(classRows(entries, m));
    expect(v.usedRows.map((r) => r.label)).toEqual(['a', 'b']);
    expect(v.usable).toBe(usableCount(entries, m));
    expect(v.counts).toEqual(filterCounts(entries));
    expect(v.sizes).toEqual(sizeSummary(entries));
    expect(v.classes).toEqual(['a', 'b', 'c']);
    expect(v.bars).toBe(4);
    expect(v.reviewPool).toBe(1);
    expect(v.entryOf('b/2')?.excluded).toBe(true);
    expect(v.entryOf('nope')).toBeUndefined();
  });

  it('is the same object while entries, split and excluded classes are; a grown split reuses the entries part', () => {
    const m = meta({ 'a/1': 'train' });
    const v = datasetView(entries, m);
    expect(datasetView(entries, { ...m, name: 'renamed' })).toBe(v);
    const grown = datasetView(entries, { ...m, split: { seed: 1, validFrac: 0.2, assign: { 'a/1': 'train', 'a/2': 'valid' } } });
    expect(grown).not.toBe(v);
    expect(grown.counts).toBe(v.counts);
    expect(grown.rows[0]).toMatchObject({ label: 'a', train: 1, valid: 1 });
    const relabelled = entries.map((e) => (e.path === 'u/1' ? { ...e, label: 'a' } : e));
    const after = datasetView(relabelled, m);
    expect(after.counts).not.toBe(v.counts);
    expect(after.counts.unlabelled).toBe(1);
    expect(after.rows[0].count).toBe(3);
  });

  it('keeps the used-classes summary and the bar samples while their contents are the same', () => {
    const m = meta({ 'a/1': 'train', 'a/2': 'valid', 'b/1': 'train' });
    const more = [...entries, entry('u/3', null)];
    const v = datasetView(more, m);
    expect(v.used).toEqual({ classNames: ['a', 'b', 'c'], trainImages: 2, validImages: 1 });
    expect(v.barSamples.map((e) => e.path)).toEqual(['a/1', 'b/1', 'u/1']);
    // labelling an unplaced image changes counts, not the split: the same summary
    const labelled = more.map((e) => (e.path === 'u/3' ? { ...e, label: 'a' } : e));
    const after = datasetView(labelled, m);
    expect(after.rows).not.toBe(v.rows);
    expect(after.used).toBe(v.used);
    expect(after.barSamples).toBe(v.barSamples);
    const grown = datasetView(labelled, { ...m, split: { seed: 1, validFrac: 0.2, assign: { ...m.split!.assign, 'u/3': 'train' } } });
    expect(grown.used.trainImages).toBe(3);
  });
});
