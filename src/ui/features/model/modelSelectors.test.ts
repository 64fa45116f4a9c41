import { beforeEach, describe, expect, it } from 'vitest';
import type { Evaluation } from '../../../shared/eval/types';
import { trainedOrigin, UNTRAINED, type ModelOrigin } from '../../../shared/modelOrigin';
import type { TrainEpoch, TrainPlanInfo } from '../../../shared/protocol';
import type { RunRecord } from '../../../shared/storage/runsDb';
import { RECIPE_DEFAULTS } from '../../../shared/train/recipe';
import { resetStore, useStore } from '../../store';
import { evaluationOfRun, liveRunOf, modelRunOf, shownRunOf, type LiveRun } from './modelSelectors';

const plan = (n: number): TrainPlanInfo => ({
  classNames: ['a', 'b'], trainImages: 16, validImages: 4, stepsPerEpoch: 2, warnings: [], stages: [{ size: 32, epochs: n }],
  perEpoch: Array.from({ length: n }, () => ({ phase: 'unfrozen' as const, size: 32, stage: 0 })),
});
const epoch = (i: number, loss: number, acc: number): TrainEpoch => ({
  phase: 'unfrozen', epoch: i, trainLoss: 1, validLoss: loss, validAccuracy: acc, seconds: 1, memory: { numTensors: 1, numBytes: 1 }, size: 32, stage: 0,
});
// Run A: one epoch, stored. Run B: two epochs, live in this tab; its model is the one in use.
const runA: RunRecord = {
  id: 'run-a', dataset: 'p', createdAt: 1, updatedAt: 1, recipe: { ...RECIPE_DEFAULTS, schedule: '32x1' }, plan: plan(1), status: 'done',
  epochs: [epoch(0, 0.8, 0.4)], lossPoints: [{ step: 0, loss: 2, smoothLoss: 2 }], bestEpoch: 0, keptEpoch: 0, summary: null,
  checkpointEpoch: null, backend: 'wasm', backbone: 'resnet50-tiny', trainSeconds: 1, message: null,
};
const liveB: LiveRun = {
  runId: 'run-b', state: 'done', epochs: [epoch(0, 0.5, 0.6), epoch(1, 0.6, 0.9)], lossPoints: [{ step: 3, loss: 1, smoothLoss: 1 }],
  plan: plan(2), recipe: { ...RECIPE_DEFAULTS, schedule: '32x2' }, stopped: false, keptEpoch: 1,
};
const originB = trainedOrigin({
  runId: 'run-b', recipe: liveB.recipe!, plan: liveB.plan!, epochs: liveB.epochs, keptEpoch: 1, stopped: false, normalization: 'caffe', inputSize: 32, dataBarCrop: true,
});

describe('which run a screen shows', () => {
  beforeEach(() => resetStore());

  it('the Train step shows the viewed run whole, or the live one whole, never a mix', () => {
    const viewed = shownRunOf(liveB, runA);
    expect(viewed).toMatchObject({ viewed: runA, kept: 0, stopped: false, bestSoFar: null });
    expect(viewed.epochs).toBe(runA.epochs);
    expect(viewed.lossPoints).toBe(runA.lossPoints);
    const live = shownRunOf(liveB, null);
    expect(live).toMatchObject({ viewed: null, kept: 1, stopped: false, bestSoFar: null });
    expect(live.epochs).toBe(liveB.epochs);
  });

  it('tags nothing as kept while a run goes on (or failed), only the best so far', () => {
    expect(shownRunOf({ ...liveB, state: 'running', keptEpoch: null }, null)).toMatchObject({ kept: null, bestSoFar: 0 });
    expect(shownRunOf({ ...liveB, state: 'error', keptEpoch: null }, null)).toMatchObject({ kept: null });
    expect(shownRunOf(liveB, { ...runA, status: 'running', keptEpoch: null })).toMatchObject({ kept: null, bestSoFar: 0 });
    // a stopped run: its kept epoch, and it says it was stopped
    expect(shownRunOf({ ...liveB, stopped: true, keptEpoch: 0 }, null)).toMatchObject({ kept: 0, stopped: true });
  });

  it("Evaluate and the report follow the model's origin, not the viewed run", () => {
    expect(modelRunOf(originB, liveB, [runA])).toMatchObject({ runId: 'run-b', epochs: liveB.epochs, recipe: liveB.recipe });
    // a model kept in the project (a bundle naming its run) after a reload: that run's stored record
    const kept: ModelOrigin = { kind: 'bundle', name: 'Run A', url: null, runId: 'run-a', keptEpoch: 0, validAccuracy: 0.4 };
    const idle: LiveRun = { ...liveB, runId: null, epochs: [], lossPoints: [], plan: null, recipe: null, state: 'idle', keptEpoch: null };
    expect(modelRunOf(kept, idle, [runA])).toMatchObject({ runId: 'run-a', epochs: runA.epochs, lossPoints: runA.lossPoints, plan: runA.plan });
    expect(modelRunOf({ ...kept, runId: null }, idle, [runA])).toBeNull();
    expect(modelRunOf(UNTRAINED, liveB, [runA])).toBeNull();
    // the run's record deleted: the origin's own history still draws the curves
    const gone = modelRunOf(originB, idle, []);
    expect(gone?.epochs.map((e) => e.validAccuracy)).toEqual([0.6, 0.9]);
    expect(gone?.recipe?.schedule).toBe('32x2');
  });

  it("takes the evaluation only when it is of the model's run", () => {
    const e: Evaluation = { runId: 'run-b', classNames: ['a', 'b'], split: 'valid', size: 32, items: [], ttaItems: null, createdAt: 1 };
    expect(evaluationOfRun(e, 'run-b')).toBe(e);
    expect(evaluationOfRun(e, 'run-a')).toBeNull();
    expect(evaluationOfRun({ ...e, runId: null }, null)).toBeNull();
  });

  it("viewing a stored run leaves the live run's fields as they were", () => {
    const s = useStore.getState();
    s.trainRunStarted('run-b', [], []);
    s.trainEpochEnded(liveB.epochs[0]);
    s.trainEpochEnded(liveB.epochs[1]);
    s.trainFinished(false, 0);
    s.trainKept(1);
    const before = liveRunOf(useStore.getState());
    useStore.getState().runViewed(runA);
    expect(useStore.getState().viewedRun).toBe(runA);
    expect(liveRunOf(useStore.getState())).toEqual(before);
    expect(useStore.getState().bestEpoch).toBe(0);
    useStore.getState().runsLoaded([{ ...runA, message: 'updated' }]);
    expect(useStore.getState().viewedRun?.message).toBe('updated');
    useStore.getState().runsLoaded([]);
    expect(useStore.getState().viewedRun).toBeNull();
  });
});
