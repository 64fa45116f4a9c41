import { describe, expect, it } from 'vitest';
import { accuracyInterval, describeInterval, wilsonInterval } from './wilson';

// Values computed by hand from the formula (z = 1.96):
//   centre = (p + z²/2n) / (1 + z²/n),  half = z·√(p(1−p)/n + z²/4n²) / (1 + z²/n).
// 8 of 10: denom = 1.38415, centre = (0.8 + 0.19207)/1.38415 = 0.71674, half = 1.96·√(0.016 + 0.0096)/1.38415
// = 0.22658 → [0.4902, 0.9433] (the textbook example, e.g. Newcombe 1998 table I gives 0.4902–0.9433).
describe('wilsonInterval', () => {
  it('matches hand-computed values', () => {
    const a = wilsonInterval(8, 10);
    expect(a.low).toBeCloseTo(0.4902, 4);
    expect(a.high).toBeCloseTo(0.9433, 4);
    // 0 of 10: low 0, high = (z²/2n)/(1+z²/n)·2 = 0.38415/1.38415 = 0.2775
    const zero = wilsonInterval(0, 10);
    expect(zero.low).toBe(0);
    expect(zero.high).toBeCloseTo(0.2775, 4);
    // 10 of 10 mirrors it
    const all = wilsonInterval(10, 10);
    expect(all.low).toBeCloseTo(0.7225, 4);
    expect(all.high).toBe(1);
    // 90 of 100: [0.8256, 0.9448]
    const big = wilsonInterval(90, 100);
    expect(big.low).toBeCloseTo(0.8256, 4);
    expect(big.high).toBeCloseTo(0.9448, 4);
  });

  it('is the whole range without data, and narrows as n grows', () => {
    expect(wilsonInterval(0, 0)).toEqual({ low: 0, high: 1 });
    const w = (n: number) => { const i = wilsonInterval(0.7 * n, n); return i.high - i.low; };
    expect(w(10)).toBeGreaterThan(w(100));
    expect(w(100)).toBeGreaterThan(w(1000));
  });
});

describe('accuracyInterval', () => {
  it('rests on the groups when the images fall into fewer groups', () => {
    // 855 frames of 27 fields at accuracy 0.5: n = 27 → [0.3235, 0.6765], not the ±3 points of n = 855.
    const ci = accuracyInterval(0.5, 855, 27);
    expect(ci).toMatchObject({ n: 27, basis: 'groups' });
    expect(ci.low).toBeCloseTo(0.3235, 4);
    expect(ci.high).toBeCloseTo(0.6765, 4);
    expect(describeInterval(ci)).toBe('95% interval 32.4–67.6 % (Wilson, n = 27 independent groups)');
  });

  it('rests on the images when every image is its own group', () => {
    const ci = accuracyInterval(0.8, 10, 10);
    expect(ci).toMatchObject({ n: 10, basis: 'images' });
    expect(ci.low).toBeCloseTo(0.4902, 4);
    expect(describeInterval(ci)).toContain('n = 10 images');
  });
});
