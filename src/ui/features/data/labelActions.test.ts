// @vitest-environment node
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { phashToHex } from '../../../shared/dataset/phash';
import type { DatasetEntry, DatasetMeta } from '../../../shared/dataset/records';
import { mulberry32 } from '../../../shared/dataset/split';
import { loadEntries, loadMeta, saveBatch, saveMeta } from '../../../shared/storage/datasetDb';
import { resetStore, useStore } from '../../store';
import { changeLabels, labelWritesDone, undoLast } from './labelActions';

const rand = mulberry32(3);
const hex = () => phashToHex({ hi: (rand() * 2 ** 32) >>> 0, lo: (rand() * 2 ** 32) >>> 0 });

function entry(path: string, label: string | null): DatasetEntry {
  const phash = hex();
  return {
    path, label, presetSplit: null, hash: path.replace(/\W/g, '').padEnd(64, '0').slice(0, 64), width: 8, height: 8, storedWidth: 8, storedHeight: 8,
    dataBar: { found: false, top: 8, bottom: 8, style: null }, phash, shifts: [phash, hex()],
  };
}

const LOOSE = 70;
let n = 0;

async function setUp(): Promise<{ meta: DatasetMeta; entries: DatasetEntry[] }> {
  resetStore();
  const id = `d${n++}`;
  const entries = [
    ...Array.from({ length: 5 }, (_, i) => entry(`a/${i}.png`, 'a')),
    ...Array.from({ length: 5 }, (_, i) => entry(`b/${i}.png`, 'b')),
    ...Array.from({ length: LOOSE }, (_, i) => entry(`u/${String(i).padStart(3, '0')}.png`, null)),
  ];
  const assign = Object.fromEntries(entries.filter((e) => e.label).map((e, i) => [e.path, i % 5 === 0 ? 'valid' : 'train'] as const));
  const meta: DatasetMeta = {
    id, name: id, createdAt: 1, issues: [], hiddenCount: 0, complete: true, stopReason: null, cropDataBar: true, excluded: [],
    split: { seed: 1, validFrac: 0.2, assign },
  };
  await saveBatch(id, entries.map((e) => ({ entry: e, image: null })));
  await saveMeta(meta);
  useStore.getState().datasetLoaded(meta, entries, []);
  return { meta, entries };
}

describe('label actions', () => {
  beforeEach(() => resetStore());

  it('60 changes, one store update each, all undone in reverse order; the split grows and the writes land', async () => {
    const { entries } = await setUp();
    let updates = 0;
    const stop = useStore.subscribe(() => void updates++);
    for (let i = 0; i < 60; i++) expect(changeLabels({ kind: 'label', paths: [`u/${String(i).padStart(3, '0')}.png`], label: i % 2 ? 'a' : 'b', origin: 'hand' })).toBe(true);
    stop();
    expect(updates).toBe(60);
    expect(useStore.getState().undoStack).toHaveLength(60);
    expect(useStore.getState().labelSaving).toBe(true);
    await labelWritesDone();
    const s = useStore.getState();
    expect(s.labelSaving).toBe(false);
    // every labelled image has a side, in the store and in storage
    expect(Object.keys(s.meta!.split!.assign)).toHaveLength(70);
    const stored = await loadMeta(s.meta!.id);
    expect(stored!.split!.assign).toEqual(s.meta!.split!.assign);
    expect((await loadEntries(s.meta!.id)).filter((e) => e.label !== null)).toHaveLength(70);

    for (let i = 0; i < 60; i++) expect(undoLast()).toBe(true);
    expect(undoLast()).toBe(false);
    await labelWritesDone();
    const back = useStore.getState();
    expect(back.entries.map((e) => [e.path, e.label])).toEqual(entries.map((e) => [e.path, e.label]));
    expect(Object.keys(back.meta!.split!.assign)).toHaveLength(10);
    expect((await loadEntries(back.meta!.id)).filter((e) => e.label !== null)).toHaveLength(10);
    expect(back.meta!.revision).toBe(0);
  });

  it('a change and its undo leave the dataset "unchanged since the run", unless the run saw the change', async () => {
    await setUp();
    useStore.getState().runRevisionSet(0);
    changeLabels({ kind: 'label', paths: ['u/000.png'], label: 'a', origin: 'hand' });
    expect(useStore.getState().meta!.revision).toBe(1);
    undoLast();
    expect(useStore.getState().meta!.revision).toBe(0);
    changeLabels({ kind: 'label', paths: ['u/001.png'], label: 'a', origin: 'hand' });
    useStore.getState().runRevisionSet(1); // a run started on this change
    undoLast();
    expect(useStore.getState().meta!.revision).toBe(2);
    await labelWritesDone();
  });
});
