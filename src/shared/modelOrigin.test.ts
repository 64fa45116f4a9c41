import { describe, expect, it } from 'vitest';
import {
  bundleName, bundleOrigin, describeOrigin, describeSizeRuns, keptReason, lowestLossEpoch, originAccuracy, originKeptEpoch, originRunId, scheduleOf, sizeRuns,
  trainedHere, trainedOrigin, UNTRAINED, type ModelOrigin,
} from './modelOrigin';
import { RECIPE_DEFAULTS } from './train/recipe';

const epoch = (i: number, size: number, validLoss: number | null, validAccuracy: number | null) => ({
  epoch: i, phase: 'unfrozen', size, trainLoss: 1, validLoss, validAccuracy, seconds: 3, memory: { numTensors: 9, numBytes: 9 },
});
const plan = { trainImages: 40, validImages: 10, perEpoch: [{ size: 32 }, { size: 32 }, { size: 48 }] };

describe('model origin', () => {
  it('groups sizes as run and writes them in schedule notation and in words', () => {
    expect(sizeRuns([32, 32, 48, 48, 48, 32])).toEqual([{ size: 32, epochs: 2 }, { size: 48, epochs: 3 }, { size: 32, epochs: 1 }]);
    expect(sizeRuns([])).toEqual([]);
    expect(scheduleOf(sizeRuns([32, 32, 48]))).toBe('32x2,48x1');
    expect(describeSizeRuns(sizeRuns([32, 32, 48]))).toBe('2 at 32 px, 1 at 48 px');
  });

  it('finds the lowest validation loss, ignoring missing and non-finite ones', () => {
    expect(lowestLossEpoch([epoch(0, 32, 0.9, 0), epoch(1, 32, 0.4, 0), epoch(2, 48, 0.5, 0)])).toBe(1);
    expect(lowestLossEpoch([epoch(0, 32, null, null), epoch(1, 32, Number.NaN, 0)])).toBeNull();
  });

  it("builds a run's origin with the kept epoch's metrics (not the last's), the plan run and stripped history", () => {
    const o = trainedOrigin({
      runId: 'run-a', recipe: RECIPE_DEFAULTS, plan, epochs: [epoch(0, 32, 0.9, 0.5), epoch(1, 32, 0.4, 0.8)], keptEpoch: 0, stopped: true,
      normalization: 'caffe', inputSize: 32, dataBarCrop: false,
    });
    expect(o.metrics).toEqual({ epoch: 0, trainLoss: 1, validLoss: 0.9, validAccuracy: 0.5 });
    expect(o.planned).toEqual([{ size: 32, epochs: 2 }, { size: 48, epochs: 1 }]);
    expect(o.epochs[1]).toEqual({ epoch: 1, phase: 'unfrozen', size: 32, trainLoss: 1, validLoss: 0.4, validAccuracy: 0.8 });
    expect(o.preprocessing).toEqual({ normalization: 'caffe', inputSize: 32, dataBarCrop: false });
    expect(originRunId(o)).toBe('run-a');
    expect(originKeptEpoch(o)).toBe(0);
    expect(originAccuracy(o)).toBe(0.5);
    expect(trainedHere({ origin: o })).toBe(true);
    expect(() => trainedOrigin({ ...o, plan, epochs: [epoch(0, 32, 1, 1)], keptEpoch: 3, normalization: 'caffe', inputSize: 32, dataBarCrop: null }))
      .toThrow(/kept epoch 3/);
  });

  it("reads a bundle's origin from its bundle.json, older bundles (no kept epoch, no run) included", () => {
    const epochs = [{ epoch: 0, phase: 'frozen', size: 32, trainLoss: 1, validLoss: 1, validAccuracy: 0.5 }, { epoch: 1, phase: 'unfrozen', size: 32, trainLoss: 1, validLoss: 1, validAccuracy: 0.6 }];
    const training = { recipe: {}, trainImages: 1, validImages: 1, stopped: false, epochs };
    const b = bundleOrigin({ name: 'kept', training: { ...training, keptEpoch: 0, runId: 'run-b' }, metrics: { validAccuracy: 0.5 } }, null);
    expect(b).toEqual({ kind: 'bundle', name: 'kept', url: null, runId: 'run-b', keptEpoch: 0, validAccuracy: 0.5 });
    expect(bundleOrigin({ name: 'old', training, metrics: null }, 'https://x/m.zip')).toMatchObject({ runId: null, keptEpoch: 1, validAccuracy: null, url: 'https://x/m.zip' });
    expect(bundleOrigin({ name: 'bare', training: null, metrics: null }, null)).toMatchObject({ runId: null, keptEpoch: null });
    expect(bundleName({ origin: b })).toBe('kept');
    expect(trainedHere({ origin: b })).toBe(false);
    expect(originRunId(b)).toBe('run-b');
  });

  it('has nothing to say about an untrained model', () => {
    const u: ModelOrigin = UNTRAINED;
    expect([originRunId(u), originKeptEpoch(u), originAccuracy(u), bundleName({ origin: u })]).toEqual([null, null, null, null]);
    expect(trainedHere(null)).toBe(false);
  });

  it('describes the origin in one line', () => {
    const o = trainedOrigin({
      runId: 'r', recipe: RECIPE_DEFAULTS, plan, epochs: [epoch(0, 32, 0.9, 0.5), epoch(1, 32, 0.4, 0.8), epoch(2, 48, 0.6, 0.75)], keptEpoch: 2, stopped: false,
      normalization: 'caffe', inputSize: 48, dataBarCrop: null,
    });
    expect(describeOrigin(o)).toBe('trained here: 3 epochs (2 at 32 px, 1 at 48 px), weights of epoch 3 (the run completed: its last epoch, as fastai keeps), validation accuracy 75.0 %');
    expect(describeOrigin({ kind: 'bundle', name: 'm', url: null, runId: null, keptEpoch: 0, validAccuracy: null })).toBe('bundle “m”, weights of epoch 1 of its run');
    expect(describeOrigin(UNTRAINED)).toBe('untrained head');
  });

  it('says why an epoch was kept by the one rule', () => {
    expect(keptReason(false)).toMatch(/completed: its last epoch/);
    expect(keptReason(true)).toMatch(/lowest valid_loss/);
    expect(keptReason(true, false)).toMatch(/nothing validated: the last epoch/);
  });
});
