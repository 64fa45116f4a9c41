import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildClassifier, HEAD_PREFIX } from '../model/classifier';
import { buildResNet50 } from '../model/resnet50';
import { gradCam, upsampleCam } from './gradCam';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/**
 * A hand-made network: the "backbone" passes a 2-channel 3×3 image through (a 1×1 convolution with the
 * identity kernel), the head average-pools and maps channel k to class k (logit = 4 × mean of channel k).
 * Grad-CAM for class k is then ReLU(A_k) up to a positive factor, normalised: the channel k image itself.
 */
function handMade(denseName: string) {
  const input = tf.input({ shape: [3, 3, 2] });
  const conv = tf.layers.conv2d({ filters: 2, kernelSize: 1, useBias: false, weights: [tf.tensor4d([1, 0, 0, 1], [1, 1, 2, 2])] });
  const backbone = tf.model({ inputs: input, outputs: conv.apply(input) as tf.SymbolicTensor });
  const hIn = tf.input({ shape: [null, null, 2] });
  const pooled = tf.layers.globalAveragePooling2d({}).apply(hIn) as tf.SymbolicTensor;
  const dense = tf.layers.dense({ units: 2, activation: 'softmax', name: denseName, weights: [tf.tensor2d([[4, 0], [0, 4]]), tf.zeros([2])] });
  const head = tf.model({ inputs: hIn, outputs: dense.apply(pooled) as tf.SymbolicTensor });
  return { backbone, head };
}

// channel 0 bright at (row 0, col 2), channel 1 bright at (row 2, col 0); a negative value must be cut by ReLU.
const pixels = (() => {
  const v = new Float32Array(3 * 3 * 2);
  v[(0 * 3 + 2) * 2 + 0] = 2;
  v[(1 * 3 + 1) * 2 + 0] = 1;
  v[(2 * 3 + 0) * 2 + 0] = -3;
  v[(2 * 3 + 0) * 2 + 1] = 5;
  return tf.tensor4d(v, [1, 3, 3, 2]);
})();

describe('gradCam', () => {
  it('on the logit: the class channel, ReLU-ed and scaled to 0..1', () => {
    const m = handMade(`${HEAD_PREFIX}predictions`);
    const { cam, probs } = gradCam(m, pixels, 0);
    expect(cam.shape).toEqual([3, 3]);
    expect(Array.from(cam.dataSync())).toEqual([0, 0, 1, 0, 0.5, 0, 0, 0, 0]);
    expect(probs.shape).toEqual([2]);
    const other = gradCam(m, pixels, 1).cam.arraySync();
    expect(other[2][0]).toBe(1);
    expect(other[0][2]).toBe(0);
  });

  it('falls back to log p for a head it does not know, with the same peak', () => {
    const cam = gradCam(handMade('some_other_name'), pixels, 0).cam.arraySync();
    expect(cam[0][2]).toBeCloseTo(1, 5);
    expect(cam[2][0]).toBe(0);
  });

  it('is all zeros, not NaN, when nothing raises the score', () => {
    const m = handMade(`${HEAD_PREFIX}predictions`);
    const cam = gradCam(m, tf.zeros([1, 3, 3, 2]) as tf.Tensor4D, 1).cam.dataSync();
    expect(Array.from(cam)).toEqual(new Array(9).fill(0));
  });

  it('refuses a class the head does not have', () => {
    expect(() => gradCam(handMade(`${HEAD_PREFIX}predictions`), pixels, 2)).toThrow(/class 2/);
  });

  it('runs on the real classifier (tiny ResNet + fastai head) without leaking tensors', () => {
    const c = buildClassifier(buildResNet50({ variant: 'resnet50-tiny', seed: 1 }), ['a', 'b', 'c'], { seed: 2 });
    const x = tf.randomUniform([1, 64, 64, 3], 0, 255, 'float32', 3) as tf.Tensor4D;
    tf.dispose(Object.values(gradCam(c, x, 0))); // first call: builds (and caches) the head's logit part
    const before = tf.memory().numTensors;
    const { cam, probs } = gradCam(c, x, 1);
    expect(cam.shape).toEqual([2, 2]);
    const v = cam.dataSync();
    expect(Math.max(...v)).toBeLessThanOrEqual(1);
    expect(Math.min(...v)).toBeGreaterThanOrEqual(0);
    expect(Array.from(probs.dataSync()).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 4);
    const up = upsampleCam(cam, 16);
    expect(up.shape).toEqual([16, 16]);
    tf.dispose([cam, probs, up]);
    expect(tf.memory().numTensors).toBe(before);
  });
});
