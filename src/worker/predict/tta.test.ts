import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildClassifier } from '../model/classifier';
import { buildResNet50 } from '../model/resnet50';
import { DIHEDRAL_VIEWS, dihedralView, predictProbs } from './tta';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('dihedralView', () => {
  it('gives the 8 distinct symmetries of a square, identity first', () => {
    const x = tf.tensor4d([1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 3, 3, 1]);
    const views = Array.from({ length: DIHEDRAL_VIEWS }, (_, k) => Array.from(dihedralView(x, k).dataSync()).join(','));
    expect(views[0]).toBe('1,2,3,4,5,6,7,8,9');
    expect(views[1]).toBe('3,2,1,6,5,4,9,8,7'); // left-right
    expect(views[2]).toBe('7,8,9,4,5,6,1,2,3'); // top-bottom
    expect(views[4]).toBe('1,4,7,2,5,8,3,6,9'); // transpose
    expect(new Set(views).size).toBe(8);
    expect(() => dihedralView(x, 8)).toThrow();
  });
});

describe('predictProbs', () => {
  // A "model" that is not symmetric: softmax over (mean of the left column, mean of the top row).
  function asymmetric(): tf.LayersModel {
    const input = tf.input({ shape: [2, 2, 1] });
    const flat = tf.layers.flatten().apply(input) as tf.SymbolicTensor;
    const out = tf.layers.dense({ units: 2, activation: 'softmax', useBias: false, weights: [tf.tensor2d([[1, 1], [0, 1], [1, 0], [0, 0]])] }).apply(flat);
    return tf.model({ inputs: input, outputs: out as tf.SymbolicTensor });
  }

  it('without TTA is model.predict; with TTA the mean over the 8 views', () => {
    const model = asymmetric();
    const x = tf.tensor4d([3, 0, 1, 0, 0, 0, 0, 2], [2, 2, 2, 1]);
    const plain = predictProbs(model, x, false).arraySync();
    expect(plain).toEqual((model.predict(x) as tf.Tensor).arraySync());
    const views = Array.from({ length: 8 }, (_, k) => (model.predict(dihedralView(x, k)) as tf.Tensor2D).arraySync());
    const mean = [0, 1].map((b) => [0, 1].map((c) => views.reduce((s, v) => s + v[b][c], 0) / 8));
    const tta = predictProbs(model, x, true).arraySync();
    for (let b = 0; b < 2; b++) for (let c = 0; c < 2; c++) expect(tta[b][c]).toBeCloseTo(mean[b][c], 6);
    // The model itself is not invariant, so TTA does change its answer here.
    expect(Math.abs(tta[0][0] - plain[0][0])).toBeGreaterThan(0.01);
    // Symmetric over the views: the mean is the same for a rotated input.
    const rotated = predictProbs(model, dihedralView(x, 5), true).arraySync();
    for (let b = 0; b < 2; b++) for (let c = 0; c < 2; c++) expect(rotated[b][c]).toBeCloseTo(tta[b][c], 6);
  });

  it('on a classifier (Classify and Evaluate both use it): sums to 1 and differs from the plain prediction', () => {
    const c = buildClassifier(buildResNet50({ variant: 'resnet50-tiny', seed: 1 }), ['a', 'b', 'c'], { seed: 2, hidden: 16 });
    const x = tf.randomUniform([2, 32, 32, 3], -1, 1, 'float32', 7) as tf.Tensor4D;
    const before = tf.memory().numTensors;
    const tta = predictProbs(c.model, x, true);
    const plain = predictProbs(c.model, x, false);
    expect(tf.memory().numTensors).toBe(before + 2);
    const got = tta.arraySync();
    const once = plain.arraySync();
    got.forEach((row) => expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5));
    // random input is not symmetric: the 8-view mean is another answer than the single view
    expect(Math.max(...got.flatMap((row, i) => row.map((v, j) => Math.abs(v - once[i][j]))))).toBeGreaterThan(1e-4);
    tf.dispose([tta, plain, x]);
    c.model.dispose();
  });

  it('leaves no tensors behind', () => {
    const model = asymmetric();
    const x = tf.zeros([1, 2, 2, 1]) as tf.Tensor4D;
    const before = tf.memory().numTensors;
    predictProbs(model, x, true).dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
