import { describe, expect, it } from 'vitest';
import {
  argmax, cellItems, computeMetrics, confusionMatrix, crossEntropy, meanLoss, metricsFromConfusion, mostConfused, rowNormalised, topKAccuracy, topLosses,
} from './metrics';
import type { EvalItem } from './types';

const NAMES = ['a', 'b', 'c'];

/** An item of true class `label` predicted as `pred` with probability 0.8. */
function item(label: number, pred: number, i = 0): EvalItem {
  const probs = [0.1, 0.1, 0.1];
  probs[pred] = 0.8;
  return { hash: `h${i}`, path: `root/${NAMES[label]}/${i}.png`, label, probs };
}

// Hand-made confusion matrix (rows true, columns predicted); class c is never predicted.
//        a  b  c
//   a  [ 2, 1, 0 ]
//   b  [ 1, 3, 0 ]
//   c  [ 1, 1, 0 ]
const CELLS: [number, number, number][] = [[0, 0, 2], [0, 1, 1], [1, 0, 1], [1, 1, 3], [2, 0, 1], [2, 1, 1]];
const ITEMS: EvalItem[] = CELLS.flatMap(([t, p, n]) => Array.from({ length: n }, () => item(t, p))).map((it, i) => ({ ...it, hash: `h${i}` }));

describe('confusion matrix and per-class metrics', () => {
  it('counts true rows against predicted columns', () => {
    expect(confusionMatrix(ITEMS, 3)).toEqual([[2, 1, 0], [1, 3, 0], [1, 1, 0]]);
  });

  it('gives the hand-computed precision, recall, F1 and support', () => {
    const m = computeMetrics(ITEMS, NAMES);
    expect(m.n).toBe(9);
    expect(m.accuracy).toBeCloseTo(5 / 9, 12);
    const [a, b, c] = m.perClass;
    expect(a.precision).toBeCloseTo(0.5, 12);
    expect(a.recall).toBeCloseTo(2 / 3, 12);
    expect(a.f1).toBeCloseTo(4 / 7, 12);
    expect(a.support).toBe(3);
    expect(b.precision).toBeCloseTo(0.6, 12);
    expect(b.recall).toBeCloseTo(0.75, 12);
    expect(b.f1).toBeCloseTo(2 / 3, 12);
    expect(b.support).toBe(4);
    expect(c.support).toBe(2);
    expect(m.macro.precision).toBeCloseTo(1.1 / 3, 12);
    expect(m.macro.recall).toBeCloseTo(17 / 36, 12);
    expect(m.macro.f1).toBeCloseTo(26 / 63, 12);
    expect(m.weighted.precision).toBeCloseTo(3.9 / 9, 12);
    expect(m.weighted.recall).toBeCloseTo(5 / 9, 12);
    expect(m.weighted.f1).toBeCloseTo(92 / 189, 12);
  });

  it('reports a never-predicted class with precision 0 and a flag, never NaN', () => {
    const c = computeMetrics(ITEMS, NAMES).perClass[2];
    expect(c).toMatchObject({ precision: 0, recall: 0, f1: 0, predicted: 0, neverPredicted: true });
    expect(computeMetrics(ITEMS, NAMES).perClass[0].neverPredicted).toBe(false);
  });

  it('handles empty input without NaN', () => {
    const m = computeMetrics([], NAMES);
    expect(m.n).toBe(0);
    expect(m.accuracy).toBe(0);
    expect(m.confusion).toEqual([[0, 0, 0], [0, 0, 0], [0, 0, 0]]);
    for (const c of m.perClass) expect([c.precision, c.recall, c.f1, c.support]).toEqual([0, 0, 0, 0]);
    expect(m.macro).toEqual({ precision: 0, recall: 0, f1: 0 });
    expect(m.weighted).toEqual({ precision: 0, recall: 0, f1: 0 });
    expect(topKAccuracy([], 1)).toBe(0);
    expect(topLosses([])).toEqual([]);
  });

  it('leaves classes without validation images out of the macro average', () => {
    const m = metricsFromConfusion([[3, 1], [0, 0]], ['x', 'y']);
    expect(m.perClass[1]).toMatchObject({ support: 0, precision: 0, recall: 0 });
    expect(m.macro.recall).toBeCloseTo(0.75, 12);
    expect(m.macro.precision).toBeCloseTo(1, 12);
  });

  it('is perfect on a perfect classifier', () => {
    const m = computeMetrics([item(0, 0), item(1, 1), item(2, 2)], NAMES);
    expect(m.accuracy).toBe(1);
    expect(m.macro).toEqual({ precision: 1, recall: 1, f1: 1 });
  });

  it('rejects a label outside the classes', () => {
    expect(() => confusionMatrix([item(0, 0), { ...item(0, 0), label: 3 }], 3)).toThrow(/outside/);
  });
});

describe('argmax, top-k, normalisation', () => {
  it('takes the first index on ties', () => {
    expect(argmax([0.2, 0.4, 0.4])).toBe(1);
    expect(argmax([1])).toBe(0);
  });

  it('counts the true class among the k most probable', () => {
    const items: EvalItem[] = [
      { hash: '1', path: 'p1', label: 1, probs: [0.5, 0.3, 0.2] }, // rank 2
      { hash: '2', path: 'p2', label: 2, probs: [0.5, 0.3, 0.2] }, // rank 3
      { hash: '3', path: 'p3', label: 0, probs: [0.5, 0.3, 0.2] }, // rank 1
      { hash: '4', path: 'p4', label: 2, probs: [0.4, 0.3, 0.3] }, // tied with class 1, which comes first: rank 3
    ];
    expect(topKAccuracy(items, 1)).toBeCloseTo(0.25, 12);
    expect(topKAccuracy(items, 2)).toBeCloseTo(0.5, 12);
    expect(topKAccuracy(items, 3)).toBeCloseTo(1, 12);
  });

  it('normalises rows to shares, empty rows to zeros', () => {
    expect(rowNormalised([[1, 3], [0, 0]])).toEqual([[0.25, 0.75], [0, 0]]);
  });
});

describe('error analysis', () => {
  it('lists off-diagonal pairs by count with a minimum (fastai most_confused)', () => {
    const cm = [[5, 3, 1], [0, 4, 2], [3, 0, 6]];
    expect(mostConfused(cm, NAMES)).toEqual([
      { actual: 'a', predicted: 'b', count: 3 },
      { actual: 'c', predicted: 'a', count: 3 },
      { actual: 'b', predicted: 'c', count: 2 },
      { actual: 'a', predicted: 'c', count: 1 },
    ]);
    expect(mostConfused(cm, NAMES, 2).map((p) => p.count)).toEqual([3, 3, 2]);
    expect(mostConfused([[4, 0], [0, 4]], ['x', 'y'])).toEqual([]);
  });

  it('sorts items by cross-entropy, largest first (fastai top_losses)', () => {
    const items: EvalItem[] = [
      { hash: '1', path: 'p1', label: 0, probs: [0.9, 0.1] },
      { hash: '2', path: 'p2', label: 0, probs: [0.2, 0.8] },
      { hash: '3', path: 'p3', label: 1, probs: [1, 0] },
    ];
    const rows = topLosses(items);
    expect(rows.map((r) => r.item.hash)).toEqual(['3', '2', '1']);
    expect(rows[1]).toMatchObject({ predicted: 1, probability: 0.8, trueProbability: 0.2 });
    expect(rows[1].loss).toBeCloseTo(-Math.log(0.2), 12);
    expect(Number.isFinite(rows[0].loss)).toBe(true); // p = 0 is clamped
    expect(crossEntropy([0.25, 0.75], 1)).toBeCloseTo(-Math.log(0.75), 12);
    expect(topLosses(items, 1)).toHaveLength(1);
    // the mean of the same losses; it moves with a probability even when no prediction changes
    expect(meanLoss(items)).toBeCloseTo((-Math.log(0.9) - Math.log(0.2) - Math.log(1e-7)) / 3, 12);
    expect(meanLoss([{ ...items[0], probs: [0.8, 0.2] }])).toBeGreaterThan(meanLoss([items[0]]));
    expect(meanLoss([])).toBe(0);
  });

  it('finds the items of one confusion-matrix cell', () => {
    expect(cellItems(ITEMS, 2, 1).map((i) => i.label)).toEqual([2]);
    expect(cellItems(ITEMS, 1, 1)).toHaveLength(3);
    expect(cellItems(ITEMS, 0, 2)).toHaveLength(0);
  });
});
