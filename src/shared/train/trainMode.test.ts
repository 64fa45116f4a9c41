import { describe, expect, it } from 'vitest';
import { planEpochs } from './recipe';
import { defaultFreezeEpochs, defaultMode, estimateModes, fastEpochs, featureCacheBytes, type ProbeResult } from './trainMode';

describe('defaultMode', () => {
  it('is fast without a real GPU and full with one', () => {
    expect(defaultMode({ backend: 'wasm', software: false })).toBe('fast');
    expect(defaultMode({ backend: 'cpu', software: false })).toBe('fast');
    expect(defaultMode({ backend: 'webgl', software: true })).toBe('fast');
    expect(defaultMode({ backend: 'webgpu', software: false })).toBe('full');
    expect(defaultMode(null)).toBe('full');
  });
  it('never defaults to fast mode (frozen random features) without pretrained weights', () => {
    expect(defaultMode({ backend: 'wasm', software: false }, false)).toBe('full');
    expect(defaultMode({ backend: 'webgl', software: true }, false)).toBe('full');
    expect(defaultMode({ backend: 'wasm', software: false }, true)).toBe('fast');
    expect(defaultFreezeEpochs(false, 1)).toBe(0);
    expect(defaultFreezeEpochs(true, 1)).toBe(1);
  });
});

describe('fastEpochs', () => {
  it('keeps the number of epochs, all head-only at the last size', () => {
    const plan = planEpochs({ schedule: '32x2,48x1', epochs: null, freezeEpochs: 1 }, 60).perEpoch;
    expect(fastEpochs(plan)).toEqual([0, 1, 2].map(() => ({ phase: 'frozen', size: 48, stage: 1 })));
  });
});

describe('estimateModes', () => {
  const plan = planEpochs({ schedule: '32x1,64x1', epochs: 1, freezeEpochs: 1 }, 10).perEpoch; // frozen@32, unfrozen@64
  const probe: ProbeResult = {
    backend: 'wasm', trainBackend: 'webgl', trainMeasured: false,
    timings: [{ size: 32, forwardMs: 10, trainMs: 400 }, { size: 64, forwardMs: 40, trainMs: 1600 }],
  };
  it('costs full mode per epoch and fast mode per view at the last size', () => {
    const e = estimateModes({ plan, trainImages: 10, validImages: 5, views: 8, probe });
    // full: frozen@32: 10 × 400/3 + 5 × 400/3; unfrozen@64: 10 × 1600 + 5 × 1600/3
    expect(e.fullSeconds).toBeCloseTo((15 * 400 / 3 + 16000 + 5 * 1600 / 3) / 1000, 6);
    // fast: (10 × 8 + 5) forwards at 64 px, + 2%
    expect(e.fastSeconds).toBeCloseTo((85 * 40 * 1.02) / 1000, 6);
    expect(e.note).toMatch(/rough/);
    expect(e.fastSeconds).toBeLessThan(e.fullSeconds);
  });
  it('scales an unprobed size by pixel count from the nearest probed one', () => {
    const one: ProbeResult = { ...probe, trainMeasured: true, timings: [{ size: 32, forwardMs: 10, trainMs: 300 }] };
    const e = estimateModes({ plan, trainImages: 10, validImages: 0, views: 1, probe: one });
    expect(e.fastSeconds).toBeCloseTo((10 * 40 * 1.02) / 1000, 6);
    expect(e.note).toMatch(/timed on webgl/);
  });
});

describe('estimateModes with the pipeline probe', () => {
  it('adds decoding to both modes and costs fast mode per view, per decode and per head step', () => {
    const plan = planEpochs({ schedule: '32x2', epochs: null, freezeEpochs: 1 }, 16).perEpoch; // frozen@32, unfrozen@32
    const probe: ProbeResult = {
      backend: 'wasm', trainBackend: 'webgl', trainMeasured: true,
      timings: [{ size: 32, forwardMs: 1, trainMs: 30 }],
      fast: { size: 32, decodeMs: 2, viewMs: 1.5, headStepMs: 4 },
    };
    const e = estimateModes({ plan, trainImages: 16, validImages: 4, views: 8, probe, batchSize: 8 });
    // 2 epochs × (16 images × 8 views / batch 8) head steps: every cached view once per epoch
    expect(e.fastSeconds).toBeCloseTo((20 * 2 + (16 * 8 + 4) * 1.5 + 2 * 16 * 4) / 1000, 6);
    expect(e.fullSeconds).toBeCloseTo((16 * (10 + 2) + 4 * (10 + 2) + 16 * (30 + 2) + 4 * (10 + 2)) / 1000, 6);
  });
});

describe('featureCacheBytes', () => {
  it('is one 2×channels float vector per view', () => {
    expect(featureCacheBytes(1000, 8, 200, 2048)).toBe((8000 + 200) * 4096 * 4);
  });
});
