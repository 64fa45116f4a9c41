// @vitest-environment node
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { DatasetEntry, DatasetMeta } from '../dataset/records';
import { DEFAULT_DATASET, getImage, loadEntries, saveBatch, saveMeta } from './datasetDb';
import { deleteProjectData, ensureProjects, listModels, listProjects, measureProjects, putModel, putProject } from './projectsDb';
import { getCheckpoint, listRuns, saveCheckpoint, type CheckpointRecord, type RunRecord } from './runsDb';

const hash = (c: string) => c.repeat(64);

function entry(path: string, h: string): DatasetEntry {
  return {
    path, label: path.split('/')[1], presetSplit: null, hash: h, width: 8, height: 8, storedWidth: 8, storedHeight: 8,
    dataBar: { found: false, top: 8, bottom: 8, style: null }, phash: '0'.repeat(16), shifts: [],
  };
}

function meta(id: string): DatasetMeta {
  return { id, name: `${id} root`, createdAt: 1, issues: [], hiddenCount: 0, complete: true, stopReason: null, cropDataBar: true, excluded: [], split: null };
}

const image = (n: number) => ({ bytes: new Blob([new Uint8Array(n)]), thumb: new Blob([new Uint8Array(10)]), width: 8, height: 8 });

async function store(id: string, items: [string, string, number][]): Promise<void> {
  await saveMeta(meta(id));
  await saveBatch(id, items.map(([path, h, n]) => ({ entry: entry(path, h), image: image(n) })));
}

describe('projects storage', () => {
  it('gives a dataset stored before projects existed its project, and measures and deletes projects without touching shared images', async () => {
    // A version-1 dataset: no project record yet.
    await store(DEFAULT_DATASET, [['r/a/1.png', hash('a'), 100], ['r/b/2.png', hash('b'), 200]]);
    const first = await ensureProjects(5);
    expect(first.map((p) => [p.id, p.name])).toEqual([[DEFAULT_DATASET, 'My project']]);
    expect(await ensureProjects(6)).toEqual(first);

    await putProject({ id: 'p2', name: 'Second', createdAt: 7, updatedAt: 7 });
    // p2 shares image b with the default project, and has one of its own.
    await store('p2', [['s/b/x.png', hash('b'), 200], ['s/c/y.png', hash('c'), 300]]);
    const run = { id: 'run-1', dataset: 'p2', createdAt: 1, checkpointEpoch: 0 } as unknown as RunRecord;
    const cp = { runId: 'run-1', epoch: 0, bytes: 64, weights: { data: new ArrayBuffer(64), specs: [] }, optimizer: { data: new ArrayBuffer(0), specs: [] }, best: null } as unknown as CheckpointRecord;
    await saveCheckpoint(run, cp);
    await putModel({ id: 'm1', project: 'p2', name: 'm', createdAt: 1, bytes: new Blob([new Uint8Array(50)]), size: 50, classNames: ['b', 'c'], inputSize: 32, validAccuracy: null });

    const usage = await measureProjects([DEFAULT_DATASET, 'p2']);
    expect(usage.get(DEFAULT_DATASET)).toEqual({ images: 2, classes: 2, runs: 0, models: 0, bytes: 110 + 210, freed: 110 });
    expect(usage.get('p2')).toEqual({ images: 2, classes: 2, runs: 1, models: 1, bytes: 210 + 310 + 64 + 50, freed: 310 + 64 + 50 });

    await deleteProjectData('p2');
    expect((await listProjects()).map((p) => p.id)).toEqual([DEFAULT_DATASET]);
    expect(await loadEntries('p2')).toEqual([]);
    expect(await listRuns('p2')).toEqual([]);
    expect(await getCheckpoint('run-1')).toBeUndefined();
    expect(await listModels('p2')).toEqual([]);
    expect(await getImage(hash('c'))).toBeUndefined();
    // the image the default project still uses stays
    expect(await getImage(hash('b'))).toBeDefined();
    expect((await loadEntries(DEFAULT_DATASET)).length).toBe(2);
  });
});
