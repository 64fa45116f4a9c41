import { describe, expect, it } from 'vitest';
import type { TrainEpoch, TrainPlanInfo, TrainProgress } from '../../../shared/protocol';
import { epochRows, trainBlocker, trainFraction, trainStatusAttrs } from './trainSelectors';
import { appendLossPoint, MAX_LOSS_POINTS } from './trainSlice';

const plan: TrainPlanInfo = {
  classNames: ['a', 'b'], trainImages: 16, validImages: 4, stepsPerEpoch: 2, warnings: [],
  stages: [{ size: 32, epochs: 2 }, { size: 48, epochs: 1 }],
  perEpoch: [{ phase: 'frozen', size: 32, stage: 0 }, { phase: 'unfrozen', size: 32, stage: 0 }, { phase: 'unfrozen', size: 48, stage: 1 }],
};
const memory = { numTensors: 1, numBytes: 1 };
const progress = (epoch: number, batch: number): TrainProgress => ({
  phase: 'unfrozen', epoch, batch, step: epoch * 2 + batch, loss: 1, smoothLoss: 1, lrs: [1e-3], beta1: 0.9, batchSize: 8,
  imageSize: plan.perEpoch[epoch].size, inputShape: [8, plan.perEpoch[epoch].size, plan.perEpoch[epoch].size, 3], ms: 100, memory, imagesPerSecond: 80, etaSeconds: 1,
});
const epochEvent = (epoch: number, acc: number | null): TrainEpoch => ({
  phase: 'unfrozen', epoch, trainLoss: 0.51234, validLoss: acc === null ? null : 0.4, validAccuracy: acc, seconds: 2.25, memory,
  size: plan.perEpoch[epoch].size, stage: plan.perEpoch[epoch].stage,
});

describe('train selectors', () => {
  it('gives the status attributes: 1-based epoch and stage, the stage size', () => {
    expect(trainStatusAttrs(null, null, [])).toEqual({ epoch: 0, stage: 0, size: 0 });
    expect(trainStatusAttrs(plan, progress(0, 1), [])).toEqual({ epoch: 1, stage: 1, size: 32 });
    expect(trainStatusAttrs(plan, progress(2, 0), [epochEvent(0, 0.5), epochEvent(1, 0.6)])).toEqual({ epoch: 3, stage: 2, size: 48 });
  });

  it('measures progress in batches over the whole run', () => {
    expect(trainFraction(plan, null, 'running')).toBe(0);
    expect(trainFraction(plan, progress(1, 0), 'running')).toBeCloseTo(3 / 6);
    expect(trainFraction(plan, progress(1, 0), 'done')).toBe(1);
  });

  it('formats the epoch table and marks the best epoch', () => {
    const rows = epochRows([epochEvent(0, 0.5), epochEvent(1, null)], 0);
    expect(rows[0]).toMatchObject({ trainLoss: '0.5123', validAccuracy: '0.5000', accuracyValue: '0.5000', seconds: '2.3', best: true, size: 32 });
    expect(rows[1]).toMatchObject({ validLoss: '—', accuracyValue: '', best: false });
  });

  it('says why training cannot start', () => {
    const ok = { ready: true, modelReady: true, classes: 3, trainImages: 10, state: 'idle' as const };
    expect(trainBlocker(ok)).toBeNull();
    expect(trainBlocker({ ...ok, classes: 0 })).toMatch(/Import a dataset/);
    expect(trainBlocker({ ...ok, classes: 1 })).toMatch(/at least two classes/);
    expect(trainBlocker({ ...ok, state: 'running' })).toMatch(/running/);
    expect(trainBlocker({ ...ok, ready: false })).toMatch(/worker/);
    expect(trainBlocker({ ...ok, saving: true })).toMatch(/Saving the label changes/);
  });

  it('thins old loss points past the cap', () => {
    let pts: ReturnType<typeof appendLossPoint> = [];
    for (let i = 0; i < MAX_LOSS_POINTS + 1; i++) pts = appendLossPoint(pts, { step: i, loss: 1, smoothLoss: 1 });
    expect(pts.length).toBeLessThanOrEqual(MAX_LOSS_POINTS);
    expect(pts[pts.length - 1].step).toBe(MAX_LOSS_POINTS);
    expect(pts[0].step).toBe(0);
  });
});
