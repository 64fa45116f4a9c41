import { describe, expect, it } from 'vitest';
import { planEpochs, RECIPE_DEFAULTS } from '../../src/shared/train/recipe';
import { formatReport, nffaEstimate, PRECISE_BN_IMAGES, ratios } from './report';
import { checkKitResult, KIT_SCHEMA, type KitResult, type Measure, type Phase, type TorchMeasure } from './schema';

function m(phase: Phase, size: number, batch: number, ips: number | null): Measure {
  return {
    size, batch, phase, imagesPerSecond: ips, medianMs: ips ? (batch / ips) * 1000 : null, minMs: null, steps: 3, firstStepMs: 100,
    compileMs: 50, memory: { tfjsInUseBytes: 1, tfjsAllocatedBytes: 2 ** 20, dawnPeakBytes: 3 * 2 ** 20, numTensors: 10 }, gpuErrors: [],
    ...(ips === null ? { error: 'out of memory' } : {}),
  };
}

const all = (batch: number, fwd: (s: number) => number, train: (s: number) => number): Measure[] =>
  [64, 128, 224].flatMap((s) => [m('forward', s, batch, fwd(s)), m('frozen', s, batch, 2 * train(s)), m('full', s, batch, train(s))]);

describe('nffaEstimate', () => {
  it('costs every planned epoch of the default fine_tune at its phase and size', () => {
    const measures = all(16, (s) => 64_000 / s, (s) => 16_000 / s);
    const est = nffaEstimate(measures, 16);
    expect(est.trainImages).toBe(14_880);
    expect(est.validImages).toBe(3_720);
    const plan = planEpochs(RECIPE_DEFAULTS, 14_880);
    expect(est.schedule).toBe('64x4,128x2,224x1');
    expect(est.epochs.map((e) => [e.phase, e.size])).toEqual(plan.perEpoch.map((e) => [e.phase, e.size]));
    let expected = 0;
    for (const e of plan.perEpoch) {
      const train = e.phase === 'frozen' ? 32_000 / e.size : 16_000 / e.size;
      expected += 14_880 / train + (3_720 + (e.phase === 'unfrozen' ? PRECISE_BN_IMAGES : 0)) / (64_000 / e.size);
    }
    expect(est.seconds).toBeCloseTo(expected, 6);
    expect(est.note).toBeUndefined();
  });

  it('scales an unmeasured size by pixel count from the nearest measured one, and says so', () => {
    const measures = [m('forward', 32, 2, 100), m('frozen', 32, 2, 50), m('full', 32, 2, 10)];
    const est = nffaEstimate(measures, 2);
    const at224 = est.epochs.find((e) => e.size === 224)!;
    expect(at224.scaledFrom).toBe(32);
    expect(at224.seconds).toBeCloseTo(14_880 / (10 / 49) + (3_720 + PRECISE_BN_IMAGES) / (100 / 49), 6);
    expect(est.note).toMatch(/scaled/);
  });

  it('gives no total when a phase failed or was not measured at that batch', () => {
    const measures = all(16, () => 100, () => 10).map((x) => (x.phase === 'full' && x.size === 224 ? m('full', 224, 16, null) : x));
    const est = nffaEstimate(measures, 16);
    // 224 full failed, so the nearest measured full speed (128 px) is scaled instead
    expect(est.epochs.find((e) => e.size === 224)!.scaledFrom).toBe(128);
    expect(nffaEstimate(measures, 32).seconds).toBeNull();
    expect(nffaEstimate(measures, 32).note).toMatch(/not measured/);
  });
});

describe('ratios and the report', () => {
  const measures = [m('forward', 64, 16, 200), m('full', 64, 16, 50)];
  const torch: TorchMeasure[] = [
    { mode: 'fp32-channels-last', size: 64, batch: 16, phase: 'full', imagesPerSecond: 500, firstStepMs: 1, peakBytes: 1 },
    { mode: 'bf16-autocast-channels-last', size: 64, batch: 16, phase: 'full', imagesPerSecond: 1000, firstStepMs: 1, peakBytes: 1 },
  ];

  it('divides tfjs images/s by those of PyTorch for the same size, batch and phase', () => {
    const r = ratios(measures, torch);
    expect(r[1]).toMatchObject({ phase: 'full', tfjs: 50, torchFp32: 500, torchBf16: 1000, ofFp32: 0.1, ofBf16: 0.05 });
    expect(r[0]).toMatchObject({ phase: 'forward', torchFp32: null, ofFp32: null });
  });

  const result: KitResult = {
    schema: KIT_SCHEMA,
    kit: { node: 'v20', tfjs: '4.22.0', webgpuPackage: '0.6.2', date: '', argv: [], tfjsFlags: {}, dawnFlags: [] },
    adapter: { vendor: 'nvidia', architecture: 'hopper', device: '', description: 'NVIDIA H200', software: false, timestampQuery: true, maxBufferSize: 1, maxStorageBufferBindingSize: 1 },
    config: { variant: 'resnet50', sizes: [64], batches: [16], phases: ['forward', 'full'], steps: 3, augment: true, classes: 10, budgetSeconds: 300 },
    measures, profiles: [{ size: 64, batch: 16, phase: 'full', kernelMs: 10, wallMs: 12, kernels: [{ kernel: 'Conv2DBackpropFilter', ms: 6, share: 0.6, calls: 53 }] }],
    experiments: [{ flags: { WEBGPU_USE_NAIVE_CONV2D_TRANSPOSE: false }, baseline: 50, measure: m('full', 64, 16, 60), speedup: 1.2 }],
    nffa: [nffaEstimate(measures, 16)], torch: { torch: '2.11', device: 'NVIDIA H200', results: torch }, ratios: ratios(measures, torch), skipped: ['224px/b64/full'], wallSeconds: 100,
  };

  it('accepts a well-formed result and names what is wrong in a bad one', () => {
    expect(checkKitResult(result)).toEqual([]);
    expect(checkKitResult(JSON.parse(JSON.stringify(result)))).toEqual([]);
    const bad = { ...result, measures: [{ ...measures[0], imagesPerSecond: null }], torch: { results: [] } };
    expect(checkKitResult(bad)).toEqual(['measures[0]: no speed and no error', 'torch: no results and no reason']);
    expect(checkKitResult({ ...result, schema: 'x' })[0]).toMatch(/schema/);
  });

  it('prints the speeds beside PyTorch, the dominant kernel and what was left out', () => {
    const text = formatReport(result);
    expect(text).toMatch(/\| 64 +\| 16 +\| full +\| 50\.0 .*\| 500\.0 +\| 1000\.0 +\| 0\.100 +\| 0\.050 +\|/);
    expect(text).toMatch(/Conv2DBackpropFilter \| 6\.0 +\| 60\.0 %/);
    expect(text).toContain('224px/b64/full');
    expect(text).toMatch(/WEBGPU_USE_NAIVE_CONV2D_TRANSPOSE=false \| 64 +\| 16 +\| 50\.0 +\| 60\.0 +\| 1\.20/);
  });
});
