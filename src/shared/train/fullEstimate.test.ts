import { describe, expect, it } from 'vitest';
import { costAtSize, fullSecondsFromSteps, preciseBnBatches, type StepTiming } from './fullEstimate';
import { planEpochs } from './recipe';
import { estimateModes, type ProbeResult } from './trainMode';

// SwiftShader WebGL, resnet50-tiny, batch 8 (bench/results): a per-step overhead plus a per-pixel cost
const at = (size: number): StepTiming => ({ size, batch: 8, stepMs: 377 + 0.1216 * size ** 2, forwardMs: 120 + 0.04 * size ** 2, warmupMs: 5000 });

describe('costAtSize', () => {
  it('uses a timed size as timed', () => {
    expect(costAtSize([at(32), at(64)], 64, 'stepMs')).toBe(at(64).stepMs);
  });
  it('fits overhead + per-pixel cost through two timed sizes, so it extrapolates without the pixel-count blow-up', () => {
    expect(costAtSize([at(32), at(64)], 128, 'stepMs')).toBeCloseTo(at(128).stepMs, 6);
    expect(costAtSize([at(32), at(64)], 48, 'forwardMs')).toBeCloseTo(at(48).forwardMs, 6);
    // pixel count from one size would say 4× at twice the side
    expect(costAtSize([at(32)], 64, 'stepMs')).toBeCloseTo(4 * at(32).stepMs, 6);
  });
  it('never extrapolates below the timed costs when a larger size timed faster (noise)', () => {
    const noisy = [at(32), { ...at(64), stepMs: at(32).stepMs - 10 }];
    expect(costAtSize(noisy, 128, 'stepMs')).toBe(at(32).stepMs);
  });
});

describe('fullSecondsFromSteps', () => {
  it("costs the run's batches: steps, PreciseBN and validation forwards, decoding, and compiling untimed sizes", () => {
    const plan = planEpochs({ schedule: '32x2,64x1', epochs: null, freezeEpochs: 0 }, 72).perEpoch;
    const s = fullSecondsFromSteps({ plan, trainImages: 72, validImages: 18, batchSize: 8, steps: [at(32)], decodeMs: 1 });
    // 9 steps, 3 validation batches, 9 PreciseBN batches per epoch; 64 px by pixel count from 32; one warm-up (64 px)
    const epoch = (k: number) => 9 * at(32).stepMs * k + 3 * at(32).forwardMs * k + 9 * at(32).forwardMs * k + (72 + 18 + 72);
    expect(s).toBeCloseTo((2 * epoch(1) + epoch(4) + 5000) / 1000, 6);
    expect(preciseBnBatches(9, 8)).toBe(9);
    expect(preciseBnBatches(1000, 8)).toBe(32);
  });
  it('scales per-batch costs to the run\'s batch size', () => {
    const plan = planEpochs({ schedule: '32x1', epochs: null, freezeEpochs: 0 }, 64).perEpoch;
    const a = fullSecondsFromSteps({ plan, trainImages: 64, validImages: 0, batchSize: 8, steps: [at(32)], decodeMs: 0 });
    const b = fullSecondsFromSteps({ plan, trainImages: 64, validImages: 0, batchSize: 16, steps: [at(32)], decodeMs: 0 });
    expect(b).toBeCloseTo(a, 6); // half the batches, each twice the cost
  });
});

describe('estimateModes with timed steps', () => {
  it('takes full mode from the steps and says where they were timed', () => {
    const plan = planEpochs({ schedule: '32x2,64x1', epochs: null, freezeEpochs: 0 }, 72).perEpoch;
    const probe: ProbeResult = {
      backend: 'wasm', trainBackend: 'webgl', trainMeasured: true, steps: [at(32), at(64)],
      timings: [{ size: 32, forwardMs: 1, trainMs: 1 }, { size: 64, forwardMs: 4, trainMs: 4 }],
    };
    const e = estimateModes({ plan, trainImages: 72, validImages: 18, views: 8, probe, batchSize: 8 });
    expect(e.fullSeconds).toBeCloseTo(fullSecondsFromSteps({ plan, trainImages: 72, validImages: 18, batchSize: 8, steps: probe.steps!, decodeMs: 0 }), 9);
    expect(e.note).toBe('full: training steps timed on webgl at 32, 64 px');
  });
});
