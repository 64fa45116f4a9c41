// The review queue's work: the trained model predicts every unlabelled image (a batched prediction job in
// the compute worker, reading the stored images itself), and each round of reviewing is recorded with the
// validation accuracy of the run trained after it.

import { computeMetrics } from '../../../../shared/eval/metrics';
import { croppedStoredRows, type ReviewRound } from '../../../../shared/dataset/records';
import type { PredictItem } from '../../../../shared/predict';
import { predictFiles } from '../../../bridge';
import { updateMeta } from '../labelActions';
import { isAbortError } from '../../../requests';
import { useStore } from '../../../store';
import type { ReviewPrediction } from '../labelSlice';

let running: AbortController | null = null;

function currentAccuracy(): number | null {
  const e = useStore.getState().evaluation;
  return e && e.items.length ? computeMetrics(e.items, e.classNames).accuracy : null;
}

/** A new round, unless the last one labelled nothing yet (starting twice is one round). */
function startRound(): void {
  const accuracyBefore = currentAccuracy();
  updateMeta((m) => {
    const rounds = m.reviewRounds ?? [];
    const last = rounds[rounds.length - 1];
    const fresh: ReviewRound = { startedAt: Date.now(), added: 0, accuracyBefore, accuracyAfter: null, lastAt: null };
    return { ...m, reviewRounds: last && last.added === 0 ? [...rounds.slice(0, -1), fresh] : [...rounds, fresh] };
  });
}

export function startReview(): void {
  const s = useStore.getState();
  if (!s.meta || running !== null) return;
  const pool = s.entries.filter((e) => e.label === null && !e.excluded);
  if (pool.length === 0) {
    s.reviewFinished('There are no unlabelled images to review.');
    return;
  }
  s.reviewStarted(pool.length);
  startRound();
  const crop = s.meta.cropDataBar;
  const items: PredictItem[] = pool.map((e, id) => ({ id, file: null, name: e.path, stored: { hash: e.hash, rows: crop ? croppedStoredRows(e) : e.storedHeight } }));
  const job = new AbortController();
  running = job;
  predictFiles(items, { topK: 2, tta: false, cropDataBar: crop }, (results, classNames) => {
    const got: Record<string, ReviewPrediction> = {};
    for (const r of results) if (r.probs) got[pool[r.id].path] = { probs: r.probs, ...(r.novelty ? { unfamiliar: r.novelty.unfamiliar } : {}) };
    useStore.getState().reviewReceived(got, classNames);
  }, job.signal).then(
    () => useStore.getState().reviewFinished(null),
    // cancelled: the images predicted so far stay in the queue, as when every one was
    (err: Error) => useStore.getState().reviewFinished(isAbortError(err) ? null : `The model could not classify the images: ${err.message}`),
  ).finally(() => {
    running = null;
  });
}

export function cancelReview(): void {
  running?.abort();
}

// The first run started after a round's last label gives the round its "after" accuracy.
let lastRunStart = 0;
useStore.subscribe((s, prev) => {
  if (s.trainState === 'running' && prev.trainState !== 'running') lastRunStart = Date.now();
  if (!s.evaluation || s.evaluation === prev.evaluation || !s.meta?.reviewRounds) return;
  const waiting = s.meta.reviewRounds.some((r) => r.added > 0 && r.accuracyAfter === null && r.lastAt !== null && lastRunStart > r.lastAt);
  if (!waiting) return;
  const accuracy = currentAccuracy();
  if (accuracy === null) return;
  updateMeta((m) => ({
    ...m,
    reviewRounds: (m.reviewRounds ?? []).map((r) =>
      r.added > 0 && r.accuracyAfter === null && r.lastAt !== null && lastRunStart > r.lastAt ? { ...r, accuracyAfter: accuracy } : r),
  }));
});
