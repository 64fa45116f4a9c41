import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildClassifier, type Classifier } from '../model/classifier';
import { buildResNet50 } from '../model/resnet50';
import { layerGroups } from './layerGroups';
import { AdamW } from './optimizer';
import { classifierLogits } from './headFeatures';
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

describe('crossEntropy (from logits)', () => {
  it('is -log softmax of the true class and smooths labels like fastai', () => {
    const logits = [2, 0.5, -1];
    const z = Math.log(logits.reduce((n, v) => n + Math.exp(v), 0));
    const logP = logits.map((v) => v - z);
    const l = tf.tensor2d([logits]);
    const y = tf.tensor2d([[1, 0, 0]]);
    const plain = crossEntropy(l, y);
    expect(plain.dataSync()[0]).toBeCloseTo(-logP[0], 5);
    const smooth = crossEntropy(l, y, 0.1);
    const t = [0.9 + 0.1 / 3, 0.1 / 3, 0.1 / 3];
    expect(smooth.dataSync()[0]).toBeCloseTo(-(t[0] * logP[0] + t[1] * logP[1] + t[2] * logP[2]), 5);
    tf.dispose([l, y, plain, smooth]);
  });

  it('gives a confidently wrong example a finite loss and a full gradient (log(clip(softmax)) gave none)', () => {
    // p(true class) = e^-60 / (1 + …) ≈ 1e-26: far below any clip floor
    const l = tf.tensor2d([[0, 60, 0]]);
    const y = tf.tensor2d([[1, 0, 0]]);
    const loss = crossEntropy(l, y);
    expect(loss.dataSync()[0]).toBeCloseTo(60, 3);
    const g = tf.grad((x: tf.Tensor) => crossEntropy(x, y))(l);
    const grad = Array.from(g.dataSync());
    // d loss / d logits = softmax − target: ≈ [−1, +1, 0]
    expect(grad[0]).toBeCloseTo(-1, 4);
    expect(grad[1]).toBeCloseTo(1, 4);
    expect(Math.abs(grad[2])).toBeLessThan(1e-6);
    const smoothed = Array.from(tf.grad((x: tf.Tensor) => crossEntropy(x, y, 0.1))(l).dataSync());
    expect(smoothed[0]).toBeCloseTo(-(0.9 + 0.1 / 3), 4);
    tf.dispose([l, y, loss, g]);
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

  it('a head that is confidently wrong still gets a gradient through the model (loss from logits)', () => {
    const bias = c.head.getLayer('head_predictions').weights[1];
    const saved = bias.read().clone();
    bias.write(tf.tensor1d([0, 80])); // every image: p(b) ≈ 1, p(a) ≈ e^-80
    const { x } = batch(2, 32, 2, 6);
    const y2 = tf.tensor2d([[1, 0], [1, 0]]); // all labelled a
    const kernel = c.head.getLayer('head_predictions').weights[0].read() as tf.Variable;
    const { value, grads } = tf.variableGrads(() => crossEntropy(classifierLogits(c, x, false), y2), [kernel]);
    const norm = tf.tidy(() => tf.norm(grads[kernel.name]).dataSync()[0]);
    expect(value.dataSync()[0]).toBeGreaterThan(70);
    expect(norm).toBeGreaterThan(1e-3);
    bias.write(saved);
    tf.dispose([x, y2, value, saved, ...Object.values(grads)]);
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
