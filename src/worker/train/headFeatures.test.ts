import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildClassifier } from '../model/classifier';
import { buildResNet50 } from '../model/resnet50';
import { cacheBatch, type FeatureCache } from './featureCache';
import { evaluatePooled, headLogits, headTail, poolFeatures } from './headFeatures';
import { groupVariables, headGroup, layerGroups } from './layerGroups';
import { AdamW } from './optimizer';
import { crossEntropy } from './trainStep';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('pooled features and the head after pooling', () => {
  it('pool + tail in inference mode equals the whole classifier', () => {
    const c = buildClassifier(buildResNet50({ variant: 'resnet50-tiny', seed: 1 }), ['a', 'b', 'c'], { seed: 2 });
    const x = tf.randomUniform([3, 32, 32, 3], -100, 100, 'float32', 5) as tf.Tensor4D;
    const [whole, split] = tf.tidy(() => {
      const map = c.backbone.apply(x, { training: false }) as tf.Tensor4D;
      const pooled = poolFeatures(c, map);
      expect(pooled.shape).toEqual([3, 2 * (map.shape[3] ?? 0)]);
      return [c.model.apply(x, { training: false }) as tf.Tensor, headTail(c, pooled, false)];
    });
    expect(tf.tidy(() => tf.max(tf.abs(tf.sub(whole, split))).dataSync()[0])).toBeLessThan(1e-5);
    tf.dispose([x, whole, split]);
    c.model.dispose();
  });

  it('training the head on cached features lowers the loss and changes only head weights', async () => {
    const c = buildClassifier(buildResNet50({ variant: 'resnet50-tiny', seed: 1 }), ['a', 'b'], { seed: 2, hidden: 32 });
    const dim = 2 * (c.backbone.outputs[0].shape[3] ?? 0);
    // two separable clusters of pooled vectors, 2 views each
    const n = 16;
    const data = new Float32Array(n * 2 * dim);
    for (let i = 0; i < n * 2; i++) for (let j = 0; j < dim; j++) data[i * dim + j] = (Math.floor(i / 2) % 2 === 0 ? 1 : -1) * (j % 3 === 0 ? 1 : 0.2) + 0.01 * (i % 5);
    const cache: FeatureCache = { dim, views: 2, labels: Int32Array.from({ length: n }, (_, i) => i % 2), data };
    const bodyBefore = c.backbone.getWeights()[0].dataSync().slice();
    const head = headGroup(layerGroups(c));
    const optimizer = new AdamW([head]);
    const rows = Array.from({ length: n }, (_, i) => ({ image: i, view: i % 2 }));
    const { x, y } = cacheBatch(cache, rows, 2);
    expect(x.shape).toEqual([n, dim]);
    const before = await evaluatePooled(c, x, y);
    for (let s = 0; s < 30; s++) {
      const { value, grads } = tf.variableGrads(() => crossEntropy(headLogits(c, x, true), y), groupVariables([head]));
      optimizer.applyGradients(grads, { lrs: [3e-3] });
      tf.dispose([value, ...Object.values(grads)]);
    }
    const after = await evaluatePooled(c, x, y);
    expect(after.loss).toBeLessThan(before.loss);
    expect(after.correct).toBe(n);
    expect(Array.from(c.backbone.getWeights()[0].dataSync())).toEqual(Array.from(bodyBefore));
    optimizer.dispose();
    tf.dispose([x, y]);
    c.model.dispose();
  });
});
