// Labelling changes made in the app (gallery, review queue, fastai's cleaner), as pure functions over the
// dataset's entries: each change returns the entries to store, the events for the label log, and an undo
// record that restores exactly what was there before. The UI stores the result at once (datasetDb), keeps
// the undo records on a stack and redraws nothing: the split grows (splitGrow.ts).

import { csvLine, type CsvCell } from '../eval/csv';
import type { DatasetEntry, DatasetMeta, LabelEvent, LabelOrigin } from './records';

export type LabelChange =
  /** label null removes the label */
  | { kind: 'label'; paths: readonly string[]; label: string | null; origin: LabelOrigin }
  | { kind: 'exclude'; paths: readonly string[]; excluded: boolean }
  | { kind: 'delete'; paths: readonly string[] };

/** The label fields of an entry: all an undo needs to put back (small enough to keep across a reload). */
export interface LabelState {
  path: string;
  label: string | null;
  origin?: LabelOrigin;
  labelledAt?: number;
  excluded?: boolean;
}

export interface UndoRecord {
  /** label fields of the touched entries as they were */
  before: LabelState[];
  /** whole entries a delete removed */
  deleted: DatasetEntry[];
  /** what the change did, for the undo button's text */
  summary: string;
}

const stateOf = (e: DatasetEntry): LabelState => ({ path: e.path, label: e.label, origin: e.origin, labelledAt: e.labelledAt, excluded: e.excluded });

export interface ChangeResult {
  entries: DatasetEntry[];
  /** entries to write (new versions) */
  put: DatasetEntry[];
  /** paths to delete */
  removed: string[];
  events: LabelEvent[];
  undo: UndoRecord;
}

/** The origin an entry's label has: entries from before labelling existed came from their folder. */
export function originOf(e: DatasetEntry): LabelOrigin | null {
  return e.label === null ? null : (e.origin ?? 'folder');
}

export function applyChange(entries: readonly DatasetEntry[], change: LabelChange, now: number): ChangeResult {
  const wanted = new Set(change.paths);
  const put: DatasetEntry[] = [];
  const before: LabelState[] = [];
  const deleted: DatasetEntry[] = [];
  const events: LabelEvent[] = [];
  const removed: string[] = [];
  const next: DatasetEntry[] = [];
  for (const e of entries) {
    if (!wanted.has(e.path)) {
      next.push(e);
      continue;
    }
    if (change.kind === 'delete') {
      deleted.push(e);
      removed.push(e.path);
      events.push({ at: now, path: e.path, action: 'delete', from: e.label, to: null, origin: null });
      continue;
    }
    let updated: DatasetEntry | null = null;
    if (change.kind === 'label' && (e.label !== change.label || (change.label !== null && originOf(e) !== change.origin))) {
      updated = { ...e, label: change.label, origin: change.label === null ? undefined : change.origin, labelledAt: now };
      events.push({ at: now, path: e.path, action: 'label', from: e.label, to: change.label, origin: change.label === null ? null : change.origin });
    } else if (change.kind === 'exclude' && !!e.excluded !== change.excluded) {
      updated = { ...e, excluded: change.excluded || undefined };
      events.push({ at: now, path: e.path, action: change.excluded ? 'exclude' : 'include', from: e.label, to: e.label, origin: originOf(e) });
    }
    if (updated) {
      before.push(stateOf(e));
      put.push(updated);
      next.push(updated);
    } else next.push(e);
  }
  return { entries: next, put, removed, events, undo: { before, deleted, summary: describe(change, before.length + deleted.length) } };
}

function describe(c: LabelChange, n: number): string {
  const imgs = `${n} image${n === 1 ? '' : 's'}`;
  if (c.kind === 'delete') return `delete ${imgs}`;
  if (c.kind === 'exclude') return `${c.excluded ? 'exclude' : 'include'} ${imgs}`;
  return c.label === null ? `unlabel ${imgs}` : `label ${imgs} “${c.label}”`;
}

/** Puts the entries of an undo record back as they were (deleted ones return). */
export function applyUndo(entries: readonly DatasetEntry[], record: UndoRecord, now: number): ChangeResult {
  const restore = new Map(record.before.map((s) => [s.path, s]));
  const events: LabelEvent[] = [];
  const next: DatasetEntry[] = [];
  const put: DatasetEntry[] = [];
  const present = new Set<string>();
  for (const e of entries) {
    present.add(e.path);
    const was = restore.get(e.path);
    if (!was) {
      next.push(e);
      continue;
    }
    const old: DatasetEntry = { ...e, label: was.label, origin: was.origin, labelledAt: was.labelledAt, excluded: was.excluded };
    next.push(old);
    put.push(old);
    if (old.label !== e.label || originOf(old) !== originOf(e)) {
      events.push({ at: now, path: e.path, action: 'label', from: e.label, to: old.label, origin: originOf(old), undo: true });
    }
    if (!!old.excluded !== !!e.excluded) {
      events.push({ at: now, path: e.path, action: old.excluded ? 'exclude' : 'include', from: e.label, to: old.label, origin: originOf(old), undo: true });
    }
  }
  // What a delete removed comes back (unless it is there again), in path order.
  let restored = false;
  for (const old of record.deleted) {
    if (present.has(old.path)) continue;
    next.push(old);
    put.push(old);
    restored = true;
    events.push({ at: now, path: old.path, action: 'restore', from: null, to: old.label, origin: originOf(old), undo: true });
  }
  if (restored) next.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { entries: next, put, removed: [], events, undo: { before: [], deleted: [], summary: `undo ${record.summary}` } };
}

/**
 * The dataset revision after undoing a change (meta.revision: a run remembers it; Evaluate and Train say
 * when the dataset changed since). A change takes a new revision; its undo puts back the one from before,
 * so a change and its undo leave the dataset "unchanged since the run", unless a run started on the state
 * being undone: then the undo is a change of its own and takes a new revision too.
 */
export function revisionAfterUndo(current: number, step: { before: number; after: number } | undefined, runRevision: number | null): number {
  if (step && step.after === current && runRevision !== current) return step.before;
  return current + 1;
}

/** Class names in the order the keys 1–9 and the chips use: sorted, like the class table. */
export function classOrder(entries: readonly DatasetEntry[], extra: readonly string[] = []): string[] {
  const set = new Set(extra);
  for (const e of entries) if (e.label !== null) set.add(e.label);
  return [...set].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** A class name a user typed: trimmed, no slashes (paths use them), not empty. Returns an error or null. */
export function classNameProblem(name: string): string | null {
  const n = name.trim();
  if (!n) return 'A class needs a name.';
  if (n.length > 80) return 'Class names are at most 80 characters.';
  if (/[/\\]/.test(n)) return 'Class names cannot contain / or \\.';
  return null;
}

const iso = (t: number | undefined): string => (t === undefined ? '' : new Date(t).toISOString());

function csv(header: readonly string[], rows: CsvCell[][]): string {
  return [header, ...rows].map((r) => `${csvLine(r)}\r\n`).join('');
}

/** The current labels: one row per image (file, class, origin, time, excluded), by path. */
export function labelsCsv(entries: readonly DatasetEntry[], meta: Pick<DatasetMeta, 'createdAt'> | null): string {
  const rows = [...entries]
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
    .map((e): CsvCell[] => {
      const origin = originOf(e);
      const time = e.labelledAt ?? (origin === 'folder' ? meta?.createdAt : undefined);
      return [e.path, e.label ?? '', origin ?? '', iso(time), !!e.excluded];
    });
  return csv(['file', 'class', 'origin', 'time', 'excluded'], rows);
}

/** Every change made in the app, oldest first. */
export function labelHistoryCsv(log: readonly LabelEvent[]): string {
  return csv(
    ['time', 'file', 'action', 'from', 'to', 'origin', 'undo'],
    log.map((ev) => [iso(ev.at), ev.path, ev.action, ev.from ?? '', ev.to ?? '', ev.origin ?? '', !!ev.undo]),
  );
}
