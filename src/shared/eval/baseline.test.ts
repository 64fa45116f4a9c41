import { describe, expect, it } from 'vitest';
import { BASELINE_METHOD, compareWithBaseline, runBaseline } from './baseline';

describe('runBaseline', () => {
  it('fits on train, scores valid with the same metrics as the network', () => {
    const train = [0, 1, 2, 8, 9, 10].map((v, i) => ({ features: [v], label: i < 3 ? 0 : 1 }));
    // One valid image of class 1 sits on class 0's side: 3 of 4 right.
    const valid = [[0.5, 0], [9.5, 1], [8.5, 1], [1.5, 1]].map(([v, label], i) => ({ features: [v], label, hash: `h${i}`, path: `p${i}` }));
    const r = runBaseline(train, valid, ['a', 'b'], 0.2);
    expect(r.method).toBe(BASELINE_METHOD);
    expect(r.accuracy).toBe(0.75);
    // class a: P = 1/2, R = 1 → F1 2/3; class b: P = 1, R = 2/3 → F1 0.8; macro 0.7333
    expect(r.f1).toBeCloseTo((2 / 3 + 0.8) / 2, 10);
    expect(r.items.map((i) => i.hash)).toEqual(['h0', 'h1', 'h2', 'h3']);
    expect([r.trainImages, r.validImages, r.seconds]).toEqual([6, 4, 0.2]);
  });
});

describe('compareWithBaseline', () => {
  it('better needs one more right image and no lower macro F1', () => {
    expect(compareWithBaseline({ accuracy: 0.9, f1: 0.9, n: 10 }, { accuracy: 0.8, f1: 0.8 })).toBe('better');
    expect(compareWithBaseline({ accuracy: 0.8, f1: 0.8, n: 10 }, { accuracy: 0.8, f1: 0.8 })).toBe('tie');
    expect(compareWithBaseline({ accuracy: 0.7, f1: 0.7, n: 10 }, { accuracy: 0.8, f1: 0.8 })).toBe('worse');
    expect(compareWithBaseline({ accuracy: 0.8, f1: 0.6, n: 10 }, { accuracy: 0.8, f1: 0.7 })).toBe('worse');
  });
});
