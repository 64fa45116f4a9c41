// Labelling, excluding and deleting images from the gallery, the review queue and the Evaluate step's
// cleaner. A change shows at once (store first), then the split grows (splitGrow.ts) and everything is
// written in one transaction; changes are applied one after another, in the order they were made, and
// each can be undone (Ctrl/Cmd-Z) from a stack of the last UNDO_DEPTH changes.

import { applyChange, applyUndo, type ChangeResult, type LabelChange } from '../../shared/dataset/labels';
import { phashFromHex } from '../../shared/dataset/phash';
import type { DatasetEntry, DatasetMeta, ReviewRound } from '../../shared/dataset/records';
import { growSplit, type GrowItem } from '../../shared/dataset/splitGrow';
import { isQuotaError, saveLabelChange } from '../../shared/storage/datasetDb';
import { useStore } from '../store';
import { saveUndo, type UndoStep } from '../store/labelSlice';

/** Paths labelled in the review queue this session: they join the training side (see splitGrow.ts). */
const reviewPaths = new Set<string>();
let queue: Promise<void> = Promise.resolve();
useStore.subscribe((s, prev) => {
  if (s.undoStack !== prev.undoStack) saveUndo(s.undoStack);
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
  const { meta, entries, splitNotes } = useStore.getState();
  if (!meta || change.paths.length === 0) return false;
  const now = Date.now();
  const r = applyChange(entries, change, now);
  if (r.events.length === 0) return false;
  let review: UndoStep['review'] = null;
  let rounds = meta.reviewRounds;
  if (opts.review && change.kind === 'label') {
    for (const p of change.paths) reviewPaths.add(p);
    const round = Math.max(0, (rounds?.length ?? 1) - 1);
    rounds = bumpRound(rounds ?? [], round, r.put.length, now);
    review = { round, added: r.put.length };
  }
  const next = { ...meta, labelLog: [...(meta.labelLog ?? []), ...r.events], revision: (meta.revision ?? 0) + 1, reviewRounds: rounds };
  useStore.getState().datasetLoaded(next, r.entries, splitNotes);
  useStore.getState().undoPushed({ ...r.undo, dataset: meta.id, review });
  persist(r);
  return true;
}

/** Undoes the last change made in this project; false when there is none. */
export function undoLast(): boolean {
  const { meta, entries, splitNotes, undoStack } = useStore.getState();
  const top = undoStack[undoStack.length - 1];
  if (!meta || !top || top.dataset !== meta.id) return false;
  useStore.getState().undoPopped();
  const r = applyUndo(entries, top, Date.now());
  const rounds = top.review ? bumpRound(meta.reviewRounds ?? [], top.review.round, -top.review.added, null) : meta.reviewRounds;
  const next = { ...meta, labelLog: [...(meta.labelLog ?? []), ...r.events], revision: (meta.revision ?? 0) + 1, reviewRounds: rounds };
  useStore.getState().datasetLoaded(next, r.entries, splitNotes);
  persist(r);
  return true;
}

function bumpRound(rounds: readonly ReviewRound[], i: number, n: number, at: number | null): ReviewRound[] {
  if (!rounds[i]) return [...rounds];
  return rounds.map((r, k) => (k === i ? { ...r, added: Math.max(0, r.added + n), lastAt: at ?? r.lastAt, accuracyAfter: null } : r));
}

/** Grows the split over the current entries and writes the change; one at a time, in order. */
function persist(r: ChangeResult): void {
  queue = queue.then(async () => {
    try {
      const split = await currentSplit();
      const s = useStore.getState();
      if (!s.meta) return;
      const meta: DatasetMeta = split ? { ...s.meta, split } : s.meta;
      if (split) s.datasetLoaded(meta, s.entries, s.splitNotes);
      await saveLabelChange(meta, r.put, r.removed);
    } catch (err) {
      failed(err);
    }
  });
}

/** The images that belong in the split: labelled, of a class in use, not excluded one by one. */
export function splitItems(entries: readonly DatasetEntry[], excludedClasses: readonly string[]): GrowItem[] {
  const skip = new Set(excludedClasses);
  const out: GrowItem[] = [];
  for (const e of entries) {
    if (e.label === null || skip.has(e.label) || e.excluded) continue;
    out.push({
      id: e.path, label: e.label, hash: phashFromHex(e.phash), shifts: e.shifts.map(phashFromHex), presetSplit: e.presetSplit,
      toTrain: e.origin === 'accepted' || reviewPaths.has(e.path),
    });
  }
  return out;
}

const pause = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

async function currentSplit(): Promise<DatasetMeta['split']> {
  const { meta, entries } = useStore.getState();
  if (!meta?.split) return meta?.split ?? null;
  const { seed, validFrac } = meta.split;
  const assign = await growSplit(meta.split.assign, splitItems(entries, meta.excluded), { seed, validFrac, pause });
  // Entries changed meanwhile (another key press): the next queued write grows the split again.
  return { seed, validFrac, assign };
}

/** Resolves when every change made so far is stored (tests, and before an export). */
export function labelWritesDone(): Promise<void> {
  return queue;
}

/** Changes the dataset record (review rounds) in the same order as the label writes. */
export function updateMeta(change: (m: DatasetMeta) => DatasetMeta): void {
  const s = useStore.getState();
  if (!s.meta) return;
  s.datasetLoaded(change(s.meta), s.entries, s.splitNotes);
  queue = queue.then(async () => {
    const m = useStore.getState().meta;
    if (m) await saveLabelChange(m, [], []).catch(failed);
  });
}
