import { describe, expect, it } from 'vitest';
import type { TrainEpoch } from '../../shared/protocol';
import { appendThinned, lowestLoss } from './runRecorder';

// The IndexedDB half runs in the browser (e2e/resume.spec.ts); Node has no IndexedDB.
const epoch = (i: number, validLoss: number | null): TrainEpoch => ({
  phase: 'unfrozen', epoch: i, trainLoss: 1, validLoss, validAccuracy: null, seconds: 1, memory: { numTensors: 1, numBytes: 1 }, size: 32, stage: 0,
});

describe('run recorder helpers', () => {
  it('picks the epoch with the lowest validation loss, ignoring missing and non-finite losses', () => {
    expect(lowestLoss([epoch(0, 0.9), epoch(1, 0.4), epoch(2, 0.5)])).toBe(1);
    expect(lowestLoss([epoch(0, null), epoch(1, Number.NaN)])).toBeNull();
    expect(lowestLoss([])).toBeNull();
  });

  it('thins the older half of the loss curve beyond the limit, keeping recent points whole', () => {
    let points: { step: number; loss: number; smoothLoss: number }[] = [];
    for (let i = 0; i < 25; i++) points = appendThinned(points, { step: i, loss: i, smoothLoss: i }, 10);
    expect(points.length).toBeLessThanOrEqual(10);
    expect(points[points.length - 1].step).toBe(24);
    expect(points[0].step).toBe(0);
    expect(points.map((p) => p.step)).toEqual([...points.map((p) => p.step)].sort((a, b) => a - b));
  });
});
