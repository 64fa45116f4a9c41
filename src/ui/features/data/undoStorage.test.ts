import { describe, expect, it } from 'vitest';
import type { UndoStep } from './labelSlice';
import { UndoStorage } from './undoStorage';

/** sessionStorage with a quota in characters, counting writes. */
class FakeStorage {
  items = new Map<string, string>();
  writes = 0;
  constructor(private quota = Infinity) {}
  getItem(k: string) {
    return this.items.get(k) ?? null;
  }
  setItem(k: string, v: string) {
    const used = [...this.items].reduce((n, [key, val]) => n + (key === k ? 0 : key.length + val.length), 0);
    if (used + k.length + v.length > this.quota) throw new DOMException('full', 'QuotaExceededError');
    this.items.set(k, v);
    this.writes++;
  }
  removeItem(k: string) {
    this.items.delete(k);
  }
}

const step = (i: number, images = 1): UndoStep => ({
  before: Array.from({ length: images }, (_, k) => ({ path: `loose/${i}-${k}.png`, label: null })),
  deleted: [], summary: `label ${images} images`, dataset: 'default', review: null, revision: { before: i, after: i + 1 },
});

describe('UndoStorage', () => {
  it('keeps 60 steps across a reload, each written once', () => {
    const store = new FakeStorage();
    const a = new UndoStorage(store);
    const stack: UndoStep[] = [];
    for (let i = 0; i < 60; i++) {
      stack.push(step(i));
      a.save(stack);
    }
    // one write per step, plus the list of keys each time
    expect(store.writes).toBe(120);
    const loaded = new UndoStorage(store).load();
    expect(loaded).toHaveLength(60);
    expect(loaded[59]).toEqual(stack[59]);
  });

  it('stores the states of a 5,000-image step once, not once per image, and reads them back exactly', () => {
    const store = new FakeStorage();
    const big: UndoStep = { ...step(0, 5000), before: Array.from({ length: 5000 }, (_, k) => ({ path: `pool/u${k}.png`, label: k === 7 ? 'a' : null, origin: k === 7 ? 'hand' : undefined, labelledAt: k === 7 ? 5 : undefined })) };
    new UndoStorage(store).save([big]);
    const text = [...store.items].find(([k]) => k !== 'sem.labelUndo.list')![1];
    expect(text.length).toBeLessThan(5000 * 20);
    const [back] = new UndoStorage(store).load();
    expect(back.before).toHaveLength(5000);
    expect(back.before[7]).toEqual({ path: 'pool/u7.png', label: 'a', origin: 'hand', labelledAt: 5 });
    expect(back.before[8]).toEqual({ path: 'pool/u8.png', label: null });
    expect(back.summary).toBe(big.summary);
  });

  it('removes undone steps and steps that fell off the stack', () => {
    const store = new FakeStorage();
    const a = new UndoStorage(store);
    const stack = [step(0), step(1), step(2)];
    a.save(stack);
    a.save(stack.slice(1, 2)); // the oldest fell off, the newest was undone
    expect(new UndoStorage(store).load()).toEqual([stack[1]]);
    expect([...store.items.keys()].filter((k) => k !== 'sem.labelUndo.list')).toHaveLength(1);
  });

  it('a reloaded stack goes on: new steps after the loaded ones, none written twice', () => {
    const store = new FakeStorage();
    new UndoStorage(store).save([step(0), step(1)]);
    const b = new UndoStorage(store);
    const loaded = b.load();
    const writes = store.writes;
    b.save([...loaded, step(2)]);
    expect(store.writes - writes).toBe(2);
    expect(new UndoStorage(store).load().map((s) => s.summary)).toHaveLength(3);
  });

  it('when storage is full, the oldest stored steps give way and the newest stay, without gaps', () => {
    const store = new FakeStorage(30_000);
    const a = new UndoStorage(store);
    const stack: UndoStep[] = [];
    for (let i = 0; i < 60; i++) {
      stack.push(step(i, 20)); // ~900 characters each
      a.save(stack);
    }
    const loaded = new UndoStorage(store).load();
    expect(loaded.length).toBeGreaterThan(30);
    expect(loaded.length).toBeLessThan(60);
    expect(loaded).toEqual(stack.slice(60 - loaded.length));
    // a step too big to fit at all leaves nothing older stored either
    stack.push(step(60, 2000));
    a.save(stack);
    expect(new UndoStorage(store).load()).toEqual([]);
  });

  it('reads the stack stored by the older format (one array) and moves it to keys of its own', () => {
    const store = new FakeStorage();
    store.setItem('sem.labelUndo', JSON.stringify([step(0), step(1), { junk: true }]));
    const a = new UndoStorage(store);
    const loaded = a.load();
    expect(loaded.map((s) => s.summary)).toHaveLength(2);
    a.save(loaded);
    expect(store.getItem('sem.labelUndo')).toBeNull();
    expect(new UndoStorage(store).load()).toHaveLength(2);
  });
});
