import { describe, expect, it } from 'vitest';
import type { TrainEpoch, TrainPlanInfo } from '../../../shared/protocol';
import type { RunRecord } from '../../../shared/storage/runsDb';
import { RECIPE_DEFAULTS } from '../../../shared/train/recipe';
import { compareRows, recipeSummary, resumableRun, runRow } from './runsSelectors';

const plan: TrainPlanInfo = {
  classNames: ['a', 'b'], trainImages: 16, validImages: 4, stepsPerEpoch: 2, warnings: [], stages: [{ size: 32, epochs: 3 }],
  perEpoch: [0, 1, 2].map((i) => ({ phase: i === 0 ? 'frozen' : 'unfrozen', size: 32, stage: 0 })),
};
const epoch = (i: number, loss: number, acc: number): TrainEpoch => ({
  phase: 'unfrozen', epoch: i, trainLoss: 1, validLoss: loss, validAccuracy: acc, seconds: 1, memory: { numTensors: 1, numBytes: 1 }, size: 32, stage: 0,
});
const run = (id: string, o: Partial<RunRecord> = {}): RunRecord => ({
  id, dataset: 'default', createdAt: Date.UTC(2026, 0, 2, 3, 4), updatedAt: 0, recipe: { ...RECIPE_DEFAULTS, schedule: '32x3', batchSize: 8, seed: 1 },
  plan, status: 'done', epochs: [epoch(0, 0.9, 0.5), epoch(1, 0.5, 0.7), epoch(2, 0.6, 0.8)], lossPoints: [], bestEpoch: 1, keptEpoch: 2, summary: null,
  checkpointEpoch: null, backend: 'webgl', backbone: 'resnet50-tiny', trainSeconds: 12.4, message: null, ...o,
});

describe('runs list selectors', () => {
  it('summarises a run with its best epoch by validation loss', () => {
    const r = runRow(run('a'));
    expect(r).toMatchObject({ epochs: '3/3', bestEpoch: 1, bestLossValue: '0.5000', bestAccuracyValue: '0.7000', status: 'done' });
    expect(recipeSummary(run('a').recipe)).toBe('32x3 · bs 8 · lr 0.002 · freeze 1 · seed 1');
    expect(runRow(run('b', { bestEpoch: null })).bestLoss).toBe('—');
  });

  it("names the kept epoch from 1 with its own valid_loss (not the best epoch's) and why it was kept", () => {
    const done = runRow(run('a'));
    expect(done).toMatchObject({ keptEpoch: '3', keptLoss: '0.6000', keptLast: true, keptAccuracyValue: '0.8000' });
    expect(done.keptWhy).toMatch(/completed: its last epoch/);
    const stopped = runRow(run('s', { status: 'stopped', keptEpoch: 1 }));
    expect(stopped).toMatchObject({ keptEpoch: '2', keptLoss: '0.5000', keptLast: false, keptAccuracyValue: '0.7000' });
    expect(stopped.keptWhy).toMatch(/lowest valid_loss/);
    expect(compareRows([run('a')]).find((r) => r.label === 'lowest valid_loss at epoch')?.values).toEqual(['2']);
  });

  it('offers to resume an interrupted run with a checkpoint, but not the one this tab is training', () => {
    const interrupted = run('i', { status: 'running', checkpointEpoch: 0, epochs: [epoch(0, 0.9, 0.5)] });
    const noCheckpoint = run('n', { status: 'running', checkpointEpoch: null });
    const finished = run('f');
    expect(resumableRun([noCheckpoint, finished, interrupted], null, 'idle')?.id).toBe('i');
    expect(resumableRun([interrupted], 'i', 'running')).toBeNull();
    expect(resumableRun([interrupted], 'i', 'error')?.id).toBe('i');
    // a checkpoint of the last epoch has nothing left to run
    expect(resumableRun([run('l', { status: 'running', checkpointEpoch: 2 })], null, 'idle')).toBeNull();
  });

  it('lays runs side by side', () => {
    const rows = compareRows([run('a'), run('b', { recipe: { ...RECIPE_DEFAULTS, batchSize: 16 }, bestEpoch: 2 })]);
    const get = (label: string) => rows.find((r) => r.label === label)!.values;
    expect(get('bs')).toEqual(['8', '16']);
    expect(get('best valid_loss')).toEqual(['0.5000', '0.6000']);
    expect(get('last accuracy')).toEqual(['0.8000', '0.8000']);
    expect(get('train time')).toEqual(['12 s', '12 s']);
  });
});
