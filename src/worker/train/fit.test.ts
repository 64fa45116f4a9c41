import * as tf from '@tensorflow/tfjs';
import { resizeBatch } from '../preprocess/input';
import { beforeAll, describe, expect, it } from 'vitest';
import { TrainControl } from '../../shared/train/control';
import type { BatchEvent, EpochEvent } from '../../shared/train/events';
import { fineTunePlan } from '../../shared/train/fineTune';
import { buildClassifier } from '../model/classifier';
import { buildResNet50 } from '../model/resnet50';
import { arrayBatchSource, type Batch } from './batches';
import { fit } from './fit';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** Dark (class 0) versus bright (class 1) noisy 32 px images, 0..255; far enough apart that brightness augmentation (±0.2) never swaps them. */
function brightDark(n: number, seed: number): { x: tf.Tensor4D; y: tf.Tensor2D } {
  return tf.tidy(() => {
    const labels = Array.from({ length: n }, (_, i) => i % 2);
    const means = tf.tensor4d(labels.map((l) => (l === 0 ? 50 : 200)), [n, 1, 1, 1]);
    const noise = tf.randomNormal([n, 32, 32, 3], 0, 40, 'float32', seed);
    const x = tf.clipByValue(tf.add(means, noise), 0, 255) as tf.Tensor4D;
    return { x, y: tf.oneHot(tf.tensor1d(labels, 'int32'), 2) as tf.Tensor2D };
  });
}

describe('fit (fine_tune engine) on resnet50-tiny at 32 px', () => {
  it('learns bright versus dark to ≥ 0.9 validation accuracy, reporting batches and epochs without leaks', async () => {
    const c = buildClassifier(buildResNet50({ variant: 'resnet50-tiny', seed: 1 }), ['dark', 'bright'], { seed: 2, hidden: 64 });
    const train = brightDark(64, 1);
    const valid = brightDark(32, 2);
    const batchEvents: BatchEvent[] = [];
    const epochEvents: EpochEvent[] = [];
    const result = await fit({
      classifier: c, preprocessing: 'tf', stepsPerEpoch: 8,
      train: arrayBatchSource(train.x, train.y, { batchSize: 8, shuffleSeed: 3, dropLast: true }),
      valid: arrayBatchSource(valid.x, valid.y, { batchSize: 8 }),
      plan: fineTunePlan({ freezeEpochs: 3, epochs: 1, baseLr: 1e-2 }),
      seed: 4,
      onBatch: (e) => batchEvents.push(e),
      onEpoch: (e) => epochEvents.push(e),
    });
    expect(result.stopped).toBe(false);
    expect(epochEvents.map((e) => `${e.phase}:${e.epoch}`)).toEqual(['frozen:0', 'frozen:1', 'frozen:2', 'unfrozen:3']);
    expect(batchEvents).toHaveLength(32);
    expect(batchEvents.map((e) => e.step)).toEqual([...Array(32).keys()]);
    // frozen phase: fastai's 3 groups, the head's lr peaks near the end (pct_start 0.99); unfrozen: discriminative
    expect(batchEvents[0].lrs).toHaveLength(3);
    expect(batchEvents[23].lrs[2]).toBeGreaterThan(batchEvents[0].lrs[2]);
    expect(batchEvents[24].lrs[0]).toBeCloseTo(batchEvents[24].lrs[2] / 100, 10);
    expect(batchEvents[24].lrs[1]).toBeCloseTo(batchEvents[24].lrs[2] / 10, 10);
    // what the source fed, batch by batch and per epoch
    expect(batchEvents.every((e) => e.inputShape.join('x') === '8x32x32x3')).toBe(true);
    expect(epochEvents.map((e) => e.inputShapes)).toEqual(epochEvents.map(() => ['8x32x32x3']));
    // once the optimizer slots exist, the tensor count stays flat from batch to batch
    const counts = batchEvents.slice(25).map((e) => e.memory.numTensors);
    expect(new Set(counts).size).toBe(1);
    const last = epochEvents[epochEvents.length - 1];
    expect(last.validAccuracy).toBeGreaterThanOrEqual(0.9);
    expect(Number.isFinite(last.trainLoss)).toBe(true);
    tf.dispose([train.x, train.y, valid.x, valid.y]);
    c.model.dispose();
  });

  it('stops between batches on request and leaves no tensors behind', async () => {
    const c = buildClassifier(buildResNet50({ variant: 'resnet50-tiny', seed: 1 }), ['dark', 'bright'], { seed: 2, hidden: 16 });
    const train = brightDark(16, 5);
    const before = tf.memory().numTensors;
    const control = new TrainControl();
    const seen: number[] = [];
    const result = await fit({
      classifier: c, preprocessing: 'tf', stepsPerEpoch: 4, control,
      train: arrayBatchSource(train.x, train.y, { batchSize: 4 }),
      plan: fineTunePlan({ freezeEpochs: 3, epochs: 0 }),
      onBatch: (e) => {
        seen.push(e.step);
        if (e.step === 1) control.stop();
      },
    });
    expect(result.stopped).toBe(true);
    expect(seen).toEqual([0, 1]);
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([train.x, train.y]);
    c.model.dispose();
  });

  it('follows a progressive-resizing source (size per epoch) with a varying number of steps per epoch', async () => {
    const c = buildClassifier(buildResNet50({ variant: 'resnet50-tiny', seed: 1 }), ['dark', 'bright'], { seed: 2, hidden: 16 });
    const sizes = [16, 32];
    const batchCounts = [3, 2];
    const source = (epoch: number): AsyncIterable<Batch> => ({
      async *[Symbol.asyncIterator]() {
        for (let i = 0; i < batchCounts[epoch]; i++) {
          const { x, y } = brightDark(4, 10 * epoch + i);
          const resized = resizeBatch(x, sizes[epoch]);
          x.dispose();
          yield { x: resized, y };
        }
      },
    });
    const seen: string[] = [];
    const lrs: number[] = [];
    const result = await fit({
      classifier: c, preprocessing: 'tf', train: source, stepsPerEpoch: (epoch) => batchCounts[epoch],
      plan: fineTunePlan({ freezeEpochs: 2, epochs: 0 }), augment: false,
      onBatch: (e) => {
        seen.push(`${e.epoch}@${e.inputShape.join('x')}`);
        lrs.push(e.lrs[2]);
      },
    });
    expect(result.epochs.map((e) => e.epoch)).toEqual([0, 1]);
    expect(seen).toEqual(['0@4x16x16x3', '0@4x16x16x3', '0@4x16x16x3', '1@4x32x32x3', '1@4x32x32x3']);
    expect(result.epochs.map((e) => e.inputShapes)).toEqual([['4x16x16x3'], ['4x32x32x3']]);
    // one cycle over 3 + 2 = 5 steps with pct_start 0.99: the lr climbs all the way
    for (let i = 1; i < lrs.length; i++) expect(lrs[i]).toBeGreaterThan(lrs[i - 1]);
    expect(lrs[0]).toBeCloseTo(2e-3 / 25, 10);
    c.model.dispose();
  });
});
