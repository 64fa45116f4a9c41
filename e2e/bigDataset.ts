// 5,000 unlabelled images beside two tiny class folders, for the labelling long-task check, written
// straight into the app's IndexedDB (the stored records of a finished folder import: datasetDb.ts) in a
// couple of seconds, instead of importing 5,000 files (a minute and more on a loaded 2-core machine; the
// import has its own tests). Each image is a distinct 16×16 noise PNG with random perceptual hashes (no
// near-duplicates). The records are typed with the app's own types, so a change of their shape shows here.
import { createHash } from 'node:crypto';
import type { Page } from '@playwright/test';
import { PNG } from 'pngjs';
import { phashToHex } from '../src/shared/dataset/phash';
import type { DatasetEntry, DatasetMeta } from '../src/shared/dataset/records';
import { mulberry32 } from '../src/shared/dataset/split';
import { DB_NAME, DEFAULT_DATASET, type StoredEntry } from '../src/shared/storage/datasetDb';

interface Seed {
  db: string;
  meta: DatasetMeta;
  entries: StoredEntry[];
  /** base64 PNG per entry, stored under its hash as the stored copy and the thumbnail */
  png: string[];
}

function bigDataset(n: number): Seed {
  const rand = mulberry32(5);
  const hex = () => phashToHex({ hi: (rand() * 2 ** 32) >>> 0, lo: (rand() * 2 ** 32) >>> 0 });
  const entries: StoredEntry[] = [];
  const png: string[] = [];
  for (let i = 0; i < n + 8; i++) {
    const img = new PNG({ width: 16, height: 16, colorType: 0, inputColorType: 0, inputHasAlpha: false });
    img.data = Buffer.from(Array.from({ length: 256 }, () => Math.floor(rand() * 256)));
    const bytes = PNG.sync.write(img, { colorType: 0, inputColorType: 0, inputHasAlpha: false, bitDepth: 8 });
    png.push(bytes.toString('base64'));
    const label = i < 4 ? 'a' : i < 8 ? 'b' : null;
    const phash = hex();
    const entry: DatasetEntry = {
      path: label ? `pool5k/${label}/${label}${i}.png` : `pool5k/u${String(i - 8).padStart(4, '0')}.png`, label, presetSplit: null,
      hash: createHash('sha256').update(bytes).digest('hex'), width: 16, height: 16, storedWidth: 16, storedHeight: 16,
      dataBar: { found: false, top: 16, bottom: 16, style: null }, phash, shifts: [phash, ...Array.from({ length: 8 }, hex)],
    };
    entries.push({ ...entry, dataset: DEFAULT_DATASET });
  }
  const assign = Object.fromEntries(entries.filter((e) => e.label).map((e, k) => [e.path, k % 4 === 3 ? 'valid' : 'train'] as const));
  const meta: DatasetMeta = {
    id: DEFAULT_DATASET, name: 'pool5k', createdAt: 1, issues: [], hiddenCount: 0, complete: true, stopReason: null, cropDataBar: true,
    excluded: [], split: { seed: 1, validFrac: 0.2, assign },
  };
  return { db: DB_NAME, meta, entries, png };
}

/** Stores the dataset as the open project's (the first project's) and reloads onto it. */
export async function seedBigDataset(page: Page, n: number): Promise<void> {
  await page.evaluate(async ({ db, meta, entries, png }) => {
    const open = indexedDB.open(db);
    const conn = await new Promise<IDBDatabase>((resolve, reject) => {
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const tx = conn.transaction(['images', 'entries', 'datasets'], 'readwrite');
    entries.forEach((e, i) => {
      const blob = new Blob([Uint8Array.from(atob(png[i]), (c) => c.charCodeAt(0))], { type: 'image/png' });
      tx.objectStore('images').put({ bytes: blob, thumb: blob, width: 16, height: 16 }, e.hash);
      tx.objectStore('entries').put(e);
    });
    tx.objectStore('datasets').put(meta);
    await new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
    conn.close();
  }, bigDataset(n));
  await page.reload();
}
