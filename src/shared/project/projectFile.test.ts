import { BlobWriter, TextReader, Uint8ArrayReader, ZipWriter } from '@zip.js/zip.js/index-native.js';
import { describe, expect, it } from 'vitest';
import type { DatasetEntry, DatasetMeta, StoredImage } from '../dataset/records';
import type { CheckpointRecord, RunRecord } from '../storage/runsDb';
import type { ModelRecord, ProjectRecord } from '../storage/projectTypes';
import { RECIPE_DEFAULTS } from '../train/recipe';
import { sha256Hex } from '../dataset/hash';
import { MANIFEST_NAME, ProjectFileError, readProjectFile, uniqueName, writeProjectFile, type ProjectManifest, type ProjectSink, type ProjectSource } from './projectFile';

const H1 = 'a'.repeat(64);
const H2 = 'b'.repeat(64);

function entry(path: string, hash: string, label: string): DatasetEntry {
  return {
    path, label, presetSplit: null, hash, width: 40, height: 30, storedWidth: 40, storedHeight: 30,
    dataBar: { found: false, top: 30, bottom: 30, style: null }, phash: '0'.repeat(16), shifts: [],
  };
}

const meta: DatasetMeta = {
  id: 'p-src', name: 'root', createdAt: 5, issues: [{ path: 'root/x.txt', reason: 'not an image' }], hiddenCount: 1,
  complete: true, stopReason: null, cropDataBar: true, excluded: [], split: { seed: 42, validFrac: 0.2, assign: { 'root/a/1.png': 'train' } },
};

function run(id: string): RunRecord {
  return {
    id, dataset: 'p-src', createdAt: 1, updatedAt: 2, recipe: { ...RECIPE_DEFAULTS, augment: { ...RECIPE_DEFAULTS.augment } },
    plan: {
      classNames: ['a', 'b'], trainImages: 2, validImages: 1, stepsPerEpoch: 1, stages: [{ size: 32, epochs: 2 }],
      perEpoch: [{ phase: 'frozen', size: 32, stage: 0 }, { phase: 'unfrozen', size: 32, stage: 0 }], warnings: [],
    }, status: 'running', epochs: [], lossPoints: [], bestEpoch: null,
    keptEpoch: null, summary: null, checkpointEpoch: 0, backend: 'webgl', backbone: 'resnet50-tiny', trainSeconds: 3, message: null,
  };
}

const floats = (n: number, v: number) => new Float32Array(n).fill(v).buffer;

const checkpoint: CheckpointRecord = {
  runId: 'run-1', epoch: 0, next: { epoch: 1, step: 4 },
  weights: { data: floats(6, 1.5), specs: [{ name: 'w', shape: [2, 3], dtype: 'float32' }] },
  optimizer: { data: floats(2, -1), specs: [{ name: 'm', shape: [2], dtype: 'float32' }] },
  best: null, savedAt: 9, bytes: 32,
};

const image = (n: number): StoredImage => ({
  bytes: new Blob([new Uint8Array([n, 1, 2, 3])], { type: 'image/jpeg' }),
  thumb: new Blob([new Uint8Array([n, 9])], { type: 'image/webp' }),
  width: 40, height: 30,
});

function source(): ProjectSource {
  const images = new Map([[H1, image(1)], [H2, image(2)]]);
  const model: ModelRecord = {
    id: 'm-1', project: 'p-src', name: 'first', createdAt: 7, bytes: new Blob([new Uint8Array([80, 75, 5, 6])]), size: 4,
    classNames: ['a', 'b'], inputSize: 32, validAccuracy: 0.75,
  };
  return {
    project: { id: 'p-src', name: 'Study', createdAt: 3, updatedAt: 4 },
    meta, entries: [entry('root/a/1.png', H1, 'a'), entry('root/b/2.png', H2, 'b'), entry('root/b/3.png', H2, 'b')],
    runs: [run('run-1')], checkpoints: [checkpoint], models: [model],
    image: async (h) => images.get(h), appVersion: 'test',
  };
}

interface Written {
  projects: ProjectRecord[];
  images: Map<string, StoredImage>;
  dataset: DatasetMeta | null;
  entries: DatasetEntry[];
  runs: { run: RunRecord; checkpoint: CheckpointRecord | null }[];
  models: ModelRecord[];
  aborted: string[];
}

function sink(taken: string[] = []): { sink: ProjectSink; out: Written } {
  const out: Written = { projects: [], images: new Map(), dataset: null, entries: [], runs: [], models: [], aborted: [] };
  let n = 0;
  return {
    out,
    sink: {
      newProjectId: () => 'p-new', newRunId: () => `run-new-${++n}`, newModelId: () => `m-new-${++n}`,
      putProject: async (p) => void out.projects.push(p),
      putImages: async (batch, entries) => {
        batch.forEach(({ hash, image }) => out.images.set(hash, image));
        out.entries.push(...entries);
      },
      putDataset: async (m) => void (out.dataset = m),
      putRun: async (r, c) => void out.runs.push({ run: r, checkpoint: c }),
      putModel: async (m) => void out.models.push(m),
      abort: async (id) => void out.aborted.push(id),
      takenNames: taken,
    },
  };
}

async function zipOf(files: Record<string, string | Uint8Array>, level = 0): Promise<Blob> {
  const w = new ZipWriter(new BlobWriter('application/zip'), { level });
  for (const [name, v] of Object.entries(files)) await w.add(name, typeof v === 'string' ? new TextReader(v) : new Uint8ArrayReader(v));
  return w.close();
}

async function manifestOf(blob: Blob): Promise<ProjectManifest> {
  const { ZipReader, BlobReader, TextWriter } = await import('@zip.js/zip.js/index-native.js');
  const r = new ZipReader(new BlobReader(blob));
  const e = (await r.getEntries()).find((x) => x.filename === MANIFEST_NAME)!;
  return JSON.parse(await (e as import('@zip.js/zip.js/index-native.js').FileEntry).getData(new TextWriter()));
}

describe('project file', () => {
  it('round-trips dataset, images, runs with checkpoints and models under new ids', async () => {
    const progress: number[] = [];
    const { blob, missing } = await writeProjectFile(source(), (p) => progress.push(p.done / p.total));
    expect(missing).toEqual([]);
    expect(progress.at(-1)).toBe(1);
    const { sink: s, out } = sink(['Study']);
    const result = await readProjectFile(blob, s, undefined, undefined, 100);
    expect(result).toMatchObject({ images: 2, runs: 1, models: 1 });
    // a name already taken gets a number; the record ends without the importing mark
    expect(out.projects.at(-1)).toEqual({ id: 'p-new', name: 'Study (2)', createdAt: 3, updatedAt: 100 });
    expect(out.projects[0].importing).toBe(true);
    // Stored under the SHA-256 of the stored bytes, not the declared (original file) hash.
    const K1 = await sha256Hex(new Uint8Array([1, 1, 2, 3]));
    const K2 = await sha256Hex(new Uint8Array([2, 1, 2, 3]));
    expect([...out.images.keys()].sort()).toEqual([K1, K2].sort());
    expect([...new Uint8Array(await out.images.get(K2)!.bytes.arrayBuffer())]).toEqual([2, 1, 2, 3]);
    expect(out.images.get(K2)!.thumb.type).toBe('image/webp');
    expect(out.entries.filter((e) => e.path.startsWith('root/b/')).map((e) => e.hash)).toEqual([K2, K2]);
    expect(out.dataset).toEqual({ ...meta, id: 'p-new' });
    expect(out.entries.map((e) => e.path).sort()).toEqual(['root/a/1.png', 'root/b/2.png', 'root/b/3.png']);
    const [{ run: r, checkpoint: c }] = out.runs;
    expect(r).toMatchObject({ id: 'run-new-1', dataset: 'p-new', status: 'paused', checkpointEpoch: 0 });
    expect(c!.runId).toBe('run-new-1');
    expect(new Float32Array(c!.weights.data)).toEqual(new Float32Array(6).fill(1.5));
    expect(new Float32Array(c!.optimizer.data)).toEqual(new Float32Array(2).fill(-1));
    expect(out.models[0]).toMatchObject({ id: 'm-new-2', project: 'p-new', name: 'first', size: 4, classNames: ['a', 'b'] });
    expect(out.aborted).toEqual([]);
  });

  it('carries the labels made in the app: origin, time, excluded flag and the label history', async () => {
    const src = source();
    src.entries[2] = { ...src.entries[2], label: 'a', origin: 'accepted', labelledAt: 11, excluded: true };
    src.meta = { ...meta, labelLog: [{ at: 11, path: 'root/b/3.png', action: 'label', from: 'b', to: 'a', origin: 'accepted' }], revision: 1 };
    const { blob } = await writeProjectFile(src);
    const { sink: s, out } = sink();
    await readProjectFile(blob, s);
    expect(out.entries.find((e) => e.path === 'root/b/3.png')).toMatchObject({ label: 'a', origin: 'accepted', labelledAt: 11, excluded: true });
    expect(out.dataset?.labelLog).toEqual(src.meta.labelLog);
    const bad = await manifestOf(blob);
    bad.entries[0] = { ...bad.entries[0], origin: 'guessed' as never };
    const files: Record<string, string | Uint8Array> = { [MANIFEST_NAME]: JSON.stringify(bad) };
    for (const i of bad.images) {
      files[`images/${i.hash}`] = new Uint8Array([1]);
      files[`thumbs/${i.hash}`] = new Uint8Array([1]);
    }
    await expect(readProjectFile(await zipOf(files), sink().sink)).rejects.toThrow(/origin must be one of "folder", "hand", "accepted"/);
  });

  it("carries each image's instrument metadata (pixel size and its source, magnification, kV, detector)", async () => {
    const src = source();
    const instrument = { pixelSizeNm: 4.2, pixelSizeSource: 'zeiss-tag' as const, magnification: 40_000, kV: 5, detector: 'InLens' };
    src.entries[0] = { ...src.entries[0], instrument };
    const { blob } = await writeProjectFile(src);
    const { sink: s, out } = sink();
    await readProjectFile(blob, s);
    expect(out.entries.find((e) => e.path === 'root/a/1.png')!.instrument).toEqual(instrument);
    expect(out.entries.find((e) => e.path === 'root/b/2.png')!.instrument).toBeUndefined();
  });

  it('leaves out entries whose image is gone and says so in the issues', async () => {
    const src = source();
    src.image = async (h) => (h === H1 ? image(1) : undefined);
    const { blob, missing } = await writeProjectFile(src);
    expect(missing).toEqual(['root/b/2.png', 'root/b/3.png']);
    const m = await manifestOf(blob);
    expect(m.entries.map((e) => e.path)).toEqual(['root/a/1.png']);
    expect(m.dataset!.issues.map((i) => i.path)).toContain('root/b/3.png');
  });

  it('refuses files that are not project files, with a sentence', async () => {
    await expect(readProjectFile(new Blob(['not a zip at all']), sink().sink)).rejects.toThrow(/not a readable zip/);
    await expect(readProjectFile(await zipOf({ 'a.txt': 'x' }), sink().sink)).rejects.toThrow(/no sem-project.json/);
    await expect(readProjectFile(await zipOf({ [MANIFEST_NAME]: JSON.stringify({ format: 'sem-project', version: 9 }) }), sink().sink))
      .rejects.toThrow(/format version 9/);
  });

  async function tampered(edit: (m: ProjectManifest, files: Record<string, string | Uint8Array>) => void, level = 0): Promise<Blob> {
    const { blob } = await writeProjectFile(source());
    const m = await manifestOf(blob);
    const files: Record<string, string | Uint8Array> = {
      [`images/${H1}`]: new Uint8Array([1]), [`thumbs/${H1}`]: new Uint8Array([1]),
      [`images/${H2}`]: new Uint8Array([2]), [`thumbs/${H2}`]: new Uint8Array([2]),
      'checkpoints/run-1/weights.bin': new Uint8Array(24), 'checkpoints/run-1/optimizer.bin': new Uint8Array(8),
      'models/m-1.zip': new Uint8Array(4),
    };
    edit(m, files);
    files[MANIFEST_NAME] = JSON.stringify(m);
    return zipOf(files, level);
  }

  it('accepts an untampered rebuild (the base of the refusals below)', async () => {
    await expect(readProjectFile(await tampered(() => undefined), sink().sink)).resolves.toMatchObject({ images: 2 });
  });

  it('refuses every field of the wrong type or range (a hostile file, issue 15), before writing anything', async () => {
    const XSS = '1 <img src=x onerror=alert(1)>';
    const cases: [(m: ProjectManifest) => void, RegExp][] = [
      [(m) => void ((m.dataset!.split as unknown as Record<string, unknown>).seed = XSS), /dataset\.split\.seed must be a whole number/],
      [(m) => void ((m.dataset!.split as unknown as Record<string, unknown>).validFrac = XSS), /dataset\.split\.validFrac must be a number from 0 to 1/],
      [(m) => void ((m.runs[0].plan.stages[0] as unknown as Record<string, unknown>).size = XSS), /runs\[0\]\.plan\.stages\[0\]\.size must be a whole number/],
      [(m) => void ((m.runs[0].recipe as unknown as Record<string, unknown>).seed = XSS), /runs\[0\]\.recipe\.seed/],
      [(m) => void ((m.runs[0].recipe as unknown as Record<string, unknown>).baseLr = -1), /runs\[0\]\.recipe\.baseLr must be a number from 0 to 10/],
      [(m) => void ((m.runs[0] as unknown as Record<string, unknown>).backend = { toString: XSS }), /runs\[0\]\.backend must be text/],
      [(m) => void ((m.images[0] as unknown as Record<string, unknown>).type = 'text/html'), /images\[0\]\.type must be one of/],
      [(m) => void ((m.entries[0] as unknown as Record<string, unknown>).label = 7), /entries\[0\]\.label must be text/],
      [(m) => void ((m.entries[0].dataBar as unknown as Record<string, unknown>).top = -5), /entries\[0\]\.dataBar\.top/],
      [(m) => void ((m.entries[0] as unknown as Record<string, unknown>).instrument = { pixelSizeNm: 2, pixelSizeSource: 'ocr', magnification: null, kV: null, detector: null }), /entries\[0\]\.instrument\.pixelSizeSource must be one of/],
      [(m) => void ((m.models[0] as unknown as Record<string, unknown>).validAccuracy = XSS), /models\[0\]\.validAccuracy/],
      [(m) => void ((m.project as unknown as Record<string, unknown>).name = 'x'.repeat(5000)), /project\.name must be text of at most 1000/],
    ];
    for (const [edit, message] of cases) {
      const { sink: s, out } = sink();
      await expect(readProjectFile(await tampered(edit), s)).rejects.toThrow(message);
      expect(out.projects).toEqual([]);
    }
  });

  it('refuses ../ paths, extra and missing entries before writing anything', async () => {
    const cases: [(m: ProjectManifest, f: Record<string, string | Uint8Array>) => void, RegExp][] = [
      [(_m, f) => void (f['../evil.js'] = 'x'), /unsafe path \(such as \.\.\/\)/],
      [(_m, f) => void (f['extra.js'] = 'x'), /unexpected entry: extra\.js/],
      [(_m, f) => void (f['images/../../x'] = 'x'), /unsafe path|unexpected entry/],
      [(_m, f) => void delete f[`thumbs/${H2}`], /missing thumbs\//],
      [(m) => void (m.entries[0].hash = 'c'.repeat(64)), /refers to an image the file does not hold/],
      [(m) => void (m.checkpoints[0].weights = [{ name: 'w', shape: [1000, 1000], dtype: 'float32' }]), /holds 24 bytes for 4000000 bytes/],
      [(m) => void (m.runs[0].id = '../run'), /runs\[0\]\.id must be text/],
      [(m) => void m.entries.push(m.entries[0]), /appears twice/],
    ];
    for (const [edit, message] of cases) {
      const { sink: s, out } = sink();
      await expect(readProjectFile(await tampered(edit), s)).rejects.toThrow(message);
      expect(out.projects).toEqual([]);
    }
  });

  it('refuses compressed entries (no zip bombs)', async () => {
    await expect(readProjectFile(await tampered(() => undefined, 6), sink().sink)).rejects.toThrow(ProjectFileError);
  });

  it('removes what it wrote when storage fails halfway', async () => {
    const { blob } = await writeProjectFile(source());
    const { sink: s, out } = sink();
    s.putRun = async () => { throw new DOMException('full', 'QuotaExceededError'); };
    await expect(readProjectFile(blob, s)).rejects.toThrow(/full/);
    expect(out.aborted).toEqual(['p-new']);
  });

  it('numbers names that are taken', () => {
    expect(uniqueName('A', [])).toBe('A');
    expect(uniqueName('A', ['A', 'A (2)'])).toBe('A (3)');
  });
});
