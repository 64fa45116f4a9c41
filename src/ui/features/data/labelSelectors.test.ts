import { describe, expect, it } from 'vitest';
import type { DatasetEntry } from '../../../shared/dataset/records';
import type { RunRecord } from '../../../shared/storage/runsDb';
import { filterCounts, galleryItems, lastRunRevision, nextAfterSelection, rangePaths, reviewQueue } from './labelSelectors';

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
  it('marks the images the unfamiliar-image check flagged, without changing the order', () => {
    const preds = { 'b.png': { probs: [0.9, 0.1], unfamiliar: true }, 'c.png': { probs: [0.55, 0.45], unfamiliar: false }, 'z.png': { probs: [0.3, 0.7] } };
    expect(reviewQueue(entries, preds, ['a', 'b'], [], 'margin').map((i) => [i.id, i.unfamiliar])).toEqual([['c.png', false], ['z.png', false], ['b.png', true]]);
  });
  it('keeps each queue item the same object while its image and prediction are (the list re-renders only what changed)', () => {
    const preds = { 'z.png': { probs: [0.4, 0.6] }, 'b.png': { probs: [0.9, 0.1] }, 'c.png': { probs: [0.55, 0.45] } };
    const q = reviewQueue(entries, preds, ['a', 'b'], [], 'margin');
    const labelled = entries.map((e) => (e.path === 'c.png' ? { ...e, label: 'a' } : e));
    const next = reviewQueue(labelled, preds, ['a', 'b'], [], 'margin');
    expect(next.map((i) => i.id)).toEqual(['z.png', 'b.png']);
    expect(next[0]).toBe(q[1]);
    expect(next[1]).toBe(q[2]);
    // other class names: new items with the new names
    expect(reviewQueue(labelled, preds, ['x', 'y'], [], 'margin').map((i) => i.pred)).toEqual(['y', 'x']);
  });
  it('finds the newest run that kept its dataset revision, with its recipe', () => {
    const run = (id: string, createdAt: number, datasetRevision?: number) => ({ id, createdAt, datasetRevision, recipe: { seed: createdAt } }) as unknown as RunRecord;
    expect(lastRunRevision([])).toBeNull();
    expect(lastRunRevision([run('old', 1)])).toBeNull();
    expect(lastRunRevision([run('a', 5, 3), run('b', 9, 7), run('c', 12)])).toEqual({ revision: 7, recipe: { seed: 9 } });
  });
});
