// @vitest-environment node
import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { phashToHex } from '../../../shared/dataset/phash';
import type { DatasetEntry, DatasetMeta } from '../../../shared/dataset/records';
import { mulberry32 } from '../../../shared/dataset/split';
import { loadEntries, loadMeta, saveBatch, saveMeta } from '../../../shared/storage/datasetDb';
import { RECIPE_DEFAULTS } from '../../../shared/train/recipe';
import { changeLabels } from '../data/labelActions';
import { useStore } from '../../store';

// What the worker would read from storage when the run starts.
const seen: { labelled: number; placed: number; revision: number | undefined }[] = [];
vi.mock('../../bridge', () => ({
  startTraining: vi.fn(async (dataset: string) => {
    const [meta, entries] = await Promise.all([loadMeta(dataset), loadEntries(dataset)]);
    seen.push({ labelled: entries.filter((e) => e.label !== null).length, placed: Object.keys(meta?.split?.assign ?? {}).length, revision: meta?.revision });
  }),
}));
const { startRun } = await import('./startRun');

const rand = mulberry32(9);
const hex = () => phashToHex({ hi: (rand() * 2 ** 32) >>> 0, lo: (rand() * 2 ** 32) >>> 0 });
function entry(path: string, label: string | null): DatasetEntry {
  const phash = hex();
  return {
    path, label, presetSplit: null, hash: path.replace(/\W/g, '').padEnd(64, '0').slice(0, 64), width: 8, height: 8, storedWidth: 8, storedHeight: 8,
    dataBar: { found: false, top: 8, bottom: 8, style: null }, phash, shifts: [phash, hex(), hex()],
  };
}

describe('startRun', () => {
  it('starts the run only once the label changes made before it are stored, split included', async () => {
    const entries = [entry('a/0', 'a'), entry('a/1', 'a'), entry('b/0', 'b'), entry('b/1', 'b'), ...Array.from({ length: 600 }, (_, i) => entry(`u/${i}`, null))];
    const meta: DatasetMeta = {
      id: 'run', name: 'run', createdAt: 1, issues: [], hiddenCount: 0, complete: true, stopReason: null, cropDataBar: true, excluded: [],
      split: { seed: 1, validFrac: 0.2, assign: { 'a/0': 'train', 'a/1': 'valid', 'b/0': 'train', 'b/1': 'valid' } },
    };
    await saveBatch('run', entries.map((e) => ({ entry: e, image: null })));
    await saveMeta(meta);
    useStore.getState().datasetLoaded(meta, entries, []);
    changeLabels({ kind: 'label', paths: entries.slice(4).map((e) => e.path), label: 'b', origin: 'hand' });
    await startRun('run', RECIPE_DEFAULTS);
    expect(seen).toEqual([{ labelled: 604, placed: 604, revision: 1 }]);
    expect(useStore.getState().runRevision).toBe(1);
  });
});
