import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { TrainControl } from '../../shared/train/control';
import { fineTunePlan } from '../../shared/train/fineTune';
import { buildClassifier, type Classifier } from '../model/classifier';
import { buildResNet50 } from '../model/resnet50';
import { arrayBatchSource } from './batches';
import { captureState, restoreState, type TrainState } from './checkpoint';
import { fit, type FitPosition, type ImageFitOptions } from './fit';
import { layerGroups } from './layerGroups';
import { AdamW } from './optimizer';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

function brightDark(n: number, seed: number): { x: tf.Tensor4D; y: tf.Tensor2D } {
  return tf.tidy(() => {
    const labels = Array.from({ length: n }, (_, i) => i % 2);
    const means = tf.tensor4d(labels.map((l) => (l === 0 ? 50 : 200)), [n, 1, 1, 1]);
    const noise = tf.randomNormal([n, 32, 32, 3], 0, 40, 'float32', seed);
    return { x: tf.clipByValue(tf.add(means, noise), 0, 255) as tf.Tensor4D, y: tf.oneHot(tf.tensor1d(labels, 'int32'), 2) as tf.Tensor2D };
  });
}

const build = (): Classifier => buildClassifier(buildResNet50({ variant: 'resnet50-tiny', seed: 1 }), ['dark', 'bright'], { seed: 2, hidden: 16 });

describe('fit is deterministic for a seed and resumes exactly from a checkpoint (cpu backend)', () => {
  it('same seed, same losses; interrupted after epoch 1 and resumed, same losses as uninterrupted', { timeout: 300_000 }, async () => {
    const train = brightDark(16, 1);
    const valid = brightDark(8, 2);
    const base = (c: Classifier, optimizer: AdamW): ImageFitOptions => ({
      classifier: c, optimizer, preprocessing: 'tf', stepsPerEpoch: 4, seed: 7, preciseBnBatches: 2,
      train: arrayBatchSource(train.x, train.y, { batchSize: 4, shuffleSeed: 3, dropLast: true }),
      valid: arrayBatchSource(valid.x, valid.y, { batchSize: 4 }),
      plan: fineTunePlan({ freezeEpochs: 1, epochs: 2, baseLr: 1e-2 }),
    });
    /** Batch losses, lrs and epoch results of one call. */
    async function run(extra: (c: Classifier, o: AdamW) => Partial<ImageFitOptions> = () => ({}), prepare?: (c: Classifier, o: AdamW) => Promise<void>) {
      const c = build();
      const optimizer = new AdamW(layerGroups(c));
      await prepare?.(c, optimizer);
      const losses: number[] = [];
      const lrs: number[] = [];
      const result = await fit({ ...base(c, optimizer), ...extra(c, optimizer), onBatch: (e) => { losses.push(e.loss); lrs.push(e.lrs[0]); } });
      const epochs = result.epochs.map((e) => [e.trainLoss, e.validLoss, e.validAccuracy]);
      return { c, optimizer, losses, lrs, epochs, result };
    }
    const dispose = (r: { c: Classifier; optimizer: AdamW }) => {
      r.optimizer.dispose();
      r.c.model.dispose();
    };

    const start = tf.memory().numTensors;
    const a = await run();
    const b = await run();
    expect(a.losses).toHaveLength(12);
    expect(b.losses).toEqual(a.losses);
    expect(b.epochs).toEqual(a.epochs);
    // dropout does draw different masks from step to step (the seeded stream moves on)
    expect(new Set(a.losses).size).toBe(12);
    dispose(b);

    let saved: { state: TrainState; next: FitPosition } | null = null;
    const control = new TrainControl();
    const first = await run((c, o) => ({
      control,
      afterEpoch: async (e, next) => {
        if (e.epoch !== 0) return;
        saved = { state: await captureState(c, o), next };
        control.stop();
      },
    }));
    expect(first.result.stopped).toBe(true);
    expect(first.losses).toEqual(a.losses.slice(0, 4));
    expect(saved!.next).toMatchObject({ epoch: 1, step: 4, batchSize: 4 });
    dispose(first);

    const resumed = await run(() => ({ start: saved!.next }), (c, o) => restoreState(c, o, saved!.state));
    expect(resumed.losses).toEqual(a.losses.slice(4));
    expect(resumed.lrs).toEqual(a.lrs.slice(4));
    expect(resumed.epochs).toEqual(a.epochs.slice(1));
    dispose(resumed);
    dispose(a);
    tf.dispose([train.x, train.y, valid.x, valid.y]);
    expect(tf.memory().numTensors).toBe(start - 4);
  });
});

