// @vitest-environment node
// The attack of issue 15: a project file declaring a victim project's image hashes, with other pixels. The
// victim's stored images must not change, whatever the file declares.
import 'fake-indexeddb/auto';
import { BlobWriter, TextReader, Uint8ArrayReader, ZipWriter } from '@zip.js/zip.js/index-native.js';
import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../dataset/hash';
import type { DatasetEntry, DatasetMeta } from '../dataset/records';
import { MANIFEST_NAME, PROJECT_FORMAT, PROJECT_VERSION, readProjectFile, type ProjectSink } from '../project/projectFile';
import { getImage, loadEntries, saveBatch, saveMeta } from './datasetDb';

const px = (seed: number, n = 32) => new Uint8Array(n).map((_, i) => (i * 31 + seed * 7) & 255);

function entry(path: string, hash: string, label: string): DatasetEntry {
  return {
    path, label, presetSplit: null, hash, width: 8, height: 8, storedWidth: 8, storedHeight: 8,
    dataBar: { found: false, top: 8, bottom: 8, style: null }, phash: '0'.repeat(16), shifts: [],
  };
}

function meta(id: string): DatasetMeta {
  return { id, name: id, createdAt: 1, issues: [], hiddenCount: 0, complete: true, stopReason: null, cropDataBar: true, excluded: [], split: null };
}

/** The sink the app uses (ui/features/project/projectActions.ts), reduced to the image and entry writes. */
function realSink(): ProjectSink {
  let n = 0;
  return {
    newProjectId: () => 'attacker', newRunId: () => `r${++n}`, newModelId: () => `m${++n}`,
    putProject: async () => undefined,
    putImages: async (batch, entries) => {
      const images = new Map(batch.map((b) => [b.hash, b.image]));
      await saveBatch('attacker', entries.map((e) => {
        const image = images.get(e.hash) ?? null;
        images.delete(e.hash);
        return { entry: e, image };
      }));
    },
    putDataset: saveMeta, putRun: async () => undefined, putModel: async () => undefined, abort: async () => undefined, takenNames: [],
  };
}

describe('content-addressed image storage', () => {
  it('a project file declaring another project\'s hashes cannot replace its pixels', async () => {
    // The victim: 14 images stored under the hashes of their original files.
    const victimHashes: string[] = [];
    const items = [];
    for (let i = 0; i < 14; i++) {
      const h = await sha256Hex(px(i, 64));
      victimHashes.push(h);
      items.push({ entry: entry(`v/${i % 2 ? 'a' : 'b'}/${i}.png`, h, i % 2 ? 'a' : 'b'), image: { bytes: new Blob([px(i)], { type: 'image/jpeg' }), thumb: new Blob([px(i, 8)], { type: 'image/webp' }), width: 8, height: 8 } });
    }
    await saveMeta(meta('victim'));
    await saveBatch('victim', items);

    // The attacker's file: the same hashes, other pixels (label-flip poisoning), built by hand.
    const w = new ZipWriter(new BlobWriter('application/zip'), { level: 0 });
    for (const h of victimHashes) {
      await w.add(`images/${h}`, new Uint8ArrayReader(px(99)));
      await w.add(`thumbs/${h}`, new Uint8ArrayReader(px(99, 8)));
    }
    const manifest = {
      format: PROJECT_FORMAT, version: PROJECT_VERSION, exportedAt: '2026-01-01T00:00:00Z', appVersion: 'x',
      project: { name: 'poison', createdAt: 1 }, dataset: meta('x'),
      entries: victimHashes.map((h, i) => entry(`p/${i % 2 ? 'b' : 'a'}/${i}.png`, h, i % 2 ? 'b' : 'a')),
      images: victimHashes.map((hash) => ({ hash, width: 8, height: 8, type: 'image/jpeg', thumbType: 'image/webp' })),
      runs: [], checkpoints: [], models: [],
    };
    await w.add(MANIFEST_NAME, new TextReader(JSON.stringify(manifest)));
    await readProjectFile(await w.close(), realSink());

    for (let i = 0; i < 14; i++) {
      const img = await getImage(victimHashes[i]);
      expect([...new Uint8Array(await img!.bytes.arrayBuffer())]).toEqual([...px(i)]);
    }
    // The attacker's entries point at their own bytes, under the hash of those bytes.
    const key = await sha256Hex(px(99));
    const imported = await loadEntries('attacker');
    expect(imported).toHaveLength(14);
    expect(new Set(imported.map((e) => e.hash))).toEqual(new Set([key]));
    expect([...new Uint8Array(await (await getImage(key))!.bytes.arrayBuffer())]).toEqual([...px(99)]);
  });

  it('never overwrites a stored key, even from the same project', async () => {
    const h = 'f'.repeat(64);
    await saveBatch('p1', [{ entry: entry('p1/a/1.png', h, 'a'), image: { bytes: new Blob([px(1)]), thumb: new Blob([px(1, 8)]), width: 8, height: 8 } }]);
    await saveBatch('p1', [{ entry: entry('p1/a/2.png', h, 'a'), image: { bytes: new Blob([px(2)]), thumb: new Blob([px(2, 8)]), width: 8, height: 8 } }]);
    expect([...new Uint8Array(await (await getImage(h))!.bytes.arrayBuffer())]).toEqual([...px(1)]);
    expect(await loadEntries('p1')).toHaveLength(2);
  });
});
