import { afterEach, describe, expect, it } from 'vitest';
import type { FromWorker, TrainEpoch } from '../../shared/protocol';
import type { Classifier } from '../model/classifier';
import { recorderCallback } from './callbacks';
import { armFaults, INFLATED_VALID_LOSS } from './deviceRecovery';
import type { AdamW } from './optimizer';
import type { RunRecorder } from './runRecorder';

afterEach(() => armFaults([]));

async function runEpochs(losses: number[]): Promise<{ posted: (number | null)[]; recorded: (number | null)[] }> {
  const posted: (number | null)[] = [];
  const recorded: (number | null)[] = [];
  const recorder = { addLossPoint: () => undefined, afterEpoch: async (e: TrainEpoch) => void recorded.push(e.validLoss) } as unknown as RunRecorder;
  const cb = recorderCallback({
    recorder, perEpoch: losses.map(() => ({ phase: 'unfrozen' as const, size: 32, stage: 0 })), classifier: {} as Classifier, optimizer: {} as AdamW,
    post: (m: FromWorker) => {
      if (m.type === 'trainEpoch') posted.push(m.epoch.validLoss);
    },
  });
  for (const [i, validLoss] of losses.entries()) {
    await cb.afterEpoch!({ phase: 'unfrozen', epoch: i, trainLoss: 1, validLoss, validAccuracy: 0.5, seconds: 1, memory: { numTensors: 1, numBytes: 1 } }, { epoch: i + 1, step: 0 });
  }
  return { posted, recorded };
}

describe('the recorder callback', () => {
  it('posts and records the validation loss as measured', async () => {
    expect(await runEpochs([0.5, 0.4, 0.3])).toEqual({ posted: [0.5, 0.4, 0.3], recorded: [0.5, 0.4, 0.3] });
  });

  it('TEST ONLY ?fault=inflate-valid-loss@1: epoch 1 and later report a higher loss, so the best epoch is 0', async () => {
    armFaults([{ kind: 'inflate-valid-loss', step: 1 }]);
    const { posted, recorded } = await runEpochs([0.5, 0.4, 0.3]);
    expect(posted).toEqual([0.5, 0.4 + INFLATED_VALID_LOSS, 0.3 + INFLATED_VALID_LOSS]);
    expect(recorded).toEqual(posted); // the best-epoch keeper sees what the table shows
  });
});
