// Runs an import: layout → decode workers (bounded, one file each in flight) → IndexedDB in batches →
// duplicates resolved and split drawn. The UI thread only routes Blobs and metadata; it decodes nothing.

import { DATASET_BUSY, tryLockDataset } from '../../datasetLock';
import { classifyPaths, type CollectedFile } from '../../../shared/dataset';
import { relativeTo } from '../../../shared/dataset/assemble';
import { importFailureMessage, quotaStopMessage } from '../../../shared/dataset/quotaMessage';
import { RateMeter } from '../../../shared/dataset/rate';
import { faultAt } from '../../../shared/faults';
import type { DatasetEntry, DatasetIssue, DatasetMeta, StoredImage } from '../../../shared/dataset/records';
import { deleteDataset, isQuotaError, saveBatch, saveMeta } from '../../../shared/storage/datasetDb';
import { touchProject } from '../../../shared/storage/projectsDb';
import { params } from '../../startup';
import { useStore } from '../../store';
import { clearStopReason, finalizeDataset, refreshStorage, saveStopReason } from './datasetActions';
import { DecodeLane, poolSize } from './decodePool';

const BATCH = 32;
let running: { ctrl: AbortController; done: Promise<void> } | null = null;

export function cancelImport(): void {
  running?.ctrl.abort();
}

/** A new drop during an import cancels it and waits for its last writes, so the two never interleave. */
export async function importFiles(files: readonly CollectedFile[]): Promise<void> {
  const previous = running;
  previous?.ctrl.abort();
  const ctrl = new AbortController();
  const done = (async () => {
    await previous?.done;
    const release = await tryLockDataset(useStore.getState().projectId);
    if (!release) {
      useStore.getState().datasetFailed(DATASET_BUSY);
      return;
    }
    const outcome: ImportOutcome = { kept: 0, stopReason: null };
    try {
      await runImport(files, ctrl.signal, outcome);
    } catch (err) {
      useStore.getState().datasetFailed(importFailureMessage(err, isQuotaError(err), outcome.kept, outcome.stopReason));
    } finally {
      release();
    }
  })();
  running = { ctrl, done };
  await done;
  if (running?.ctrl === ctrl) running = null;
}

/** What an import got to, for a consistent message if it then fails. */
interface ImportOutcome {
  kept: number;
  stopReason: string | null;
}

async function runImport(files: readonly CollectedFile[], signal: AbortSignal, outcome: ImportOutcome): Promise<void> {
  const store = useStore.getState();
  const layout = classifyPaths(files.map((f) => f.path));
  const byPath = new Map(files.map((f) => [f.path, f.file]));
  const rel = (p: string) => relativeTo(layout.root, p);
  const total = layout.files.length;

  const id = store.projectId;
  await deleteDataset(id);
  const meta: DatasetMeta = {
    id, name: layout.root || 'dropped files', createdAt: Date.now(),
    issues: layout.skipped.map((s) => ({ path: rel(s.path), reason: s.reason })), hiddenCount: layout.hiddenCount,
    complete: false, stopReason: null, cropDataBar: true, excluded: [], split: null,
  };
  await saveMeta(meta);
  clearStopReason(id);
  store.importStarted(total);
  // Ask the browser not to evict the dataset under storage pressure (granted silently for installed or
  // bookmarked sites in Chromium; a no-op elsewhere).
  void navigator.storage?.persist?.().catch(() => false);

  const saved: DatasetEntry[] = [];
  const issues: DatasetIssue[] = [];
  let pending: { entry: DatasetEntry; image: StoredImage }[] = [];
  let writes: Promise<void> = Promise.resolve();
  let stopReason: string | null = null;
  let keptBytes = 0;
  let batchNo = 0;
  const failAt = faultAt(params.faults, 'quota-import');
  const flush = (): void => {
    const batch = pending;
    pending = [];
    if (batch.length === 0) return;
    writes = writes.then(async () => {
      if (stopReason) return;
      const bytes = batch.reduce((n, b) => n + b.image.bytes.size + b.image.thumb.size, 0);
      try {
        // ?fault=quota-import@N (test builds): batch N (from 0) fails as a full disk would, before anything of it lands.
        if (batchNo++ === failAt) throw new DOMException(`injected by ?fault=quota-import@${failAt}`, 'QuotaExceededError');
        await saveBatch(id, batch);
        for (const b of batch) saved.push(b.entry);
        outcome.kept = saved.length;
        keptBytes += bytes;
      } catch (err) {
        if (!isQuotaError(err)) throw err;
        stopReason = quotaStopMessage({
          kept: saved.length, remaining: total - saved.length, keptBytes, failedBatchBytes: bytes, failedBatchCount: batch.length,
        });
        outcome.stopReason = stopReason;
        // The reason first, before anything else is written: a reload then says why the import stopped.
        await saveStopReason({ ...meta, stopReason, complete: false });
      }
    });
  };

  const meter = new RateMeter();
  const started = performance.now();
  meter.add(0, 0);
  let done = 0;
  let lastReport = 0;
  let next = 0;
  const report = (force = false): void => {
    const now = performance.now() - started;
    if (!force && now - lastReport < 250) return;
    lastReport = now;
    meter.add(now, done);
    useStore.getState().importProgressed({ done, total, rate: meter.rate(), eta: meter.eta(total) });
  };

  const lanes = Array.from({ length: poolSize() }, () => new DecodeLane());
  // A lane that cannot decode at all (its worker script is gone after a deploy: AppUpdated) stops every lane.
  let failure: { error: unknown } | null = null;
  try {
    await Promise.all(lanes.map(async (lane) => {
      while (next < total && !signal.aborted && !stopReason && !failure) {
        const f = layout.files[next++];
        let res: Awaited<ReturnType<DecodeLane['prepare']>>;
        try {
          res = await lane.prepare(byPath.get(f.path)!, f.path, f.sidecar ? byPath.get(f.sidecar) : undefined);
        } catch (error) {
          failure ??= { error };
          return;
        }
        done++;
        if (res.type === 'prepared') {
          const { bytes, thumb, ...info } = res.image;
          const entry: DatasetEntry = { ...info, path: rel(f.path), label: f.label, presetSplit: f.presetSplit };
          pending.push({ entry, image: { bytes, thumb, width: info.storedWidth, height: info.storedHeight } });
          if (pending.length >= BATCH) flush();
        } else {
          issues.push({ path: rel(f.path), reason: res.reason });
        }
        report();
      }
    }));
  } finally {
    for (const l of lanes) l.close();
  }
  if (failure) throw (failure as { error: unknown }).error;
  flush();
  await writes;
  report(true);

  if (!stopReason && signal.aborted && done < total) {
    stopReason = `Import cancelled after ${done} of ${total} files: what was imported is kept; the other ${total - done} files were not imported.`;
  }
  meta.issues = [...meta.issues, ...issues];
  meta.stopReason = stopReason;
  meta.complete = stopReason === null;
  await finalizeDataset(meta, saved);
  void touchProject(id).catch(() => undefined);
  void refreshStorage();
}
