import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildClassifier } from '../model/classifier';
import { buildResNet50 } from '../model/resnet50';
import { arrayBatchSource } from './batches';
import { preciseBn } from './preciseBn';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('preciseBn', () => {
  it('sets the stem BN moving mean to the average batch mean, restores momentum, leaks nothing', async () => {
    const c = buildClassifier(buildResNet50({ variant: 'resnet50-tiny', seed: 1 }), ['a', 'b'], { seed: 2, hidden: 16 });
    const x = tf.randomUniform([8, 32, 32, 3], 0, 255, 'float32', 5) as tf.Tensor4D;
    const y = tf.oneHot(tf.tensor1d([0, 1, 0, 1, 0, 1, 0, 1], 'int32'), 2).toFloat() as tf.Tensor2D;
    const bn = c.backbone.getLayer('conv1_bn') as tf.layers.Layer & { momentum: number };
    const before = tf.memory().numTensors;
    const used = await preciseBn(c, arrayBatchSource(x, y, { batchSize: 4 })(0), 'none', 5);
    expect(used).toBe(2);
    expect(bn.momentum).toBe(0.99);
    expect(tf.memory().numTensors).toBe(before);
    // the stem conv's output averaged over both batches is what the moving mean now holds
    const expected = tf.tidy(() => {
      const sub = tf.model({ inputs: c.backbone.inputs, outputs: c.backbone.getLayer('conv1_conv').output as tf.SymbolicTensor });
      const m = (b: tf.Tensor4D) => tf.mean(sub.predict(b) as tf.Tensor, [0, 1, 2]);
      return tf.div(tf.add(m(x.slice([0], [4])), m(x.slice([4], [4]))), 2).arraySync() as number[];
    });
    const movingMean = (bn.getWeights()[2].arraySync() as number[]);
    movingMean.forEach((v, i) => expect(v).toBeCloseTo(expected[i], 2));
    tf.dispose([x, y]);
    c.model.dispose();
  });
});
