// Shapes the stored dataset for the Data view: plain functions of (entries, meta), unit-tested, so
// components only render. Memoise in components with useMemo on the same inputs.

import type { DatasetEntry, DatasetMeta } from '../../../shared/dataset/records';

export interface ClassRow {
  label: string;
  count: number;
  train: number;
  valid: number;
  test: number;
  /** Share of the class's images with a detected data bar, 0..1. */
  barShare: number;
  excluded: boolean;
  /** images of the class excluded from training one by one (not in count) */
  leftOut: number;
}

/** One row per label, sorted by name; unlabelled images (loose files) are not a class. */
export function classRows(entries: readonly DatasetEntry[], meta: DatasetMeta | null): ClassRow[] {
  const excluded = new Set(meta?.excluded ?? []);
  const assign = meta?.split?.assign ?? {};
  const rows = new Map<string, ClassRow & { bars: number }>();
  for (const e of entries) {
    if (e.label === null) continue;
    let r = rows.get(e.label);
    if (!r) rows.set(e.label, (r = { label: e.label, count: 0, train: 0, valid: 0, test: 0, barShare: 0, excluded: excluded.has(e.label), leftOut: 0, bars: 0 }));
    if (e.excluded) {
      r.leftOut++;
      continue;
    }
    r.count++;
    if (e.dataBar.found) r.bars++;
    const side = assign[e.path];
    if (side) r[side]++;
  }
  return [...rows.values()]
    .sort((a, b) => (a.label < b.label ? -1 : a.label > b.label ? 1 : 0))
    .map(({ bars, ...r }) => ({ ...r, barShare: r.count ? bars / r.count : 0 }));
}

/** Usable images: after de-duplication, without excluded classes or images excluded one by one. */
export function usableCount(entries: readonly DatasetEntry[], meta: DatasetMeta | null): number {
  const excluded = new Set(meta?.excluded ?? []);
  return entries.filter((e) => !e.excluded && (e.label === null || !excluded.has(e.label))).length;
}

/**
 * When one class has data bars on most images and another on few, a model can score well by reading the
 * bar instead of the specimen. Worth a warning when the crop is off, or when detection might have missed
 * bars. Threshold: shares 30 points apart.
 */
export function dataBarWarning(rows: readonly ClassRow[]): string | null {
  const used = rows.filter((r) => !r.excluded && r.count > 0);
  if (used.length < 2) return null;
  const hi = used.reduce((a, b) => (b.barShare > a.barShare ? b : a));
  const lo = used.reduce((a, b) => (b.barShare < a.barShare ? b : a));
  if (hi.barShare - lo.barShare < 0.3) return null;
  const pct = (x: number) => `${Math.round(x * 100)}%`;
  return `Data bars differ between classes (${pct(hi.barShare)} of "${hi.label}" vs ${pct(lo.barShare)} of "${lo.label}"): ` +
    'the model could learn the bar instead of the specimen. Keep cropping on.';
}

/** Largest over smallest class size, null with fewer than two classes. */
export function imbalanceRatio(rows: readonly ClassRow[]): number | null {
  const counts = rows.filter((r) => !r.excluded && r.count > 0).map((r) => r.count);
  if (counts.length < 2) return null;
  return Math.max(...counts) / Math.min(...counts);
}

export interface SizeSummary {
  minWidth: number;
  maxWidth: number;
  minHeight: number;
  maxHeight: number;
  /** Most common size as `w × h`, with its count. */
  common: { size: string; count: number } | null;
}

export function sizeSummary(entries: readonly DatasetEntry[]): SizeSummary | null {
  if (entries.length === 0) return null;
  // Numeric keys (sides are < 2^21): no string per image.
  const counts = new Map<number, number>();
  let minWidth = Infinity, maxWidth = 0, minHeight = Infinity, maxHeight = 0;
  for (const e of entries) {
    if (e.width < minWidth) minWidth = e.width;
    if (e.width > maxWidth) maxWidth = e.width;
    if (e.height < minHeight) minHeight = e.height;
    if (e.height > maxHeight) maxHeight = e.height;
    const k = e.width * 2 ** 21 + e.height;
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  let best: [number, number] | null = null;
  for (const [k, count] of counts) if (!best || count > best[1]) best = [k, count];
  const common = best && { size: `${Math.floor(best[0] / 2 ** 21)} × ${best[0] % 2 ** 21}`, count: best[1] };
  return { minWidth, maxWidth, minHeight, maxHeight, common };
}

/** Entries of one class in path order, for the gallery. */
export function entriesOfClass(entries: readonly DatasetEntry[], label: string | null): DatasetEntry[] {
  return entries.filter((e) => e.label === label).sort((a, b) => (a.path < b.path ? -1 : 1));
}

/** "1 min 20 s" style for the ETA. */
export function formatDuration(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds)) return '—';
  const s = Math.round(seconds);
  return s < 60 ? `${s} s` : `${Math.floor(s / 60)} min ${s % 60} s`;
}

/** Rows [start, end) of a virtualised list to render for a scroll position, with `overscan` rows around. */
export function visibleRows(scrollTop: number, viewport: number, rowHeight: number, rowCount: number, overscan = 2): [number, number] {
  const start = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan);
  const end = Math.min(rowCount, Math.ceil((scrollTop + viewport) / rowHeight) + overscan);
  return [start, Math.max(start, end)];
}

/** The near-duplicate hashes of the usable images (usableCount's set), for the independent-group count. */
export function usableHashes(entries: readonly DatasetEntry[], meta: DatasetMeta | null): { phash: string; shifts: string[] }[] {
  const excluded = new Set(meta?.excluded ?? []);
  return entries.filter((e) => !e.excluded && (e.label === null || !excluded.has(e.label))).map((e) => ({ phash: e.phash, shifts: e.shifts }));
}
