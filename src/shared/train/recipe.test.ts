import { describe, expect, it } from 'vitest';
import { etaSeconds, planEpochs } from './recipe';
import { scratchEpochs } from './scratch';

describe('planEpochs', () => {
  it('lays fine_tune over the schedule: frozen first, sizes from the stages', () => {
    const p = planEpochs({ schedule: '32x2,48x1', epochs: null, freezeEpochs: 1 }, 60);
    expect(p.epochs).toBe(2);
    expect(p.perEpoch).toEqual([
      { phase: 'frozen', size: 32, stage: 0 },
      { phase: 'unfrozen', size: 32, stage: 0 },
      { phase: 'unfrozen', size: 48, stage: 1 },
    ]);
  });

  it('keeps the last size past the end of the schedule', () => {
    const p = planEpochs({ schedule: '64x1', epochs: 2, freezeEpochs: 1 }, 60);
    expect(p.perEpoch.map((e) => e.size)).toEqual([64, 64, 64]);
    expect(p.perEpoch.map((e) => e.stage)).toEqual([0, 0, 0]);
  });

  it("resolves '?' stages and skips a frozen phase with freeze_epochs 0", () => {
    const p = planEpochs({ schedule: '64x?,128x?', epochs: null, freezeEpochs: 0 }, 100);
    expect(p.stages).toEqual([{ size: 64, epochs: 4 }, { size: 128, epochs: 2 }]);
    expect(p.perEpoch.every((e) => e.phase === 'unfrozen')).toBe(true);
    expect(p.perEpoch).toHaveLength(6);
  });

  it("from scratch, '?' stages get enough epochs for SCRATCH.minSteps updates at the recipe's batch size", () => {
    const p = planEpochs({ schedule: '64x?', epochs: null, freezeEpochs: 0, scratch: true, batchSize: 8 }, 72);
    expect(p.stages).toEqual([{ size: 64, epochs: scratchEpochs(72, 8) }]);
    expect(p.perEpoch).toHaveLength(scratchEpochs(72, 8));
    // the same schedule over pretrained weights: 256/size epochs
    expect(planEpochs({ schedule: '64x?', epochs: null, freezeEpochs: 0 }, 72).stages).toEqual([{ size: 64, epochs: 4 }]);
  });

  it('refuses a bad schedule or epoch count with a readable message', () => {
    expect(() => planEpochs({ schedule: '64', epochs: null, freezeEpochs: 1 }, 10)).toThrow(/not a stage/);
    expect(() => planEpochs({ schedule: '64x1', epochs: 0, freezeEpochs: 1 }, 10)).toThrow(/epochs/);
  });
});

describe('etaSeconds', () => {
  const plan = planEpochs({ schedule: '32x1,64x1', epochs: 1, freezeEpochs: 1 }, 30).perEpoch;
  it('counts the rest of this epoch and later epochs scaled by pixel count', () => {
    // epoch 0 at 32 px: 20 train left + 10/3 valid; epoch 1 at 64 px: 4× (30 + 10/3)
    const eta = etaSeconds({ plan, epoch: 0, batchesDone: 1, batchSize: 10, trainImages: 30, validImages: 10, imagesPerSecond: 10 });
    expect(eta).toBeCloseTo((20 + 10 / 3 + 4 * (30 + 10 / 3)) / 10, 6);
  });
  it('is unknown without a rate', () => {
    expect(etaSeconds({ plan, epoch: 0, batchesDone: 0, batchSize: 10, trainImages: 30, validImages: 10, imagesPerSecond: 0 })).toBeNull();
  });
});
