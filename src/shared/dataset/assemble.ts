// Turning per-file import results into the stored dataset: exact duplicates resolved, split drawn.
// Pure, so the rules are unit-tested in Node and give the same answer whatever order the decode
// workers finished in.

import type { DatasetEntry, DatasetIssue, DatasetSplit } from './records';
import { phashFromHex } from './phash';
import { makeSplit, type SplitItem } from './split';

/**
 * The same bytes under several paths (a file copied into two class folders, a re-export) are one image:
 * the first path in sort order is kept, the others become issues. Deterministic whatever the arrival order.
 */
export function resolveDuplicates(entries: readonly DatasetEntry[]): { kept: DatasetEntry[]; duplicates: DatasetIssue[] } {
  const sorted = [...entries].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const first = new Map<string, DatasetEntry>();
  const kept: DatasetEntry[] = [];
  const duplicates: DatasetIssue[] = [];
  for (const e of sorted) {
    const k = first.get(e.hash);
    if (!k) {
      first.set(e.hash, e);
      kept.push(e);
      continue;
    }
    const other = k.label !== e.label && k.label !== null ? `, which is in class "${k.label}"` : '';
    duplicates.push({ path: e.path, reason: `exact duplicate of ${k.path}${other} (counted once)` });
  }
  return { kept, duplicates };
}

/** Labelled entries of non-excluded classes, not excluded one by one, split by makeSplit; near-duplicates stay on one side. */
export function drawSplit(
  entries: readonly DatasetEntry[], excluded: readonly string[], seed: number, validFrac: number,
  /** labels that train whatever the class's share (review-queue labels: splitGrow.ts) */
  toTrain: (e: DatasetEntry) => boolean = () => false,
): { split: DatasetSplit; warnings: string[]; smallClasses: string[]; groups: number } {
  const skip = new Set(excluded);
  const items: SplitItem[] = [];
  for (const e of entries) {
    if (e.label === null || skip.has(e.label) || e.excluded) continue;
    items.push({ id: e.path, label: e.label, hash: phashFromHex(e.phash), shifts: e.shifts.map(phashFromHex), presetSplit: e.presetSplit, toTrain: toTrain(e) });
  }
  // Flag classes under 2 images: they cannot have both a training and a validation image.
  const r = makeSplit(items, { seed, validFrac, smallClassSize: 2 });
  return { split: { seed, validFrac, assign: Object.fromEntries(r.assign) }, warnings: r.warnings, smallClasses: r.smallClasses, groups: r.groups };
}

/** Paths relative to the dropped root (`classA/img.png`), which is what users recognise. */
export function relativeTo(root: string, path: string): string {
  return root && path.startsWith(`${root}/`) ? path.slice(root.length + 1) : path;
}

/** Rename or merge: every entry of `from` gets label `to`. Returns only the changed entries. */
export function relabel(entries: readonly DatasetEntry[], from: string, to: string): DatasetEntry[] {
  return entries.filter((e) => e.label === from).map((e) => ({ ...e, label: to }));
}
