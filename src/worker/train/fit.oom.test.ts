import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { SYNTHETIC_MESSAGE } from '../../shared/train/faults';
import { fineTunePlan } from '../../shared/train/fineTune';
import { buildClassifier } from '../model/classifier';
import { buildResNet50 } from '../model/resnet50';
import { arrayBatchSource } from './batches';
import { fit, type FitNotice } from './fit';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('fit recovers from running out of memory', () => {
  it('halves the batch, goes on at the failed batch\'s first image with the schedule where it was, and says so', async () => {
    const x = tf.tidy(() => tf.randomUniform([16, 32, 32, 3], 0, 255, 'float32', 1) as tf.Tensor4D);
    const y = tf.tidy(() => tf.oneHot(tf.tensor1d(Array.from({ length: 16 }, (_, i) => i % 2), 'int32'), 2) as tf.Tensor2D);
    const source = (bs: number) => arrayBatchSource(x, y, { batchSize: bs, shuffleSeed: 3, dropLast: true });
    const run = async (oomAt: number | null) => {
      const c = buildClassifier(buildResNet50({ variant: 'resnet50-tiny', seed: 1 }), ['a', 'b'], { seed: 2, hidden: 16 });
      const seen: { step: number; batch: number; size: number; lr: number }[] = [];
      const notices: FitNotice[] = [];
      let fired = false;
      const result = await fit({
        classifier: c, preprocessing: 'tf', train: source(4), stepsPerEpoch: 4, augment: false,
        plan: fineTunePlan({ freezeEpochs: 1, epochs: 0 }),
        rebatch: (bs) => ({ train: source(bs), stepsPerEpoch: 16 / bs }),
        beforeStep: (step) => {
          if (step === oomAt && !fired) {
            fired = true;
            throw new Error(SYNTHETIC_MESSAGE.oom(step));
          }
        },
        onNotice: (n) => notices.push(n),
        onBatch: (e) => seen.push({ step: e.step, batch: e.batch, size: e.batchSize, lr: e.lrs[e.lrs.length - 1] }),
      });
      c.model.dispose();
      return { seen, notices, result };
    };
    const plain = await run(null);
    const before = tf.memory().numTensors;
    const recovered = await run(1);
    expect(tf.memory().numTensors).toBe(before);
    expect(recovered.notices).toHaveLength(1);
    expect(recovered.notices[0].message).toMatch(/^Out of memory at step 1 \(batch of 4\): continuing epoch 0 with batches of 2/);
    expect(recovered.result.batchSize).toBe(2);
    // batch 0 at 4 images, then batches 2..7 at 2 images: the same 16 images, in the same order
    expect(recovered.seen.map((s) => `${s.batch}:${s.size}`)).toEqual(['0:4', '2:2', '3:2', '4:2', '5:2', '6:2', '7:2']);
    expect(recovered.seen.map((s) => s.step)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    // the one cycle goes on where the failed step was: its position (1/4 = 2/8) gets the same lr
    expect(recovered.seen[1].lr).toBeCloseTo(plain.seen[1].lr, 12);
    expect(recovered.seen[3].lr).toBeCloseTo(plain.seen[2].lr, 12);
    tf.dispose([x, y]);
  });
});
