import { describe, expect, it } from 'vitest';
import { Slicer } from './slicer';

describe('Slicer', () => {
  it('pauses once a slice has used its time, and starts the next slice after the pause', async () => {
    let clock = 0;
    const pauses: number[] = [];
    const s = new Slicer({ pause: async () => void pauses.push(clock), budgetMs: 10, stride: 1, now: () => clock });
    for (let i = 0; i < 35; i++) {
      clock += 1; // each step costs 1 ms
      await s.tick();
    }
    // slices of 10 ms: pauses after steps 10, 20, 30
    expect(pauses).toEqual([10, 20, 30]);
    expect(s.pauses).toBe(3);
  });

  it('reads the clock only every `stride` units of work', async () => {
    let reads = 0;
    const s = new Slicer({ pause: async () => undefined, budgetMs: 1e9, stride: 50, now: () => (reads++, 0) });
    reads = 0;
    for (let i = 0; i < 100; i++) await s.tick(5);
    expect(reads).toBe(10);
  });

  it('never pauses without a pause function', () => {
    let clock = 0;
    const s = new Slicer({ budgetMs: 0, stride: 1, now: () => clock++ });
    for (let i = 0; i < 100; i++) expect(s.tick()).toBeUndefined();
    expect(s.pauses).toBe(0);
  });
});
