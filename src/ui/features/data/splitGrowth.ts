// Growing the stored split after label changes, on the page's thread in slices of a few milliseconds
// (slicer.ts): the near-duplicate index over the dataset's hashes is built once (hashIndex.ts) and kept
// while the images stay the same, so a change costs a pass over the entries plus the work for its new
// images; when no image is new or gone, nothing is grown at all.

import { HashIndex } from '../../../shared/dataset/hashIndex';
import type { DatasetEntry } from '../../../shared/dataset/records';
import { Slicer } from '../../../shared/dataset/slicer';
import { growSplit, type GrowItem } from '../../../shared/dataset/splitGrow';
import { useStore } from '../../store';

/** Paths labelled in the review queue this session: they join the training side (see splitGrow.ts). */
const reviewPaths = new Set<string>();

export function markReviewed(paths: readonly string[]): void {
  for (const p of paths) reviewPaths.add(p);
}

/** Labels that go to training whatever the class's share: accepted predictions and review-queue labels. */
export function goesToTraining(e: Pick<DatasetEntry, 'path' | 'origin'>): boolean {
  return e.origin === 'accepted' || reviewPaths.has(e.path);
}

const pause = () => new Promise<void>((resolve) => setTimeout(resolve, 0));
const SLICE_MS = 8;

let indexed: HashIndex | null = null;

async function indexFor(entries: readonly DatasetEntry[], slicer: Slicer): Promise<HashIndex> {
  if (!indexed?.covers(entries)) indexed = await HashIndex.fromEntries(entries, slicer);
  return indexed;
}

/** The images that belong in the split: labelled, of a class in use, not excluded one by one. */
export function splitItems(entries: readonly DatasetEntry[], excludedClasses: readonly string[], hashes: HashIndex): GrowItem[] {
  const skip = new Set(excludedClasses);
  const out: GrowItem[] = [];
  for (const e of entries) {
    if (e.label === null || skip.has(e.label) || e.excluded) continue;
    const p = hashes.positionOf.get(e.path)!;
    out.push({ id: e.path, label: e.label, hash: hashes.hashes[p], shifts: hashes.shifts[p], presetSplit: e.presetSplit, toTrain: goesToTraining(e) });
  }
  return out;
}

/** Every item already has a side and no side is left over: the split is the split of these items. */
function unchanged(assign: Readonly<Record<string, string>>, items: readonly GrowItem[]): boolean {
  for (const it of items) if (!assign[it.id]) return false;
  return Object.keys(assign).length === items.length;
}

/**
 * Grows the store's split over the store's entries; the grown split goes into the store unless the split
 * changed meanwhile (redrawn, or grown by a later change).
 */
export async function growStoredSplit(): Promise<void> {
  const { meta, entries } = useStore.getState();
  const split = meta?.split;
  if (!meta || !split) return;
  const slicer = new Slicer({ pause, budgetMs: SLICE_MS });
  const hashes = await indexFor(entries, slicer);
  const items = splitItems(entries, meta.excluded, hashes);
  if (unchanged(split.assign, items)) return;
  const assign = await growSplit(split.assign, items, { seed: split.seed, validFrac: split.validFrac, slicer, index: hashes });
  if (useStore.getState().meta?.split !== split) return;
  useStore.getState().splitGrown(meta.id, { seed: split.seed, validFrac: split.validFrac, assign });
}
