// Labelling, excluding and deleting images from the gallery, the review queue and the Evaluate step's
// cleaner. A change shows at once (one store update: entries, dataset record, undo stack), then the split
// grows (splitGrowth.ts) and everything is written in one transaction; changes are applied one after
// another, in the order they were made, and each can be undone (Ctrl/Cmd-Z) from a stack of the last
// UNDO_DEPTH changes, kept in the tab's session storage (undoStorage.ts) off the key press's task.

import { applyChange, applyUndo, revisionAfterUndo, type ChangeResult, type LabelChange } from '../../../shared/dataset/labels';
import type { DatasetMeta, ReviewRound } from '../../../shared/dataset/records';
import { isQuotaError, saveLabelChange } from '../../../shared/storage/datasetDb';
import { useStore } from '../../store';
import { undoStorage, type UndoStep } from './labelSlice';
import { lastRunRevision } from './labelSelectors';
import { growStoredSplit, markReviewed } from './splitGrowth';

let queue: Promise<void> = Promise.resolve();
let pending = 0;

// The undo stack's stored copy follows the stack a moment later, and at once when the page goes away.
let undoTimer: ReturnType<typeof setTimeout> | null = null;
const saveUndoNow = () => {
  if (undoTimer !== null) clearTimeout(undoTimer);
  undoTimer = null;
  undoStorage.save(useStore.getState().undoStack);
};
useStore.subscribe((s, prev) => {
  if (s.undoStack === prev.undoStack || undoTimer !== null) return;
  undoTimer = setTimeout(saveUndoNow, 300);
});
globalThis.addEventListener?.('pagehide', saveUndoNow);

// After a reload, the newest stored run says which dataset revision (and recipe) it trained on.
useStore.subscribe((s, prev) => {
  if (s.runs === prev.runs || s.runRevision !== null) return;
  const last = lastRunRevision(s.runs);
  if (!last) return;
  s.runRevisionSet(last.revision);
  if (!s.runRecipe) s.runRecipeSet(last.recipe);
});

export interface ChangeOptions {
  /** the change comes from the review queue */
  review?: boolean;
}

function failed(err: unknown): void {
  const quota = isQuotaError(err) ? 'Storage is full: ' : '';
  useStore.getState().datasetFailed(`${quota}could not save the label change (${(err as Error)?.message ?? String(err)}).`);
}

/** Labels, excludes or deletes images; returns false when nothing changed. */
export function changeLabels(change: LabelChange, opts: ChangeOptions = {}): boolean {
  const { meta, entries, undoStack } = useStore.getState();
  if (!meta || change.paths.length === 0) return false;
  const now = Date.now();
  const r = applyChange(entries, change, now);
  if (r.events.length === 0) return false;
  let review: UndoStep['review'] = null;
  let rounds = meta.reviewRounds;
  if (opts.review && change.kind === 'label') {
    markReviewed(change.paths);
    const round = Math.max(0, (rounds?.length ?? 1) - 1);
    rounds = bumpRound(rounds ?? [], round, r.put.length, now);
    review = { round, added: r.put.length };
  }
  const before = meta.revision ?? 0;
  const next = { ...meta, labelLog: [...(meta.labelLog ?? []), ...r.events], revision: before + 1, reviewRounds: rounds };
  const step: UndoStep = { ...r.undo, dataset: meta.id, review, revision: { before, after: before + 1 } };
  useStore.getState().labelsChanged(next, r.entries, [...undoStack, step]);
  persist(r);
  return true;
}

/** Undoes the last change made in this project; false when there is none. */
export function undoLast(): boolean {
  const { meta, entries, undoStack, runRevision } = useStore.getState();
  const top = undoStack[undoStack.length - 1];
  if (!meta || !top || top.dataset !== meta.id) return false;
  const r = applyUndo(entries, top, Date.now());
  const rounds = top.review ? bumpRound(meta.reviewRounds ?? [], top.review.round, -top.review.added, null) : meta.reviewRounds;
  const revision = revisionAfterUndo(meta.revision ?? 0, top.revision, runRevision);
  const next = { ...meta, labelLog: [...(meta.labelLog ?? []), ...r.events], revision, reviewRounds: rounds };
  useStore.getState().labelsChanged(next, r.entries, undoStack.slice(0, -1));
  persist(r);
  return true;
}

function bumpRound(rounds: readonly ReviewRound[], i: number, n: number, at: number | null): ReviewRound[] {
  if (!rounds[i]) return [...rounds];
  return rounds.map((r, k) => (k === i ? { ...r, added: Math.max(0, r.added + n), lastAt: at ?? r.lastAt, accuracyAfter: null } : r));
}

/** Runs a write after the ones before it; the store says "saving" until the last one is done. */
function enqueue(write: () => Promise<void>): void {
  pending++;
  queue = queue.then(write).catch(failed).finally(() => {
    if (--pending === 0) useStore.getState().labelsSaved();
  });
}

/** Grows the split over the current entries and writes the change; one at a time, in order. */
function persist(r: ChangeResult): void {
  enqueue(async () => {
    await growStoredSplit();
    const meta = useStore.getState().meta;
    if (meta) await saveLabelChange(meta, r.put, r.removed);
  });
}

/** Resolves when every change made so far is stored, split included (before training, lr_find, an export). */
export function labelWritesDone(): Promise<void> {
  return queue;
}

/** Changes the dataset record (review rounds) in the same order as the label writes. */
export function updateMeta(change: (m: DatasetMeta) => DatasetMeta): void {
  const s = useStore.getState();
  if (!s.meta) return;
  s.datasetLoaded(change(s.meta), s.entries, s.splitNotes);
  enqueue(async () => {
    const m = useStore.getState().meta;
    if (m) await saveLabelChange(m, [], []);
  });
}
