// The undo stack kept in the tab's sessionStorage: a reload keeps it, another tab has its own. Each step
// is written once, under its own key, when it is pushed, and removed when it is undone or falls off the
// stack, so a change never serialises the whole stack again. When storage is full the oldest stored steps
// give way to newer ones: every ordinary step of the 100 kept fits (a few hundred bytes each); only a step
// of thousands of images (a delete keeps whole entries) can push older ones out of the stored copy.

import type { LabelState } from '../../../shared/dataset/labels';
import type { UndoStep } from './labelSlice';

const PREFIX = 'sem.labelUndo.';
const LIST = `${PREFIX}list`;
/** the format before steps had keys of their own: one array */
const OLD_KEY = 'sem.labelUndo';

type KeyValueStore = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

const isStep = (x: unknown): x is UndoStep =>
  typeof x === 'object' && x !== null && Array.isArray((x as UndoStep).before) && Array.isArray((x as UndoStep).deleted);

/** A step as stored: the label states of its images once each, with each path's index into them. */
type StoredStep = Omit<UndoStep, 'before'> & { before: { paths: string[]; state: number[]; states: Omit<LabelState, 'path'>[] } };

/** Labelling 5,000 unlabelled images gives 5,000 equal states: stored once, the step is the paths and a few bytes more. */
function pack(step: UndoStep): StoredStep {
  const states: Omit<LabelState, 'path'>[] = [];
  const keys = new Map<string, number>();
  const state = step.before.map(({ path: _p, ...s }) => {
    const key = JSON.stringify([s.label, s.origin, s.labelledAt, s.excluded]);
    let i = keys.get(key);
    if (i === undefined) keys.set(key, (i = states.push(s) - 1));
    return i;
  });
  return { ...step, before: { paths: step.before.map((s) => s.path), state, states } };
}

function unpack(x: unknown): UndoStep | null {
  if (typeof x !== 'object' || x === null) return null;
  const b = (x as StoredStep).before;
  if (b && Array.isArray(b.paths) && Array.isArray(b.state) && Array.isArray(b.states)) {
    const before = b.paths.map((path, i) => ({ ...b.states[b.state[i]], path }));
    if (before.some((s) => typeof s.path !== 'string' || !('label' in s))) return null;
    const step = { ...(x as StoredStep), before };
    return isStep(step) ? step : null;
  }
  return isStep(x) ? x : null; // a step stored whole (older versions)
}

function parse(raw: string | null): unknown {
  try {
    return raw ? JSON.parse(raw) : null;
  } catch {
    return null;
  }
}

export class UndoStorage {
  private readonly ids = new WeakMap<UndoStep, number>();
  /** ids stored now, oldest first */
  private stored: number[] = [];
  private nextId = 1;

  constructor(private readonly storage: KeyValueStore | undefined) {}

  /** The stored stack, oldest first. */
  load(): UndoStep[] {
    const s = this.storage;
    if (!s) return [];
    try {
      const old = parse(s.getItem(OLD_KEY));
      if (old !== null) s.removeItem(OLD_KEY);
      if (Array.isArray(old)) return old.filter(isStep); // written under keys of their own at the next save
      const list = parse(s.getItem(LIST));
      const steps: UndoStep[] = [];
      for (const id of Array.isArray(list) ? list : []) {
        if (typeof id !== 'number') continue;
        const step = unpack(parse(s.getItem(PREFIX + id)));
        if (!step) continue;
        this.ids.set(step, id);
        this.stored.push(id);
        steps.push(step);
        this.nextId = Math.max(this.nextId, id + 1);
      }
      return steps;
    } catch {
      return [];
    }
  }

  /** Makes the stored copy match the stack: writes the steps not stored yet, removes the ones gone. */
  save(stack: readonly UndoStep[]): void {
    const s = this.storage;
    if (!s) return;
    const wanted = stack.map((step) => {
      let id = this.ids.get(step);
      if (id === undefined) this.ids.set(step, (id = this.nextId++));
      return id;
    });
    const keep = new Set(wanted);
    const have = new Set<number>();
    for (const id of this.stored) {
      if (keep.has(id)) have.add(id);
      else this.remove(id);
    }
    // Newest first: when storage runs out, what is left unstored is the oldest part.
    let from = 0;
    for (let i = wanted.length - 1; i >= 0; i--) {
      if (have.has(wanted[i])) continue;
      if (this.write(wanted[i], stack[i], wanted.slice(0, i), have)) have.add(wanted[i]);
      else {
        from = i + 1;
        break;
      }
    }
    for (let i = 0; i < from; i++) if (have.delete(wanted[i])) this.remove(wanted[i]);
    this.stored = wanted.slice(from).filter((id) => have.has(id));
    try {
      s.setItem(LIST, JSON.stringify(this.stored));
    } catch {
      // the list is tiny; if even it cannot be written, the previous list stays (its steps may be gone: load skips them)
    }
  }

  /** Writes one step, making room by removing stored steps older than it; false when it cannot fit. */
  private write(id: number, step: UndoStep, older: readonly number[], have: Set<number>): boolean {
    const text = JSON.stringify(pack(step));
    const evictable = older.filter((o) => have.has(o));
    for (;;) {
      try {
        this.storage!.setItem(PREFIX + id, text);
        return true;
      } catch {
        const oldest = evictable.shift();
        if (oldest === undefined) return false;
        have.delete(oldest);
        this.remove(oldest);
      }
    }
  }

  private remove(id: number): void {
    try {
      this.storage!.removeItem(PREFIX + id);
    } catch {
      // nothing to free
    }
  }
}
