import { describe, expect, it } from 'vitest';
import type { DatasetEntry } from '../../shared/dataset/records';
import { filterCounts, galleryItems, nextAfterSelection, rangePaths, reviewQueue } from './labelSelectors';

const entry = (path: string, label: string | null, excluded = false): DatasetEntry => ({
  path, label, presetSplit: null, hash: path, width: 1, height: 1, storedWidth: 1, storedHeight: 1,
  dataBar: { found: false, top: 1, bottom: 1, style: null }, phash: '0'.repeat(16), shifts: [], excluded: excluded || undefined,
});
const entries = [entry('z.png', null), entry('a/2.png', 'a', true), entry('a/1.png', 'a'), entry('b.png', null), entry('c.png', null)];

describe('label selectors', () => {
  it('filters in path order and counts', () => {
    expect(galleryItems(entries, { kind: 'unlabelled' }).map((e) => e.path)).toEqual(['b.png', 'c.png', 'z.png']);
    expect(galleryItems(entries, { kind: 'class', label: 'a' }).map((e) => e.path)).toEqual(['a/1.png', 'a/2.png']);
    expect(galleryItems(entries, { kind: 'excluded' }).map((e) => e.path)).toEqual(['a/2.png']);
    const c = filterCounts(entries);
    expect([c.all, c.unlabelled, c.excluded, c.byClass.get('a')]).toEqual([5, 3, 1, 2]);
  });

  it('ranges either way, and the image to select after the selection leaves', () => {
    const items = galleryItems(entries, { kind: 'all' });
    expect(rangePaths(items, 3, 1)).toEqual(['a/2.png', 'b.png', 'c.png']);
    expect(nextAfterSelection(items, new Set(['a/2.png', 'b.png']))).toBe('c.png');
    expect(nextAfterSelection(items, new Set(['c.png', 'z.png']))).toBe('b.png');
    expect(nextAfterSelection(items, new Set(['x']))).toBeNull();
  });

  it('queues unlabelled predicted images, least margin first, skipped ones last', () => {
    const preds = { 'b.png': { probs: [0.9, 0.1] }, 'c.png': { probs: [0.55, 0.45] }, 'z.png': { probs: [0.3, 0.7] }, 'a/1.png': { probs: [0.5, 0.5] } };
    const q = reviewQueue(entries, preds, ['a', 'b'], [], 'margin');
    expect(q.map((i) => [i.id, i.pred])).toEqual([['c.png', 'a'], ['z.png', 'b'], ['b.png', 'a']]);
    expect(reviewQueue(entries, preds, ['a', 'b'], ['c.png'], 'margin').map((i) => i.id)).toEqual(['z.png', 'b.png', 'c.png']);
  });
});
