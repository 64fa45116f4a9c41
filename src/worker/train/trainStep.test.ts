import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildClassifier, type Classifier } from '../model/classifier';
import { buildResNet50 } from '../model/resnet50';
import { layerGroups } from './layerGroups';
import { AdamW } from './optimizer';
import { crossEntropy, evaluateBatch, trainStep } from './trainStep';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

function snapshot(layers: tf.layers.Layer[]): Map<string, Float32Array> {
  const out = new Map<string, Float32Array>();
  for (const l of layers) for (const w of l.weights) out.set(`${l.name}/${w.originalName}`, w.read().dataSync() as Float32Array);
  return out;
}

function bytesEqual(a: Float32Array, b: Float32Array): boolean {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));
}

function changed(before: Map<string, Float32Array>, after: Map<string, Float32Array>, pattern: RegExp): string[] {
  return [...before.keys()].filter((k) => pattern.test(k) && !bytesEqual(before.get(k)!, after.get(k)!));
}

function batch(n: number, size: number, classes: number, seed: number): { x: tf.Tensor4D; y: tf.Tensor2D } {
  return tf.tidy(() => {
    const x = tf.randomNormal([n, size, size, 3], 0, 1, 'float32', seed) as tf.Tensor4D;
    const labels = tf.tensor1d(Array.from({ length: n }, (_, i) => i % classes), 'int32');
    return { x, y: tf.oneHot(labels, classes) as tf.Tensor2D };
  });
}

describe('crossEntropy', () => {
  it('is -log p of the true class, smooths labels like fastai, and stays finite at p = 0', () => {
    const p = tf.tensor2d([[0.7, 0.2, 0.1], [0, 1, 0]]);
    const y = tf.tensor2d([[1, 0, 0], [1, 0, 0]]);
    const plain = crossEntropy(p.slice([0, 0], [1, 3]), y.slice([0, 0], [1, 3]));
    expect(plain.dataSync()[0]).toBeCloseTo(-Math.log(0.7), 5);
    const smooth = crossEntropy(p.slice([0, 0], [1, 3]), y.slice([0, 0], [1, 3]), 0.1);
    const t = [0.9 + 0.1 / 3, 0.1 / 3, 0.1 / 3];
    expect(smooth.dataSync()[0]).toBeCloseTo(-(t[0] * Math.log(0.7) + t[1] * Math.log(0.2) + t[2] * Math.log(0.1)), 5);
    const worst = crossEntropy(p.slice([1, 0], [1, 3]), y.slice([1, 0], [1, 3]));
    expect(worst.dataSync()[0]).toBeCloseTo(-Math.log(1e-7), 3);
    tf.dispose([p, y, plain, smooth, worst]);
  });
});

describe('trainStep on resnet50-tiny at 32 px', () => {
  let c: Classifier;
  beforeAll(() => {
    c = buildClassifier(buildResNet50({ variant: 'resnet50-tiny', seed: 1 }), ['a', 'b'], { seed: 2, hidden: 32 });
  });

  it('frozen: backbone weights and BN moving statistics stay byte-identical, the head changes', () => {
    const groups = layerGroups(c);
    const opt = new AdamW(groups);
    const { x, y } = batch(4, 32, 2, 3);
    const before = snapshot(c.model.layers.flatMap((l) => (l === c.head ? c.head.layers : [l])));
    const loss = trainStep({ classifier: c, groups, optimizer: opt, x, yOneHot: y, frozen: true, lrs: groups.map(() => 1e-2) });
    expect(Number.isFinite(loss.dataSync()[0])).toBe(true);
    const after = snapshot(c.model.layers.flatMap((l) => (l === c.head ? c.head.layers : [l])));
    expect(changed(before, after, /^(conv|pool|input)/)).toEqual([]);
    const headChanged = changed(before, after, /^head_/);
    expect(headChanged).toEqual(expect.arrayContaining(['head_dense1/head_dense1/kernel', 'head_predictions/head_predictions/kernel']));
    // the head's own BN runs in training mode (as in fastai): its moving mean moves
    expect(headChanged.some((k) => /head_bn1.*moving_mean/.test(k))).toBe(true);
    tf.dispose([x, y, loss]);
    opt.dispose();
  });

  it('unfrozen: body weights and BN moving statistics (and the trainable gamma/beta) change', () => {
    const groups = layerGroups(c);
    const opt = new AdamW(groups);
    const { x, y } = batch(4, 32, 2, 4);
    const layers = c.backbone.layers;
    const before = snapshot(layers);
    const loss = trainStep({ classifier: c, groups, optimizer: opt, x, yOneHot: y, frozen: false, lrs: groups.map(() => 1e-3) });
    const after = snapshot(layers);
    const diff = changed(before, after, /./);
    expect(diff).toEqual(expect.arrayContaining([
      'conv1_conv/conv1_conv/kernel', 'conv1_bn/conv1_bn/moving_mean', 'conv1_bn/conv1_bn/moving_variance',
      'conv1_bn/conv1_bn/gamma', 'conv5_block1_2_bn/conv5_block1_2_bn/moving_mean',
    ]));
    tf.dispose([x, y, loss]);
    opt.dispose();
  });

  it('leaks no tensors over repeated frozen and unfrozen steps and evaluation', async () => {
    const groups = layerGroups(c);
    const opt = new AdamW(groups);
    const { x, y } = batch(4, 32, 2, 5);
    const run = async (frozen: boolean) => {
      const loss = trainStep({
        classifier: c, groups, optimizer: opt, x, yOneHot: y, frozen, lrs: groups.map(() => 1e-3), beta1: 0.9, labelSmoothing: 0.1,
      });
      await loss.data();
      loss.dispose();
    };
    // the first steps create the optimizer slots; count after them
    await run(true);
    await run(false);
    const start = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) {
      await run(i % 2 === 0);
      const r = await evaluateBatch(c, x, y);
      expect(r.predictions).toHaveLength(4);
      expect(r.accuracy).toBeGreaterThanOrEqual(0);
    }
    expect(tf.memory().numTensors).toBe(start);
    tf.dispose([x, y]);
    opt.dispose();
  });
});
