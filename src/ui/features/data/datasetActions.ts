// What the Data view can do to the stored dataset besides importing: restore it after a reload, redraw
// the split, crop toggle, class rename/merge/exclude, delete. Each writes IndexedDB first, then the store.

import { count } from './phrasing';
import { drawSplit, relabel, resolveDuplicates } from '../../../shared/dataset/assemble';
import type { DatasetEntry, DatasetMeta } from '../../../shared/dataset/records';
import {
  deleteDataset, deleteEntries, isQuotaError, loadEntries, loadMeta, saveMeta, updateEntries,
} from '../../../shared/storage/datasetDb';
import { errorReason } from '../../../shared/dataset/quotaMessage';
import { params } from '../../startup';
import { useStore } from '../../store';
import { goesToTraining } from './splitGrowth';

export const DEFAULT_SEED = 42;
export const DEFAULT_VALID = 0.2;

// The validation share typed in the Data step in this tab (it wins over ?valid= once chosen).
let chosenValid: number | null = null;

function splitOptions(meta: DatasetMeta): { seed: number; validFrac: number } {
  // ?seed= and ?valid= in the URL win over what was stored, so a shared link reproduces a split.
  return {
    seed: params.seed ?? meta.split?.seed ?? DEFAULT_SEED,
    validFrac: chosenValid ?? params.valid ?? meta.split?.validFrac ?? DEFAULT_VALID,
  };
}

/** After an import (or an interrupted one found at start-up): duplicates out, split in, saved. */
export async function finalizeDataset(meta: DatasetMeta, entries: readonly DatasetEntry[]): Promise<void> {
  const { kept, duplicates } = resolveDuplicates(entries);
  await deleteEntries(meta.id, duplicates.map((d) => d.path));
  const known = new Set(meta.issues.map((i) => i.path));
  meta.issues = [...meta.issues, ...duplicates.filter((d) => !known.has(d.path))].sort((a, b) => (a.path < b.path ? -1 : 1));
  await resplit(meta, kept, splitOptions(meta).seed);
}

async function resplit(meta: DatasetMeta, entries: DatasetEntry[], seed: number): Promise<void> {
  const { validFrac } = splitOptions(meta);
  const r = drawSplit(entries, meta.excluded, seed, validFrac, goesToTraining);
  const notes = [...r.warnings];
  if (r.groups) notes.push(`${count(r.groups, 'group')} of near-duplicate images ${r.groups === 1 ? 'is' : 'are'} kept on one side of the split.`);
  const next = { ...meta, split: r.split };
  // Store first, so a checkbox or field reflects the change at once; then persist.
  useStore.getState().datasetLoaded(next, entries, notes);
  await saveMeta(next);
}

const STOP_KEY = (id: string) => `sem-classifier.stop-reason.${id}`;

/**
 * Saves why an import stopped, before anything else is written: into the dataset record, and into
 * localStorage too (its own small quota), in case the full disk refuses even that record.
 */
export async function saveStopReason(meta: DatasetMeta): Promise<void> {
  try {
    if (meta.stopReason) localStorage.setItem(STOP_KEY(meta.id), meta.stopReason);
  } catch {
    // localStorage full or unavailable: the record below is the other copy
  }
  await saveMeta(meta).catch(() => undefined);
}

/** A new import starts: the last one's reason no longer applies. */
export function clearStopReason(id: string): void {
  try {
    localStorage.removeItem(STOP_KEY(id));
  } catch {
    // unavailable: nothing to clear
  }
}

/** The reason kept by saveStopReason when the record could not take it. */
function savedStopReason(id: string): string | null {
  try {
    return localStorage.getItem(STOP_KEY(id));
  } catch {
    return null;
  }
}

export async function restoreDataset(): Promise<void> {
  try {
    const id = useStore.getState().projectId;
    const meta = await loadMeta(id);
    if (!meta) return;
    const entries = await loadEntries(id);
    // An import started right after load (a test, a quick user) replaces what was stored: leave it be.
    if (useStore.getState().importState !== 'idle') return;
    if (!meta.complete && meta.stopReason === null) {
      meta.stopReason = savedStopReason(id) ?? 'The last import was interrupted (page closed or reloaded): the images stored until then are kept.';
      try {
        await finalizeDataset(meta, entries);
      } catch (err) {
        // A disk still full: show what is stored, with its reason, rather than an error.
        if (!isQuotaError(err)) throw err;
        useStore.getState().datasetLoaded(meta, entries, []);
      }
      return;
    }
    const { seed, validFrac } = splitOptions(meta);
    if (!meta.split || meta.split.seed !== seed || meta.split.validFrac !== validFrac) await resplit(meta, entries, seed);
    else useStore.getState().datasetLoaded(meta, entries, []);
  } catch (err) {
    useStore.getState().datasetFailed(`Could not read the stored dataset: ${errorReason(err)}.`);
  }
  void refreshStorage();
}

function current(): { meta: DatasetMeta; entries: DatasetEntry[] } | null {
  const { meta, entries } = useStore.getState();
  return meta ? { meta, entries } : null;
}

/**
 * UI-triggered actions never reject: a failed write (disk full, database deleted from another tab) is
 * shown in the Data view's status line instead of becoming an unhandled rejection.
 */
function reported<A extends unknown[]>(fn: (...args: A) => Promise<void>): (...args: A) => Promise<void> {
  return (...args) =>
    fn(...args).catch((err: unknown) => {
      const quota = isQuotaError(err) ? 'Storage is full: ' : '';
      useStore.getState().datasetFailed(`${quota}could not save the change (${(err as Error)?.message ?? String(err)}).`);
    });
}

export const redrawSplit = reported(async (seed: number) => {
  const c = current();
  if (c) await resplit(c.meta, c.entries, seed);
});

/** A new validation share (0 < share < 1), kept with the split seed; a ?valid= in the address bar follows it. */
export const setValidShare = reported(async (validFrac: number) => {
  const c = current();
  if (!c || !(validFrac > 0 && validFrac < 1)) return;
  chosenValid = validFrac;
  const q = new URLSearchParams(window.location.search);
  if (q.has('valid')) {
    q.set('valid', String(validFrac));
    history.replaceState(null, '', `?${q.toString()}${window.location.hash}`);
  }
  await resplit(c.meta, c.entries, c.meta.split?.seed ?? DEFAULT_SEED);
});

export const setCropDataBar = reported(async (cropDataBar: boolean) => {
  const c = current();
  if (!c) return;
  const meta = { ...c.meta, cropDataBar };
  useStore.getState().datasetLoaded(meta, c.entries, useStore.getState().splitNotes);
  await saveMeta(meta);
});

/** Rename, or merge when `to` is an existing class. The split is redrawn with the same seed. */
export const renameClass = reported(async (from: string, to: string) => {
  const c = current();
  const name = to.trim();
  if (!c || !name || name === from) return;
  const changed = relabel(c.entries, from, name);
  await updateEntries(c.meta.id, changed);
  const byPath = new Map(changed.map((e) => [e.path, e]));
  const entries = c.entries.map((e) => byPath.get(e.path) ?? e);
  const merged = c.entries.some((e) => e.label === name);
  const excluded = c.meta.excluded.filter((l) => l !== from && !(merged && l === name));
  if (c.meta.excluded.includes(from) && !merged) excluded.push(name);
  await resplit({ ...c.meta, excluded }, entries, c.meta.split?.seed ?? DEFAULT_SEED);
});

export const setClassExcluded = reported(async (label: string, exclude: boolean) => {
  const c = current();
  if (!c) return;
  const excluded = exclude ? [...new Set([...c.meta.excluded, label])] : c.meta.excluded.filter((l) => l !== label);
  await resplit({ ...c.meta, excluded }, c.entries, c.meta.split?.seed ?? DEFAULT_SEED);
});

export const deleteStoredDataset = reported(async () => {
  await deleteDataset(useStore.getState().projectId);
  useStore.getState().datasetCleared();
  void refreshStorage();
});

export async function refreshStorage(): Promise<void> {
  const s = navigator.storage;
  if (!s?.estimate) return;
  try {
    const [est, persisted] = await Promise.all([s.estimate(), s.persisted?.() ?? Promise.resolve(false)]);
    useStore.getState().storageMeasured({ usage: est.usage ?? 0, quota: est.quota ?? 0, persisted });
  } catch {
    // Informational only: some browsers refuse estimate() in private windows.
  }
}
