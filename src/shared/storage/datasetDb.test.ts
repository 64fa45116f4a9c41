// @vitest-environment node
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { DatasetEntry, DatasetMeta, StoredImage } from '../dataset/records';
import { getImages, isQuotaError, loadEntries, loadMeta, saveBatch, saveLabelChange } from './datasetDb';

describe('isQuotaError', () => {
  it('recognises a full disk however the browser reports it', () => {
    expect(isQuotaError(new DOMException('full', 'QuotaExceededError'))).toBe(true);
    // Chromium aborts the transaction and reports the quota in the message.
    expect(isQuotaError(new DOMException('Transaction aborted: quota exceeded', 'AbortError'))).toBe(true);
    expect(isQuotaError(new DOMException('Transaction aborted', 'AbortError'))).toBe(false);
    expect(isQuotaError(new Error('x'))).toBe(false);
    expect(isQuotaError(null)).toBe(false);
  });
});

const image = (n: number): StoredImage => ({ bytes: new Blob([new Uint8Array([n])]), thumb: new Blob([new Uint8Array([n, n])]), width: n, height: n });
const entry = (path: string, hash: string, label: string | null = null): DatasetEntry => ({
  path, label, presetSplit: null, hash, width: 8, height: 8, storedWidth: 8, storedHeight: 8,
  dataBar: { found: false, top: 8, bottom: 8, style: null }, phash: '0'.repeat(16), shifts: [],
});
const meta = (id: string): DatasetMeta => ({ id, name: id, createdAt: 1, issues: [], hiddenCount: 0, complete: true, stopReason: null, cropDataBar: true, excluded: [], split: null });

describe('stored images and label changes (fake IndexedDB)', () => {
  it('reads several images in one go, each handed over once; a missing one as undefined', async () => {
    await saveBatch('imgs', [{ entry: entry('a', 'h1'), image: image(1) }, { entry: entry('b', 'h2'), image: image(2) }]);
    const got: [string, number | undefined][] = [];
    await getImages(['h2', 'nope', 'h1'], (h, img) => got.push([h, img?.width]));
    expect(got.sort()).toEqual([['h1', 1], ['h2', 2], ['nope', undefined]]);
  });

  it('writes a change of 1,050 entries in chunks, with deletions and the record, in one transaction', async () => {
    const all = Array.from({ length: 1100 }, (_, i) => entry(`p/${String(i).padStart(4, '0')}`, `h${i}`));
    await saveBatch('big', all.map((e) => ({ entry: e, image: null })));
    const labelled = all.slice(0, 1050).map((e) => ({ ...e, label: 'a' }));
    await saveLabelChange({ ...meta('big'), revision: 3 }, labelled, ['p/1099']);
    const back = await loadEntries('big');
    expect(back).toHaveLength(1099);
    expect(back.filter((e) => e.label === 'a')).toHaveLength(1050);
    expect((await loadMeta('big'))?.revision).toBe(3);
  });
});
