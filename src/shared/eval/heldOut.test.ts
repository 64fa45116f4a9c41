import { describe, expect, it } from 'vitest';
import { heldOutSummary, type HeldOutItem } from './heldOut';

const A = [0.9, 0.1];
const B = [0.2, 0.8];
const item = (label: number, net: number[], base: number[] | null, nearCopy: boolean): HeldOutItem => ({ label, probs: net, baseline: base, nearCopy });

describe('heldOutSummary', () => {
  // Six test images of classes x (0) and y (1); the two near-copies of dataset frames are right, as a
  // memorising network would be; the four others are half right.
  const items = [
    item(0, A, A, true), item(1, B, A, true),
    item(0, A, A, false), item(0, B, A, false), item(1, B, B, false), item(1, A, B, false),
  ];
  const s = heldOutSummary(items, ['x', 'y']);

  it('scores the whole folder, the images without a near-copy and those with one', () => {
    expect(s.images).toBe(6);
    expect(s.nearCopies).toBe(2);
    expect(s.network).toMatchObject({ images: 6, accuracy: 4 / 6 });
    expect(s.copies.network).toMatchObject({ images: 2, accuracy: 1 });
    expect(s.clean.network).toMatchObject({ images: 4, accuracy: 0.5 });
    // macro F1 on the clean part: x precision 1/2 recall 1/2, y the same → 0.5
    expect(s.clean.network!.f1).toBeCloseTo(0.5, 10);
  });

  it('scores the baseline on the same parts', () => {
    expect(s.baseline).toMatchObject({ images: 6, accuracy: 5 / 6 });
    expect(s.clean.baseline).toMatchObject({ images: 4, accuracy: 1 });
    expect(s.copies.baseline).toMatchObject({ images: 2, accuracy: 0.5 });
    // copies: x→x, y→x: x precision 1/2 recall 1 (F1 2/3), y never predicted (F1 0) → macro 1/3
    expect(s.copies.baseline!.f1).toBeCloseTo(1 / 3, 10);
  });

  it('leaves out empty parts and images the baseline could not score', () => {
    const none = heldOutSummary([item(0, A, null, false), item(1, B, B, false)], ['x', 'y']);
    expect(none.nearCopies).toBe(0);
    expect(none.copies).toEqual({ network: null, baseline: null });
    expect(none.baseline).toMatchObject({ images: 1, accuracy: 1 });
    expect(none.clean.network).toMatchObject({ images: 2, accuracy: 1 });
    expect(heldOutSummary([], ['x']).network).toBeNull();
  });
});
