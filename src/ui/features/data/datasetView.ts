// One derived view of the dataset, computed once per change and selected by every step's components: the
// class rows, counts, class order, sizes and the review pool. Every step stays mounted, so before this each
// of five components scanned all entries on every change (with 5,000 images, 10–25 ms each). Parts are
// kept while their inputs are the same objects: a split that grows reuses the entries' part.

import { classOrder } from '../../../shared/dataset/labels';
import type { DatasetEntry, DatasetMeta } from '../../../shared/dataset/records';
import { classRows, sizeSummary, usableCount, type ClassRow, type SizeSummary } from './datasetSelectors';
import { useStore, type Store } from '../../store';
import { filterCounts } from './labelSelectors';

export interface DatasetView {
  /** one per class, sorted (datasetSelectors.classRows) */
  rows: ClassRow[];
  /** classes that train: not excluded, with images */
  usedRows: ClassRow[];
  /** usable images (datasetSelectors.usableCount) */
  usable: number;
  /** class names in key order (labels.classOrder) */
  classes: string[];
  counts: ReturnType<typeof filterCounts>;
  sizes: SizeSummary | null;
  /** images with a detected data bar */
  bars: number;
  /** unlabelled images not excluded: what the review queue predicts */
  reviewPool: number;
  /** the entry at a path (a map built on first use) */
  entryOf: (path: string) => DatasetEntry | undefined;
  /** what Train and Classify need, the same object while its numbers are (a label adds none until the split grows) */
  used: UsedSummary;
  /** a few images with a data bar, spread over the dataset (the crop preview), the same array while they are */
  barSamples: readonly DatasetEntry[];
}

export interface UsedSummary {
  /** names of the classes that train */
  classNames: readonly string[];
  trainImages: number;
  validImages: number;
}

type EntriesPart = Pick<DatasetView, 'classes' | 'counts' | 'sizes' | 'bars' | 'reviewPool' | 'entryOf' | 'barSamples'>;

const SAMPLES = 3;

function entriesPart(entries: readonly DatasetEntry[], prev: EntriesPart | undefined): EntriesPart {
  let bars = 0;
  let reviewPool = 0;
  const withBar: DatasetEntry[] = [];
  for (const e of entries) {
    if (e.dataBar.found) withBar.push(e);
    if (e.label === null && !e.excluded) reviewPool++;
  }
  bars = withBar.length;
  const step = Math.max(1, Math.floor(withBar.length / SAMPLES));
  const samples = withBar.filter((_, i) => i % step === 0).slice(0, SAMPLES);
  let byPath: Map<string, DatasetEntry> | null = null;
  return {
    classes: classOrder(entries), counts: filterCounts(entries), sizes: sizeSummary(entries), bars, reviewPool,
    entryOf: (path) => (byPath ??= new Map(entries.map((e) => [e.path, e]))).get(path),
    barSamples: prev && sameItems(prev.barSamples, samples) ? prev.barSamples : samples,
  };
}

const sameItems = <T>(a: readonly T[], b: readonly T[]) => a.length === b.length && a.every((x, i) => x === b[i]);

function usedSummary(rows: readonly ClassRow[], prev: UsedSummary | undefined): UsedSummary {
  const next: UsedSummary = {
    classNames: rows.map((r) => r.label), trainImages: rows.reduce((n, r) => n + r.train, 0), validImages: rows.reduce((n, r) => n + r.valid, 0),
  };
  const same = prev && prev.trainImages === next.trainImages && prev.validImages === next.validImages && sameItems(prev.classNames, next.classNames);
  return same ? prev : next;
}

const EMPTY: DatasetEntry[] = [];
let memo: {
  entries: readonly DatasetEntry[]; part: EntriesPart;
  split: DatasetMeta['split'] | undefined; excluded: readonly string[] | undefined; view: DatasetView;
} | null = null;

/** The view of these entries and meta; the same object while neither changed (a stable zustand selection). */
export function datasetView(entries: readonly DatasetEntry[], meta: DatasetMeta | null): DatasetView {
  if (memo && memo.entries === entries && memo.split === meta?.split && memo.excluded === meta?.excluded) return memo.view;
  const part = memo?.entries === entries ? memo.part : entriesPart(entries, memo?.part);
  const rows = classRows(entries, meta);
  const usedRows = rows.filter((r) => !r.excluded && r.count > 0);
  const view: DatasetView = { ...part, rows, usedRows, usable: usableCount(entries, meta), used: usedSummary(usedRows, memo?.view.used) };
  memo = { entries, part, split: meta?.split, excluded: meta?.excluded, view };
  return view;
}

export const selectDatasetView = (s: Pick<Store, 'entries' | 'meta'>): DatasetView => datasetView(s.entries ?? EMPTY, s.meta);

/** The dataset view for a component: re-renders it only when the view changes. */
export const useDatasetView = (): DatasetView => useStore(selectDatasetView);

/** Only the classes that train and their split counts: a label re-renders nothing until the split grows. */
export const useUsedSummary = (): UsedSummary => useStore((s) => selectDatasetView(s).used);
