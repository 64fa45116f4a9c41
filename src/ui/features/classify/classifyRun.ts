// Files in (drop, folder input, file input) → rows in the store → one prediction job per batch of files in
// the worker. The UI thread only routes File handles and results; decoding and inference happen in the worker.
import { collectFromEntries, entriesFromDataTransfer, filesFromInput, isHiddenPath, isImagePath, pairSidecars, type CollectedFile, type FsEntryLike } from '../../../shared/dataset';
import { RateMeter } from '../../../shared/dataset/rate';
import type { PredictResult } from '../../../shared/predict';
import { predictFiles } from '../../bridge';
import { isAbortError } from '../../requests';
import { forgetHeldOut, heldOutForPredictions } from './heldOutRun';
import { useStore, type Store } from '../../store';
import type { PredictionRow } from './classifySlice';

const TIFF = /\.tiff?$/i;
let nextRowId = 1;
// one controller per running job: Cancel aborts them all
const running = new Set<AbortController>();
let doneCount = 0;
let cancelledAny = false;
let meter = new RateMeter();

/** The data-bar crop used for new images: the user's choice on this step, else the dataset's setting (on). */
export function effectiveCrop(s: Pick<Store, 'cropDataBarChoice' | 'meta'>): boolean {
  return s.cropDataBarChoice ?? s.meta?.cropDataBar ?? true;
}

export function classifyCollected(files: readonly CollectedFile[]): void {
  const images = files.filter((f) => isImagePath(f.path) && !isHiddenPath(f.path));
  // An instrument's `.txt` beside its image (JEOL, Hitachi) is read with it, not counted as skipped.
  const sidecars = pairSidecars(files.filter((f) => !isHiddenPath(f.path)).map((f) => f.path));
  const byPath = new Map(files.map((f) => [f.path, f.file]));
  const sidecarPaths = new Set(sidecars.values());
  const skipped = files.length - images.length - files.filter((f) => sidecarPaths.has(f.path)).length;
  const s = useStore.getState();
  const options = { topK: 3, tta: s.tta, cropDataBar: effectiveCrop(s) };
  if (s.predictRun.state !== 'running') {
    forgetHeldOut();
    doneCount = 0;
    cancelledAny = false;
    meter = new RateMeter();
    meter.add(performance.now(), 0);
  }
  const rows: PredictionRow[] = images.map(({ path, file }) => ({
    id: nextRowId++, file: path, source: file,
    // Browsers cannot show TIFF: the worker sends a small JPEG for those.
    thumbUrl: TIFF.test(path) ? null : URL.createObjectURL(file),
    state: 'pending', top: [], probs: null, classNames: null, error: null, dataBarCropped: false,
    tta: options.tta, cropDataBar: options.cropDataBar, instrument: null,
  }));
  s.predictionsQueued(rows, skipped);
  if (!rows.length) return;

  const ids = rows.map((r) => r.id);
  const job = new AbortController();
  running.add(job);
  predictFiles(
    rows.map((r) => {
      const sidecar = sidecars.get(r.file);
      return { id: r.id, file: r.source, name: r.file, ...(sidecar ? { sidecar: byPath.get(sidecar) } : {}) };
    }),
    options,
    (results, classNames) => received(results, classNames),
    job.signal,
  ).then(
    () => finished(job, ids, false, null),
    (err: Error) => finished(job, ids, isAbortError(err), isAbortError(err) ? null : err.message),
  );
}

function received(results: PredictResult[], classNames: string[]): void {
  const thumbs = new Map<number, string>();
  for (const r of results) if (r.thumb) thumbs.set(r.id, URL.createObjectURL(r.thumb));
  const s = useStore.getState();
  s.predictionsReceived(results, classNames, thumbs);
  doneCount += results.length;
  const now = performance.now();
  meter.add(now, doneCount);
  const total = useStore.getState().predictRun.total;
  s.predictRunChanged({ done: doneCount, imagesPerSecond: meter.rate(), etaSeconds: meter.eta(total) });
}

function finished(job: AbortController, ids: number[], cancelled: boolean, error: string | null): void {
  running.delete(job);
  const s = useStore.getState();
  if (error) s.predictionsFailed(ids, `not classified: ${error}`);
  if (cancelled) {
    cancelledAny = true;
    s.predictionsFailed(ids, 'not classified: cancelled');
  }
  if (running.size === 0 && s.predictRun.state === 'running') {
    s.predictRunChanged({ state: cancelledAny ? 'cancelled' : 'done', etaSeconds: null });
    // A labelled folder: check it against the open dataset (near-copies, the classical baseline).
    if (!cancelledAny) void heldOutForPredictions();
  }
}

export function cancelClassify(): void {
  for (const job of running) job.abort();
}

export function clearClassify(): void {
  cancelClassify();
  forgetHeldOut();
  useStore.getState().clearPredictions();
}

/** Call synchronously from the drop handler: DataTransfer items die at the first await. */
export function classifyDrop(dt: DataTransfer): void {
  const entries = entriesFromDataTransfer(dt.items as unknown as ArrayLike<{ kind: string; webkitGetAsEntry(): FsEntryLike | null; getAsFile(): File | null }>);
  if (!entries.length) return;
  void collectFromEntries(entries, { onError: () => undefined }).then(classifyCollected, (err: Error) =>
    useStore.getState().predictRunChanged({ message: `Could not read the dropped files: ${err.message}` }),
  );
}

export function classifyInput(files: FileList | null): void {
  if (files?.length) classifyCollected(filesFromInput(Array.from(files)));
}
