// A whole project as one file, for moving it to another machine: a zip whose entries are all stored
// (images are JPEG/WebP already and weights barely compress), so a file of several GB is written and read
// in pieces, never held in memory, and a "zip bomb" cannot exist (every entry's size is its size in the
// file). Layout:
//   sem-project.json                 the manifest: project, dataset record, entries, runs, checkpoint and model records
//   images/<sha256>, thumbs/<sha256> the stored copy and thumbnail of each image
//   checkpoints/<run>/{weights,optimizer,best}.bin
//   models/<id>.zip                  saved classifier bundles
// Reading checks every name, size and record before anything is stored, and maps ids to new ones, so a
// project can be imported twice side by side.

import {
  BlobReader, BlobWriter, TextReader, TextWriter, Uint8ArrayReader, ZipReader, ZipWriter, configure, type Entry, type FileEntry,
} from '@zip.js/zip.js/index-native.js';
import type { DatasetEntry, DatasetMeta, StoredImage } from '../dataset/records';
import { sha256Hex } from '../dataset/hash';
import type { CheckpointRecord, EncodedWeights, RunRecord } from '../storage/runsDb';
import type { ModelRecord, ProjectRecord } from '../storage/projectTypes';

// No web workers (the CSP allows only our own scripts) and nothing to compress.
configure({ useWebWorkers: false });

import { MANIFEST_NAME, PROJECT_FORMAT, PROJECT_VERSION } from './names';
import { manifestBody } from './manifestSchema';
import { SchemaError } from '../schema/schema';

export { MANIFEST_NAME, PROJECT_EXTENSION, PROJECT_FORMAT, PROJECT_VERSION } from './names';
const MAX_MANIFEST = 512 * 1024 * 1024;

type Specs = EncodedWeights['specs'];

export interface ImageInfo {
  hash: string;
  width: number;
  height: number;
  type: string;
  thumbType: string;
}

export interface CheckpointInfo extends Omit<CheckpointRecord, 'weights' | 'optimizer' | 'best'> {
  weights: Specs;
  optimizer: Specs;
  best: { epoch: number; validLoss: number; weights: Specs | null } | null;
}

/** A saved model as the project file lists it (its bytes travel separately). */
export type SavedModelEntry = Omit<ModelRecord, 'bytes' | 'project'>;

export interface ProjectManifest {
  format: typeof PROJECT_FORMAT;
  version: typeof PROJECT_VERSION;
  exportedAt: string;
  appVersion: string;
  project: { name: string; createdAt: number };
  dataset: DatasetMeta | null;
  entries: DatasetEntry[];
  images: ImageInfo[];
  runs: RunRecord[];
  checkpoints: CheckpointInfo[];
  models: SavedModelEntry[];
}

/** What an export reads: the records, and the image store by hash. */
export interface ProjectSource {
  project: ProjectRecord;
  meta: DatasetMeta | null;
  entries: DatasetEntry[];
  runs: RunRecord[];
  checkpoints: CheckpointRecord[];
  models: ModelRecord[];
  image: (hash: string) => Promise<StoredImage | undefined>;
  appVersion: string;
}

export interface Progress {
  done: number;
  total: number;
}

export interface ExportResult {
  blob: Blob;
  /** entries left out because their image was missing from storage */
  missing: string[];
}

/** Writes the project file. Images come one at a time from storage. */
export async function writeProjectFile(src: ProjectSource, onProgress?: (p: Progress) => void, signal?: AbortSignal): Promise<ExportResult> {
  const infos: ImageInfo[] = [];
  const missing: string[] = [];
  const seen = new Set<string>();
  const hashes = [...new Set(src.entries.map((e) => e.hash))];
  const total = hashes.length + src.checkpoints.length + src.models.length + 1;
  let done = 0;
  const step = () => onProgress?.({ done: ++done, total });
  const writer = new ZipWriter(new BlobWriter('application/zip'), { level: 0, signal });
  // Images first (their records go into the manifest, written last but read first through the directory).
  for (const hash of hashes) {
    const img = await src.image(hash);
    if (img) {
      await writer.add(`images/${hash}`, new BlobReader(img.bytes));
      await writer.add(`thumbs/${hash}`, new BlobReader(img.thumb));
      infos.push({ hash, width: img.width, height: img.height, type: img.bytes.type, thumbType: img.thumb.type });
      seen.add(hash);
    }
    step();
  }
  const entries = src.entries.filter((e) => {
    if (seen.has(e.hash)) return true;
    missing.push(e.path);
    return false;
  });
  const checkpoints: CheckpointInfo[] = [];
  for (const c of src.checkpoints) {
    await writer.add(`checkpoints/${c.runId}/weights.bin`, new Uint8ArrayReader(new Uint8Array(c.weights.data)));
    await writer.add(`checkpoints/${c.runId}/optimizer.bin`, new Uint8ArrayReader(new Uint8Array(c.optimizer.data)));
    if (c.best?.weights) await writer.add(`checkpoints/${c.runId}/best.bin`, new Uint8ArrayReader(new Uint8Array(c.best.weights.data)));
    checkpoints.push({
      ...c, weights: c.weights.specs, optimizer: c.optimizer.specs,
      best: c.best && { epoch: c.best.epoch, validLoss: c.best.validLoss, weights: c.best.weights?.specs ?? null },
    });
    step();
  }
  const models: SavedModelEntry[] = [];
  for (const m of src.models) {
    await writer.add(`models/${m.id}.zip`, new BlobReader(m.bytes));
    const { bytes: _b, project: _p, ...info } = m;
    models.push(info);
    step();
  }
  const manifest: ProjectManifest = {
    format: PROJECT_FORMAT, version: PROJECT_VERSION, exportedAt: new Date().toISOString(), appVersion: src.appVersion,
    project: { name: src.project.name, createdAt: src.project.createdAt },
    dataset: src.meta && { ...src.meta, issues: [...src.meta.issues, ...missing.map((path) => ({ path, reason: 'image missing from storage when the project was exported' }))] },
    entries, images: infos, runs: src.runs, checkpoints, models,
  };
  await writer.add(MANIFEST_NAME, new TextReader(JSON.stringify(manifest)));
  step();
  return { blob: await writer.close(), missing };
}

/** Where an import writes; `abort` removes what was written when the file turns out bad halfway. */
export interface ProjectSink {
  newProjectId: () => string;
  newRunId: () => string;
  newModelId: () => string;
  putProject: (p: ProjectRecord) => Promise<void>;
  /** images with the entries that use them, in one transaction (no image is ever stored without its entries) */
  putImages: (images: { hash: string; image: StoredImage }[], entries: DatasetEntry[]) => Promise<void>;
  /** the dataset record, written after all its entries */
  putDataset: (meta: DatasetMeta) => Promise<void>;
  putRun: (run: RunRecord, checkpoint: CheckpointRecord | null) => Promise<void>;
  putModel: (m: ModelRecord) => Promise<void>;
  abort: (projectId: string) => Promise<void>;
  /** names already taken, so an import next to its original is told apart */
  takenNames: string[];
}

export class ProjectFileError extends Error {
  override name = 'ProjectFileError';
}


function fail(message: string): never {
  throw new ProjectFileError(message);
}

function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function check(cond: unknown, what: string): asserts cond {
  if (!cond) fail(`The project file is damaged: ${what}.`);
}

function checkSpecs(specs: unknown, bytes: number, what: string): void {
  check(Array.isArray(specs), `${what} has no weight list`);
  let need = 0;
  for (const s of specs as unknown[]) {
    check(isObj(s) && typeof s.name === 'string' && Array.isArray(s.shape) && s.shape.every((d) => Number.isInteger(d) && d >= 0 && d < 1e8), `${what} has a bad weight record`);
    check(s.dtype === 'float32' || s.dtype === 'int32', `${what} has a weight of type ${String(s.dtype)}`);
    need += (s.shape as number[]).reduce((a, b) => a * b, 1) * 4;
  }
  check(need === bytes, `${what} holds ${bytes} bytes for ${need} bytes of weights`);
}

/**
 * Structure of the manifest, checked field by field (types and ranges: manifestSchema.ts), then the
 * references between records, so a bad file gets a sentence, not a crash or a script later.
 */
export function validateManifest(raw: unknown): ProjectManifest {
  if (!isObj(raw) || raw.format !== PROJECT_FORMAT) fail('This is not a project file of this app (no sem-project.json manifest).');
  if (raw.version !== PROJECT_VERSION) fail(`This project file has format version ${String(raw.version).slice(0, 40)}; this app reads version ${PROJECT_VERSION}. Update the app.`);
  let body: Record<string, unknown>;
  try {
    body = manifestBody(raw, '') as Record<string, unknown>;
  } catch (e) {
    if (e instanceof SchemaError) fail(`The project file is damaged: ${e.message}.`);
    throw e;
  }
  // Types and ranges are the schema's; what is left is how the records refer to each other.
  const m = { format: raw.format, version: raw.version, ...body } as unknown as ProjectManifest;
  const have = new Set(m.images.map((i) => i.hash));
  const paths = new Set<string>();
  for (const e of m.entries) {
    check(have.has(e.hash), `entry ${e.path} refers to an image the file does not hold`);
    check(!paths.has(e.path), `entry ${e.path} appears twice`);
    paths.add(e.path);
  }
  if (m.dataset === null) check(m.entries.length === 0, 'entries without a dataset record');
  const runIds = new Set<string>();
  for (const r of m.runs) {
    check(!runIds.has(r.id), `run ${r.id} appears twice`);
    runIds.add(r.id);
  }
  for (const c of m.checkpoints) check(runIds.has(c.runId), 'a checkpoint of no run');
  return m;
}

/** The names an import may hold; anything else (another path, `../`, a folder) refuses the file. */
function expectedNames(m: ProjectManifest): Set<string> {
  const names = new Set<string>([MANIFEST_NAME]);
  for (const i of m.images) names.add(`images/${i.hash}`).add(`thumbs/${i.hash}`);
  for (const c of m.checkpoints) {
    names.add(`checkpoints/${c.runId}/weights.bin`).add(`checkpoints/${c.runId}/optimizer.bin`);
    if (c.best?.weights) names.add(`checkpoints/${c.runId}/best.bin`);
  }
  for (const x of m.models) names.add(`models/${x.id}.zip`);
  return names;
}

export function uniqueName(name: string, taken: readonly string[]): string {
  const set = new Set(taken);
  if (!set.has(name)) return name;
  for (let i = 2; ; i++) {
    const candidate = `${name} (${i})`;
    if (!set.has(candidate)) return candidate;
  }
}

export interface ImportResult {
  project: ProjectRecord;
  images: number;
  runs: number;
  models: number;
}

const IMAGE_BATCH = 64;

/** The key of a stored image: the SHA-256 of its stored bytes. */
export async function storedImageKey(bytes: Blob): Promise<string> {
  return sha256Hex(await bytes.arrayBuffer());
}

/** Reads a project file into new records through the sink; the whole project or, on any failure, nothing. */
export async function readProjectFile(file: Blob, sink: ProjectSink, onProgress?: (p: Progress) => void, signal?: AbortSignal, now = Date.now()): Promise<ImportResult> {
  const reader = new ZipReader(new BlobReader(file), { signal });
  let entries: Entry[];
  try {
    entries = await reader.getEntries();
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    // zip.js refuses `../` and absolute names itself, before we see them.
    if (/unsafe filename/i.test(msg)) fail('The project file holds an entry with an unsafe path (such as ../); it was refused.');
    fail(`This file is not a readable zip (${msg}).`);
  }
  const byName = new Map<string, FileEntry>();
  for (const e of entries) {
    if (e.directory) continue;
    if (byName.has(e.filename)) fail(`The project file holds ${e.filename} twice.`);
    if (e.compressionMethod !== 0 || e.encrypted) fail(`The project file has a compressed or encrypted entry (${e.filename}); it was not written by this app.`);
    byName.set(e.filename, e);
  }
  const manifestEntry = byName.get(MANIFEST_NAME);
  if (!manifestEntry) fail('This is not a project file of this app (no sem-project.json manifest).');
  if (manifestEntry.uncompressedSize > MAX_MANIFEST) fail('The project manifest is larger than 512 MB.');
  let raw: unknown;
  try {
    raw = JSON.parse(await manifestEntry.getData(new TextWriter(), { checkSignature: true, signal }));
  } catch (e) {
    if (e instanceof ProjectFileError) throw e;
    fail(`The project manifest cannot be read (${e instanceof Error ? e.message : String(e)}).`);
  }
  const m = validateManifest(raw);
  const expected = expectedNames(m);
  for (const name of byName.keys()) if (!expected.has(name)) fail(`The project file holds an unexpected entry: ${name}.`);
  for (const name of expected) if (!byName.has(name)) fail(`The project file is missing ${name}.`);
  const data = async (name: string, type = ''): Promise<Blob> => byName.get(name)!.getData(new BlobWriter(type), { checkSignature: true, signal });
  const buffer = async (name: string): Promise<ArrayBuffer> => (await data(name)).arrayBuffer();
  for (const c of m.checkpoints) {
    checkSpecs(c.weights, byName.get(`checkpoints/${c.runId}/weights.bin`)!.uncompressedSize, `the checkpoint of run ${c.runId}`);
    checkSpecs(c.optimizer, byName.get(`checkpoints/${c.runId}/optimizer.bin`)!.uncompressedSize, `the optimizer state of run ${c.runId}`);
    if (c.best?.weights) checkSpecs(c.best.weights, byName.get(`checkpoints/${c.runId}/best.bin`)!.uncompressedSize, `the best epoch of run ${c.runId}`);
  }

  const id = sink.newProjectId();
  const project: ProjectRecord = { id, name: uniqueName(m.project.name.slice(0, 200) || 'Imported project', sink.takenNames), createdAt: m.project.createdAt, updatedAt: now };
  const total = m.images.length + m.runs.length + m.models.length + 1;
  let done = 0;
  const step = (n = 1) => onProgress?.({ done: (done += n), total });
  try {
    // Marked as importing until the end: a tab closed halfway leaves a project the next start removes.
    await sink.putProject({ ...project, importing: true });
    const users = new Map<string, DatasetEntry[]>();
    for (const e of m.entries) users.set(e.hash, [...(users.get(e.hash) ?? []), e]);
    // Content addressing: an image is stored under the SHA-256 of the bytes stored, computed here, never
    // under the hash the file declares. A file that declares another project's image hashes (anyone can
    // compute them for a public dataset) therefore lands under other keys and cannot replace its pixels;
    // the store never overwrites a key either (datasetDb.saveBatch).
    for (let i = 0; i < m.images.length; i += IMAGE_BATCH) {
      const batch = [];
      const entries: DatasetEntry[] = [];
      for (const info of m.images.slice(i, i + IMAGE_BATCH)) {
        const bytes = await data(`images/${info.hash}`, info.type);
        const key = await storedImageKey(bytes);
        batch.push({ hash: key, image: { bytes, thumb: await data(`thumbs/${info.hash}`, info.thumbType), width: info.width, height: info.height } });
        for (const e of users.get(info.hash) ?? []) entries.push({ ...e, hash: key });
      }
      await sink.putImages(batch, entries);
      step(batch.length);
    }
    if (m.dataset) await sink.putDataset({ ...m.dataset, id });
    for (const r of m.runs) {
      const runId = sink.newRunId();
      const c = m.checkpoints.find((x) => x.runId === r.id);
      let checkpoint: CheckpointRecord | null = null;
      if (c) {
        const bestWeights = c.best?.weights ? { data: await buffer(`checkpoints/${r.id}/best.bin`), specs: c.best.weights } : null;
        checkpoint = {
          ...c, runId,
          weights: { data: await buffer(`checkpoints/${r.id}/weights.bin`), specs: c.weights },
          optimizer: { data: await buffer(`checkpoints/${r.id}/optimizer.bin`), specs: c.optimizer },
          best: c.best && { epoch: c.best.epoch, validLoss: c.best.validLoss, weights: bestWeights },
        };
      }
      // A run that was training when exported is not running here: it can be resumed from its checkpoint.
      const status = r.status === 'running' ? 'paused' : r.status;
      await sink.putRun({ ...r, id: runId, dataset: id, status, checkpointEpoch: checkpoint ? r.checkpointEpoch : null }, checkpoint);
      step();
    }
    for (const x of m.models) {
      const bytes = await data(`models/${x.id}.zip`, 'application/zip');
      await sink.putModel({ ...x, id: sink.newModelId(), project: id, bytes, size: bytes.size });
      step();
    }
    await sink.putProject(project);
    step();
  } catch (e) {
    await sink.abort(id).catch(() => undefined);
    if (e instanceof ProjectFileError) throw e;
    const msg = e instanceof Error ? e.message : String(e);
    if (/signature|crc/i.test(msg)) fail(`The project file is damaged: ${msg}.`);
    throw e;
  } finally {
    await reader.close().catch(() => undefined);
  }
  return { project, images: m.images.length, runs: m.runs.length, models: m.models.length };
}
