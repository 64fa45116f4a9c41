import { describe, expect, it } from 'vitest';
import { parseCsv } from '../eval/csv';
import { applyChange, applyUndo, classNameProblem, classOrder, labelHistoryCsv, labelsCsv, revisionAfterUndo } from './labels';
import type { DatasetEntry } from './records';

const entry = (path: string, label: string | null): DatasetEntry => ({
  path, label, presetSplit: null, hash: path.padEnd(64, '0'), width: 10, height: 10, storedWidth: 10, storedHeight: 10,
  dataBar: { found: false, top: 10, bottom: 10, style: null }, phash: '0000000000000000', shifts: [],
});
const base = [entry('a/1.png', 'a'), entry('b/1.png', 'b'), entry('x.png', null), entry('y.png', null)];

describe('labelling changes', () => {
  it('labels by hand with origin and time, and undo restores exactly what was there', () => {
    const r = applyChange(base, { kind: 'label', paths: ['x.png', 'y.png'], label: 'a', origin: 'hand' }, 1000);
    expect(r.put.map((e) => [e.path, e.label, e.origin, e.labelledAt])).toEqual([['x.png', 'a', 'hand', 1000], ['y.png', 'a', 'hand', 1000]]);
    expect(r.events.map((e) => [e.path, e.from, e.to, e.origin])).toEqual([['x.png', null, 'a', 'hand'], ['y.png', null, 'a', 'hand']]);
    const u = applyUndo(r.entries, r.undo, 2000);
    expect(u.entries).toEqual(base);
    expect(u.events.every((e) => e.undo && e.to === null)).toBe(true);
  });

  it('a relabel with the same class and origin changes nothing; an accepted prediction records its origin', () => {
    expect(applyChange(base, { kind: 'label', paths: ['a/1.png'], label: 'a', origin: 'folder' }, 1).put).toEqual([]);
    const r = applyChange(base, { kind: 'label', paths: ['y.png'], label: 'b', origin: 'accepted' }, 5);
    expect(r.put[0].origin).toBe('accepted');
  });

  it('exclude keeps the image, marked; delete removes it and undo brings it back in path order', () => {
    const ex = applyChange(base, { kind: 'exclude', paths: ['a/1.png'], excluded: true }, 1);
    expect(ex.entries.find((e) => e.path === 'a/1.png')).toMatchObject({ label: 'a', excluded: true });
    const del = applyChange(base, { kind: 'delete', paths: ['b/1.png'] }, 2);
    expect(del.entries.map((e) => e.path)).toEqual(['a/1.png', 'x.png', 'y.png']);
    expect(del.removed).toEqual(['b/1.png']);
    const back = applyUndo(del.entries, del.undo, 3);
    expect(back.entries.map((e) => e.path)).toEqual(['a/1.png', 'b/1.png', 'x.png', 'y.png']);
    expect(back.events[0]).toMatchObject({ action: 'restore', path: 'b/1.png', to: 'b', undo: true });
  });

  it('an undo puts the revision back unless a run started on the state it undoes', () => {
    expect(revisionAfterUndo(6, { before: 5, after: 6 }, 5)).toBe(5);
    expect(revisionAfterUndo(6, { before: 5, after: 6 }, null)).toBe(5);
    expect(revisionAfterUndo(6, { before: 5, after: 6 }, 6)).toBe(7); // the run trained on the change
    expect(revisionAfterUndo(8, { before: 5, after: 6 }, 5)).toBe(9); // another change came between
    expect(revisionAfterUndo(3, undefined, null)).toBe(4); // a step stored before revisions were kept
  });

  it('class order and names', () => {
    expect(classOrder(base, ['new'])).toEqual(['a', 'b', 'new']);
    expect(classNameProblem('  ')).toMatch(/name/);
    expect(classNameProblem('a/b')).toMatch(/\//);
    expect(classNameProblem('fibres')).toBeNull();
  });

  it('labels CSV: one row per image with class, origin, time; history: every change', () => {
    const r = applyChange(base, { kind: 'label', paths: ['=x.png', 'x.png'], label: 'b', origin: 'hand' }, Date.UTC(2026, 0, 2));
    const rows = parseCsv(labelsCsv(r.entries, { createdAt: Date.UTC(2026, 0, 1) }));
    expect(rows[0]).toEqual(['file', 'class', 'origin', 'time', 'excluded']);
    expect(rows[1]).toEqual(['a/1.png', 'a', 'folder', '2026-01-01T00:00:00.000Z', 'false']);
    expect(rows[3]).toEqual(['x.png', 'b', 'hand', '2026-01-02T00:00:00.000Z', 'false']);
    expect(rows[4]).toEqual(['y.png', '', '', '', 'false']);
    const h = parseCsv(labelHistoryCsv(r.events));
    expect(h[1]).toEqual(['2026-01-02T00:00:00.000Z', 'x.png', 'label', '', 'b', 'hand', 'false']);
  });
});
