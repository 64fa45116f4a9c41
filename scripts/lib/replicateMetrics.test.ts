import { describe, expect, it } from 'vitest';
import { checkConsistency, comparisonTable, matrixFromCells, type ReplicateMetrics } from './replicateMetrics';

// 2 classes: a 8 right, 2 called b; b 3 called a, 7 right.
const good: ReplicateMetrics = {
  accuracy: 15 / 20,
  macro: { precision: (8 / 11 + 7 / 9) / 2, recall: (0.8 + 0.7) / 2, f1: 0 },
  perClass: [
    { class: 'a', precision: 8 / 11, recall: 0.8, f1: (2 * (8 / 11) * 0.8) / (8 / 11 + 0.8), support: 10 },
    { class: 'b', precision: 7 / 9, recall: 0.7, f1: (2 * (7 / 9) * 0.7) / (7 / 9 + 0.7), support: 10 },
  ],
  confusion: { classes: ['a', 'b'], matrix: [[8, 2], [3, 7]] },
};
good.macro.f1 = (good.perClass[0].f1 + good.perClass[1].f1) / 2;

describe('replicate metrics check', () => {
  it('accepts metrics that follow from the confusion matrix', () => {
    expect(checkConsistency(good)).toEqual([]);
    expect(comparisonTable(good)).toContain('| this run | 0.750 |');
  });

  it('names each number that does not follow', () => {
    const bad = structuredClone(good);
    bad.perClass[1].recall = 0.9;
    bad.perClass[0].support = 9;
    bad.accuracy = 0.8;
    const problems = checkConsistency(bad);
    expect(problems.some((p) => p.startsWith('b: recall'))).toBe(true);
    expect(problems.some((p) => p.startsWith('a: support'))).toBe(true);
    expect(problems.some((p) => p.startsWith('accuracy'))).toBe(true);
  });

  it('builds the matrix from the app cells and refuses unknown classes', () => {
    expect(matrixFromCells(['a', 'b'], [{ true: 'a', pred: 'b', count: 2 }, { true: 'b', pred: 'b', count: 7 }])).toEqual([[0, 2], [0, 7]]);
    expect(() => matrixFromCells(['a'], [{ true: 'a', pred: 'z', count: 1 }])).toThrow(/unknown class/);
  });

  it('reports an empty matrix', () => {
    expect(checkConsistency({ ...good, confusion: { classes: ['a', 'b'], matrix: [[0, 0], [0, 0]] } })).toEqual(['the confusion matrix is empty']);
  });
});
