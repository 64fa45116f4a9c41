import { describe, expect, it } from 'vitest';
import { checkConsistency, comparisonTable, confusionCsv, matrixFromCells, testTable, withQuery, type ReplicateMetrics, type TestMetrics } from './replicateMetrics';

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

describe('replicate URL, CSV and held-out lines', () => {
  it('adds the run parameters to the query the URL already has', () => {
    const q = new URLSearchParams({ backbone: 'resnet50-tiny', mode: 'full' });
    expect(withQuery('http://localhost:4173/lab/?a=1', q)).toBe('http://localhost:4173/lab/?a=1&backbone=resnet50-tiny&mode=full');
    expect(withQuery('http://localhost:4173/', q)).toBe('http://localhost:4173/?backbone=resnet50-tiny&mode=full');
    // A parameter given in both: the run's value wins, once.
    expect(withQuery('http://x/?mode=fast&b=2', q)).toBe('http://x/?mode=full&b=2&backbone=resnet50-tiny');
  });

  it('neutralises formula-like class names in confusion-matrix.csv', () => {
    const csv = confusionCsv(['=HYPERLINK("x")', 'a,b'], [[1, 2], [3, 4]]);
    expect(csv).toBe('true \\ predicted,"\'=HYPERLINK(""x"")","a,b"\r\n"\'=HYPERLINK(""x"")",1,2\r\n"a,b",3,4\r\n');
  });

  it('prints network, baseline and leakage lines', () => {
    const t: TestMetrics = {
      folder: '/t', images: 10, nearCopies: 4,
      network: { images: 10, accuracy: 0.7, f1: 0.65 },
      baseline: { method: 'lbp-logreg', images: 10, accuracy: 0.6, f1: 0.55 },
      clean: { network: { images: 6, accuracy: 0.5, f1: 0.4 }, baseline: { images: 6, accuracy: 0.5, f1: 0.45 } },
      copies: { network: { images: 4, accuracy: 1, f1: 1 }, baseline: { images: 4, accuracy: 0.75, f1: 0.7 } },
    };
    const out = testTable(t);
    expect(out).toContain('| network, all test images | 10 | 0.700 | 0.650 |');
    expect(out).toContain('| baseline (lbp-logreg), all test images | 10 | 0.600 | 0.550 |');
    expect(out).toContain('| network, without a near-copy in training | 6 | 0.500 | 0.400 |');
    expect(out).toContain('| baseline (lbp-logreg), with a near-copy in training | 4 | 0.750 | 0.700 |');
    expect(out).toContain('near-copies: 4 of 10 test images have a near-duplicate in the training folder');
    expect(out).toContain('network accuracy 1.000 on those, 0.500 on the 6 others');
    expect(testTable({ ...t, baseline: null, clean: { ...t.clean, baseline: null } })).toContain('| baseline (not computed), all test images | 0 | — | — |');
  });
});
