import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { FromWorker, TrainEpoch, TrainPlanInfo } from '../../shared/protocol';
import { RECIPE_DEFAULTS } from '../../shared/train/recipe';
import type { Classifier } from '../model/classifier';
import type { AdamW } from './optimizer';

// Storage full while checkpointing: the IndexedDB calls and the tensor capture are replaced by fakes.
const db = vi.hoisted(() => ({ saveCheckpoint: vi.fn(), putRun: vi.fn(), deleteCheckpoint: vi.fn(), getCheckpoint: vi.fn() }));
vi.mock('../../shared/storage/runsDb', async (orig) => ({ ...(await orig<object>()), ...db }));
vi.mock('./checkpoint', () => ({
  captureState: async () => ({
    weights: { data: new ArrayBuffer(3_000_000), specs: [] },
    optimizer: { data: new ArrayBuffer(6_000_000), specs: [] },
  }),
}));
const { RunRecorder } = await import('./runRecorder');

const plan: TrainPlanInfo = {
  classNames: ['a', 'b'], trainImages: 16, validImages: 4, stepsPerEpoch: 2, warnings: [], stages: [{ size: 32, epochs: 3 }],
  perEpoch: [0, 1, 2].map(() => ({ phase: 'unfrozen' as const, size: 32, stage: 0 })),
};
const epoch = (i: number, validLoss: number): TrainEpoch => ({
  phase: 'unfrozen', epoch: i, trainLoss: 1, validLoss, validAccuracy: 0.5, seconds: 1, memory: { numTensors: 1, numBytes: 1 }, size: 32, stage: 0,
});
const c = {} as Classifier;
const o = {} as AdamW;

describe('RunRecorder when storage is full', () => {
  beforeEach(() => {
    vi.clearAllMocks();
    db.putRun.mockResolvedValue(undefined);
  });

  it('says how much the checkpoint needed, turns checkpoints off, and training goes on', async () => {
    db.saveCheckpoint.mockRejectedValue(new DOMException('full', 'QuotaExceededError'));
    const posted: FromWorker[] = [];
    const r = new RunRecorder(RunRecorder.create({ id: 'r', dataset: 'default', recipe: RECIPE_DEFAULTS, plan, backend: 'cpu', backbone: 'x', datasetRevision: 0 }), (m) => posted.push(m));
    await r.afterEpoch(epoch(0, 0.9), { epoch: 1, step: 2 }, c, o);
    expect(posted).toHaveLength(1);
    expect(posted[0]).toMatchObject({ type: 'trainNotice', level: 'warning' });
    expect((posted[0] as { message: string }).message).toMatch(/Storage is full: the checkpoint of epoch 0 needs 9\.0 MB.*without checkpoints/);
    expect(r.run.checkpointEpoch).toBeNull();
    await r.afterEpoch(epoch(1, 0.5), { epoch: 2, step: 4 }, c, o);
    expect(db.saveCheckpoint).toHaveBeenCalledTimes(1);
    expect(r.run.epochs.map((e) => e.epoch)).toEqual([0, 1]);
    expect(r.run.bestEpoch).toBe(1);
    expect(r.best?.epoch).toBe(1);
  });

  it('writes the checkpoint with the history and keeps the best epoch\'s weights when a later one is worse', async () => {
    db.saveCheckpoint.mockResolvedValue(undefined);
    const r = new RunRecorder(RunRecorder.create({ id: 'r', dataset: 'default', recipe: RECIPE_DEFAULTS, plan, backend: 'cpu', backbone: 'x', datasetRevision: 0 }), () => undefined);
    await r.afterEpoch(epoch(0, 0.4), { epoch: 1, step: 2 }, c, o);
    await r.afterEpoch(epoch(1, 0.6), { epoch: 2, step: 4 }, c, o);
    const [run, checkpoint] = db.saveCheckpoint.mock.calls[1];
    expect(run).toMatchObject({ checkpointEpoch: 1, bestEpoch: 0 });
    expect(run.epochs).toHaveLength(2);
    expect(checkpoint).toMatchObject({ runId: 'r', epoch: 1, next: { epoch: 2, step: 4 }, best: { epoch: 0, validLoss: 0.4 } });
    expect(checkpoint.best.weights.data.byteLength).toBe(3_000_000);
    expect(checkpoint.bytes).toBe(12_000_000);
  });

  it('test fault slow-checkpoint@1: only epoch 1\'s write is held open, and the page is told when it is', async () => {
    db.saveCheckpoint.mockImplementation(async (_run: unknown, _c: unknown, hold?: { onHeld: () => void }) => hold?.onHeld());
    const posted: FromWorker[] = [];
    const create = RunRecorder.create({ id: 'r', dataset: 'default', recipe: RECIPE_DEFAULTS, plan, backend: 'cpu', backbone: 'x', datasetRevision: 0 });
    const r = new RunRecorder(create, (m) => posted.push(m), (e) => e === 1);
    await r.afterEpoch(epoch(0, 0.4), { epoch: 1, step: 2 }, c, o);
    expect(db.saveCheckpoint.mock.calls[0][2]).toBeUndefined();
    await r.afterEpoch(epoch(1, 0.3), { epoch: 2, step: 4 }, c, o);
    expect(db.saveCheckpoint.mock.calls[1][2]).toMatchObject({ ms: 15_000 });
    expect(posted).toEqual([expect.objectContaining({ type: 'trainNotice', message: expect.stringMatching(/slow-checkpoint@1\): the checkpoint of epoch 1 is being written/) })]);
  });
});
