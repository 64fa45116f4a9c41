import { describe, expect, it } from 'vitest';
import { RateMeter } from './rate';

describe('RateMeter', () => {
  it('measures over the recent window and estimates time left', () => {
    const m = new RateMeter(2000);
    expect(m.rate()).toBe(0);
    expect(m.eta(100)).toBeNull();
    m.add(0, 0);
    m.add(1000, 5); // slow start
    m.add(3000, 45);
    m.add(4000, 65); // 20/s over the last 3 s window samples
    expect(m.rate()).toBeCloseTo(20, 5);
    expect(m.eta(105)).toBeCloseTo(2, 5);
  });
});
