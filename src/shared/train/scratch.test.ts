import { describe, expect, it } from 'vitest';
import { parseSchedule } from './schedule';
import { NO_PRETRAINED_FAST_NOTE, NO_PRETRAINED_NOTE, SCRATCH, scratchEpochs, scratchStages } from './scratch';

describe('scratchEpochs', () => {
  it('gives a small dataset enough passes for SCRATCH.minSteps weight updates', () => {
    // 72 images in batches of 8: 9 steps an epoch
    const e = scratchEpochs(72, 8);
    expect(e * 9).toBeGreaterThanOrEqual(SCRATCH.minSteps);
    expect((e - 1) * 9).toBeLessThan(SCRATCH.minSteps);
  });
  it('keeps at least minEpochs on a large dataset and at most maxEpochs on a tiny one', () => {
    expect(scratchEpochs(100_000, 8)).toBe(SCRATCH.minEpochs);
    expect(scratchEpochs(4, 8)).toBe(SCRATCH.maxEpochs); // one step an epoch (the batch shrinks to the dataset)
    expect(scratchEpochs(0, 8)).toBe(SCRATCH.maxEpochs);
  });
  it('counts whole batches only, as training drops the last partial one', () => {
    expect(scratchEpochs(15, 8)).toBe(Math.min(SCRATCH.maxEpochs, Math.max(SCRATCH.minEpochs, SCRATCH.minSteps)));
  });
});

describe('scratchStages', () => {
  it("fills '?' stages with scratchEpochs in all, more epochs where they are cheap", () => {
    const total = scratchEpochs(72, 8);
    const stages = scratchStages(parseSchedule('32x?,64x?').stages, 72, 8);
    expect(stages.map((s) => s.size)).toEqual([32, 64]);
    expect(stages[0].epochs! + stages[1].epochs!).toBeGreaterThanOrEqual(total - 1);
    expect(stages[0].epochs!).toBeGreaterThan(stages[1].epochs!);
  });
  it('leaves fixed stages alone and gives each open stage at least one epoch', () => {
    expect(scratchStages(parseSchedule('32x2,64x1').stages, 72, 8)).toEqual([{ size: 32, epochs: 2 }, { size: 64, epochs: 1 }]);
    const s = scratchStages(parseSchedule('64x?,224x?').stages, 100_000, 8);
    expect(s.every((x) => x.epochs! >= 1)).toBe(true);
  });
  it('the default schedule from scratch is all open stages', () => {
    expect(parseSchedule(SCRATCH.schedule).stages.every((s) => s.epochs === null)).toBe(true);
    expect(NO_PRETRAINED_NOTE).toContain('Fine-tuning from scratch needs many images and a GPU');
    expect(NO_PRETRAINED_FAST_NOTE).toContain('frozen random network');
  });
});
