import { describe, expect, it } from 'vitest';
import { groundTruthLabel, labelledSet } from './groundTruth';

const names = ['films', 'porous', 'tips'];

describe('groundTruthLabel', () => {
  it('takes the nearest folder naming a class', () => {
    expect(groundTruthLabel('test/porous/a.png', names)).toBe(1);
    expect(groundTruthLabel('tips/films/a.png', names)).toBe(0);
    expect(groundTruthLabel('Test/Tips/x/a.png', names)).toBe(2);
  });
  it('a file named like a class, or no class folder, is unlabelled', () => {
    expect(groundTruthLabel('films.png', names)).toBe(-1);
    expect(groundTruthLabel('new/batch/films.png', names)).toBe(-1);
  });
});

describe('labelledSet', () => {
  const row = (id: number, file: string, probs: number[] | null, classNames: string[] | null = names) => ({ id, file, probs, classNames });
  it('keeps rows under class folders with their true class; counts the rest', () => {
    const set = labelledSet([
      row(1, 'held/porous/a.png', [0.1, 0.8, 0.1]),
      row(2, 'held/tips/b.png', [0.6, 0.2, 0.2]),
      row(3, 'loose.png', [0.3, 0.3, 0.4]),
      row(4, 'held/films/pending.png', null, null),
    ])!;
    expect(set.classNames).toEqual(names);
    expect(set.items.map((i) => [i.id, i.label])).toEqual([[1, 1], [2, 2]]);
    expect(set.unlabelled).toBe(1);
  });
  it('null without labelled images, and rows of another model are left out', () => {
    expect(labelledSet([row(1, 'a.png', [1, 0, 0])])).toBeNull();
    expect(labelledSet([])).toBeNull();
    const set = labelledSet([row(1, 'films/a.png', [1, 0], ['films', 'other']), row(2, 'films/b.png', [1, 0, 0])])!;
    expect(set.items.map((i) => i.id)).toEqual([2]);
  });
});
