// Shapes the dataset for the labelling gallery and the review queue: plain functions, unit-tested.

import type { DatasetEntry } from '../../../shared/dataset/records';
import type { RunRecord } from '../../../shared/storage/runsDb';
import type { TrainRecipe } from '../../../shared/train/recipe';
import { score, uncertaintyOrder, type Scored, type UncertaintyMeasure } from '../../../shared/review/uncertainty';
import type { ReviewPrediction } from './labelSlice';

export type GalleryFilter = { kind: 'all' } | { kind: 'unlabelled' } | { kind: 'excluded' } | { kind: 'class'; label: string };

const byPath = (a: DatasetEntry, b: DatasetEntry) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);

export function matchesFilter(e: DatasetEntry, f: GalleryFilter): boolean {
  switch (f.kind) {
    case 'all':
      return true;
    case 'unlabelled':
      return e.label === null;
    case 'excluded':
      return !!e.excluded;
    case 'class':
      return e.label === f.label;
  }
}

/** The gallery's images for a filter, in path order. */
export function galleryItems(entries: readonly DatasetEntry[], f: GalleryFilter): DatasetEntry[] {
  return entries.filter((e) => matchesFilter(e, f)).sort(byPath);
}

export function filterCounts(entries: readonly DatasetEntry[]): { all: number; unlabelled: number; excluded: number; byClass: Map<string, number> } {
  let unlabelled = 0;
  let excluded = 0;
  const byClass = new Map<string, number>();
  for (const e of entries) {
    if (e.label === null) unlabelled++;
    else byClass.set(e.label, (byClass.get(e.label) ?? 0) + 1);
    if (e.excluded) excluded++;
  }
  return { all: entries.length, unlabelled, excluded, byClass };
}

/** Paths from index a to b (either order), for shift-click and shift-arrows. */
export function rangePaths(items: readonly DatasetEntry[], a: number, b: number): string[] {
  const [lo, hi] = a <= b ? [a, b] : [b, a];
  return items.slice(Math.max(0, lo), hi + 1).map((e) => e.path);
}

/**
 * The image to select once the selection leaves the filter (labelled while showing unlabelled images):
 * the first one after the selection's first image that is not selected, else the last one before it.
 */
export function nextAfterSelection(items: readonly DatasetEntry[], selected: ReadonlySet<string>): string | null {
  const first = items.findIndex((e) => selected.has(e.path));
  if (first < 0) return null;
  for (let i = first; i < items.length; i++) if (!selected.has(items[i].path)) return items[i].path;
  for (let i = first - 1; i >= 0; i--) if (!selected.has(items[i].path)) return items[i].path;
  return null;
}

export interface QueueItem {
  id: string;
  entry: DatasetEntry;
  scored: Scored;
  pred: string;
  /** unlike every class's training images (the unfamiliar-image check): perhaps a class not named yet */
  unfamiliar: boolean;
}

// Queue items by prediction: an item stays the same object while its image and prediction do, so the queue
// list re-renders only the items that changed when one image is labelled out of thousands.
const queueItems = new WeakMap<ReviewPrediction, QueueItem>();

/**
 * The review queue: unlabelled images the model has predicted, most uncertain first; images skipped with
 * Space go to the end in the order they were skipped.
 */
export function reviewQueue(
  entries: readonly DatasetEntry[], predictions: Readonly<Record<string, ReviewPrediction>>, classNames: readonly string[],
  skipped: readonly string[], measure: UncertaintyMeasure,
): QueueItem[] {
  const items: QueueItem[] = [];
  for (const e of entries) {
    const p = e.label === null && !e.excluded ? predictions[e.path] : undefined;
    if (!p) continue;
    let q = queueItems.get(p);
    if (!q || q.entry !== e || q.pred !== (classNames[q.scored.pred] ?? '')) {
      const scored = q?.scored ?? score(p.probs);
      q = { id: e.path, entry: e, scored, pred: classNames[scored.pred] ?? '', unfamiliar: p.unfamiliar === true };
      queueItems.set(p, q);
    }
    items.push(q);
  }
  if (skipped.length === 0) return uncertaintyOrder(items, measure);
  const skipRank = new Map(skipped.map((p, i) => [p, i]));
  const fresh = uncertaintyOrder(items.filter((i) => !skipRank.has(i.id)), measure);
  const later = items.filter((i) => skipRank.has(i.id)).sort((a, b) => skipRank.get(a.id)! - skipRank.get(b.id)!);
  return [...fresh, ...later];
}

/**
 * The newest stored run that kept the dataset revision it trained on, with its recipe: after a reload,
 * "the dataset changed since the run" and the re-run offer compare with it.
 */
export function lastRunRevision(runs: readonly RunRecord[]): { revision: number; recipe: TrainRecipe } | null {
  let best: RunRecord | null = null;
  for (const r of runs) if (r.datasetRevision !== undefined && (!best || r.createdAt > best.createdAt)) best = r;
  return best ? { revision: best.datasetRevision!, recipe: best.recipe } : null;
}
