import { describe, expect, it } from 'vitest';
import { fitLogistic, predictLogistic } from './logistic';

describe('fitLogistic', () => {
  it('separates two classes on one feature and is unsure half-way', () => {
    const x = [[0], [1], [2], [8], [9], [10]];
    const y = [0, 0, 0, 1, 1, 1];
    const m = fitLogistic(x, y, 2);
    expect(predictLogistic(m, [0])[0]).toBeGreaterThan(0.9);
    expect(predictLogistic(m, [10])[1]).toBeGreaterThan(0.9);
    // Symmetric data: the boundary sits at the mean, 5.
    expect(predictLogistic(m, [5])[0]).toBeCloseTo(0.5, 2);
  });

  it('three classes in the plane, each in its own corner; probabilities sum to 1', () => {
    const x: number[][] = [];
    const y: number[] = [];
    const centres = [[0, 0], [10, 0], [0, 10]];
    centres.forEach(([cx, cy], k) => {
      for (const [dx, dy] of [[0, 0], [1, 0], [0, 1], [-1, 0], [0, -1]]) { x.push([cx + dx, cy + dy]); y.push(k); }
    });
    const m = fitLogistic(x, y, 3);
    centres.forEach(([cx, cy], k) => {
      const p = predictLogistic(m, [cx, cy]);
      expect(p.reduce((a, v) => a + v, 0)).toBeCloseTo(1, 12);
      expect(p.indexOf(Math.max(...p))).toBe(k);
    });
  });

  it('ignores a constant feature and predicts the only signal', () => {
    const m = fitLogistic([[5, 0], [5, 1], [5, 9], [5, 10]], [0, 0, 1, 1], 2);
    expect(predictLogistic(m, [5, 0.5])[0]).toBeGreaterThan(0.5);
    expect(predictLogistic(m, [5, 9.5])[1]).toBeGreaterThan(0.5);
  });

  it('balanced weights move the boundary toward the big class', () => {
    // 1 image of class 1 at 10, 9 of class 0 at 0..8: balanced, the boundary is nearer class 0's mass.
    const x = [0, 1, 2, 3, 4, 5, 6, 7, 8, 10].map((v) => [v]);
    const y = [0, 0, 0, 0, 0, 0, 0, 0, 0, 1];
    const plain = fitLogistic(x, y, 2, { balanced: false });
    const balanced = fitLogistic(x, y, 2, { balanced: true });
    expect(predictLogistic(balanced, [9])[1]).toBeGreaterThan(predictLogistic(plain, [9])[1]);
  });

  it('refuses empty or mismatched input', () => {
    expect(() => fitLogistic([], [], 2)).toThrow(/no training rows/);
    expect(() => fitLogistic([[1]], [0, 1], 2)).toThrow(/differ/);
  });
});
