// The imported datasets in IndexedDB, readable from the UI and from workers (the compute worker reads
// images from here to train). Images are stored once per content hash, so the same file in two folders,
// or in two projects, costs its bytes once. Entries are keyed by [dataset id, path]. Each project has one
// dataset whose id is the project's id (projectsDb.ts); the first project's id is DEFAULT_DATASET.

import { openDB, unwrap, type DBSchema, type IDBPDatabase } from 'idb';
import type { DatasetEntry, DatasetMeta, StoredImage } from '../dataset/records';
import type { ModelRecord, ProjectRecord } from './projectTypes';

export const DB_NAME = 'sem-classifier';
export const DEFAULT_DATASET = 'default';

export type StoredEntry = DatasetEntry & { dataset: string };

interface SemDb extends DBSchema {
  images: { key: string; value: StoredImage };
  entries: { key: [string, string]; value: StoredEntry; indexes: { dataset: string } };
  datasets: { key: string; value: DatasetMeta };
  projects: { key: string; value: ProjectRecord };
  models: { key: string; value: ModelRecord; indexes: { project: string } };
}

let dbPromise: Promise<IDBPDatabase<SemDb>> | null = null;

export function openDatasetDb(): Promise<IDBPDatabase<SemDb>> {
  dbPromise ??= openDB<SemDb>(DB_NAME, 2, {
    upgrade(db, oldVersion) {
      if (oldVersion < 1) {
        db.createObjectStore('images');
        db.createObjectStore('entries', { keyPath: ['dataset', 'path'] }).createIndex('dataset', 'dataset');
        db.createObjectStore('datasets', { keyPath: 'id' });
      }
      // Version 2: projects. A dataset stored by version 1 gets its project at start-up (ensureProjects).
      if (oldVersion < 2) {
        db.createObjectStore('projects', { keyPath: 'id' });
        db.createObjectStore('models', { keyPath: 'id' }).createIndex('project', 'project');
      }
    },
    // Another tab upgrading the schema: let it, and reopen on next use.
    blocking() {
      void dbPromise?.then((db) => db.close());
      dbPromise = null;
    },
  });
  return dbPromise;
}

export async function loadMeta(dataset = DEFAULT_DATASET): Promise<DatasetMeta | undefined> {
  return (await openDatasetDb()).get('datasets', dataset);
}

export async function saveMeta(meta: DatasetMeta): Promise<void> {
  await (await openDatasetDb()).put('datasets', meta);
}

export async function loadEntries(dataset = DEFAULT_DATASET): Promise<DatasetEntry[]> {
  const rows = await (await openDatasetDb()).getAllFromIndex('entries', 'dataset', dataset);
  return rows.map(({ dataset: _d, ...e }) => e);
}

/**
 * One transaction for a batch of images with their entries: either all land or none (quota). An image key
 * that is already stored is never overwritten: keys are content hashes (of the original file for a folder
 * import, which the app computes itself; of the stored bytes for a project import), so the bytes under a
 * key are the bytes that key names, and no import can replace another project's pixels.
 */
export async function saveBatch(dataset: string, items: readonly { entry: DatasetEntry; image: StoredImage | null }[]): Promise<void> {
  const db = await openDatasetDb();
  const tx = db.transaction(['images', 'entries'], 'readwrite');
  const images = tx.objectStore('images');
  const entries = tx.objectStore('entries');
  const adding = new Set<string>();
  const present = await Promise.all(items.map(({ entry, image }) => (image ? images.getKey(entry.hash) : Promise.resolve(entry.hash))));
  items.forEach(({ entry, image }, i) => {
    if (image && present[i] === undefined && !adding.has(entry.hash)) {
      adding.add(entry.hash);
      void images.add(image, entry.hash);
    }
    void entries.put({ ...entry, dataset });
  });
  await tx.done;
}

/** Rewrites entries in place (class rename or merge). */
export async function updateEntries(dataset: string, changed: readonly DatasetEntry[]): Promise<void> {
  const db = await openDatasetDb();
  const tx = db.transaction('entries', 'readwrite');
  for (const e of changed) void tx.store.put({ ...e, dataset });
  await tx.done;
}

export async function getImage(hash: string): Promise<StoredImage | undefined> {
  return (await openDatasetDb()).get('images', hash);
}

/**
 * Several images in one read-only transaction (a gallery mounting dozens of thumbnails at once: a
 * transaction each costs more than the reads). Each image is handed over as soon as it is read.
 */
export async function getImages(hashes: readonly string[], each: (hash: string, image: StoredImage | undefined) => void): Promise<void> {
  const store = unwrap((await openDatasetDb()).transaction('images').store);
  await Promise.all(hashes.map((hash) => new Promise<void>((resolve) => {
    const r = store.get(hash);
    r.onsuccess = () => {
      each(hash, r.result as StoredImage | undefined);
      resolve();
    };
    r.onerror = () => {
      each(hash, undefined);
      resolve();
    };
  })));
}

/** Deletes a dataset, and the images no other dataset refers to. */
export async function deleteDataset(dataset = DEFAULT_DATASET): Promise<void> {
  const db = await openDatasetDb();
  const tx = db.transaction(['images', 'entries', 'datasets'], 'readwrite');
  const entries = tx.objectStore('entries');
  const mine = new Set<string>();
  const others = new Set<string>();
  for (let c = await entries.openCursor(); c; c = await c.continue()) {
    if (c.value.dataset === dataset) {
      mine.add(c.value.hash);
      void c.delete();
    } else others.add(c.value.hash);
  }
  for (const h of mine) if (!others.has(h)) void tx.objectStore('images').delete(h);
  void tx.objectStore('datasets').delete(dataset);
  await tx.done;
}

export function isQuotaError(err: unknown): boolean {
  const name = (err as { name?: string } | null)?.name;
  return name === 'QuotaExceededError' || (name === 'AbortError' && /quota/i.test(String((err as Error).message)));
}

export async function deleteEntries(dataset: string, paths: readonly string[]): Promise<void> {
  if (paths.length === 0) return;
  const db = await openDatasetDb();
  const tx = db.transaction('entries', 'readwrite');
  for (const p of paths) void tx.store.delete([dataset, p]);
  await tx.done;
}

const LABEL_CHUNK = 50;

/**
 * A labelling change in one transaction: changed entries, deleted entries and the dataset record (split,
 * label log), all or nothing. Writes go in chunks of 50, each awaited, so that serialising thousands of
 * entries is spread over many short tasks of the page instead of one long one (the transaction stays open because a
 * new request is made as soon as the last one succeeds).
 */
export async function saveLabelChange(meta: DatasetMeta, put: readonly DatasetEntry[], removed: readonly string[]): Promise<void> {
  const db = await openDatasetDb();
  const tx = db.transaction(['entries', 'datasets'], 'readwrite');
  const entries = tx.objectStore('entries');
  // The plain store for the many puts: no promise per request (idb's wrapper costs more than the put).
  const raw = unwrap(entries);
  const dataset = meta.id;
  try {
    for (let i = 0; i < put.length; i += LABEL_CHUNK) {
      let last: IDBRequest | null = null;
      for (const e of put.slice(i, i + LABEL_CHUNK)) last = raw.put({ ...e, dataset });
      // Each chunk's last request, before the next chunk: the transaction's failure is reported once, below.
      await new Promise<void>((resolve, reject) => {
        last!.onsuccess = () => resolve();
        last!.onerror = () => reject(last!.error);
      });
    }
    for (const p of removed) raw.delete([dataset, p]);
    await tx.objectStore('datasets').put(meta);
  } catch (err) {
    try {
      tx.abort();
    } catch {
      // already aborted
    }
    await tx.done.catch(() => undefined);
    throw err;
  }
  await tx.done;
}
