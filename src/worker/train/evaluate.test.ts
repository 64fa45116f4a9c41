import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildClassifier } from '../model/classifier';
import { buildResNet50 } from '../model/resnet50';
import { dihedral, predictBatch } from './evaluate';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('test-time augmentation', () => {
  it('the 8 dihedral transforms are the 8 distinct symmetries of the square', () => {
    // A 2x2 single-channel image with four different pixels: each symmetry gives a different arrangement.
    const x = tf.tensor4d([1, 2, 3, 4], [1, 2, 2, 1]);
    const out = Array.from({ length: 8 }, (_, k) => {
      const t = dihedral(x, k);
      const v = (t.dataSync() as Float32Array).join(',');
      t.dispose();
      return v;
    });
    expect(new Set(out).size).toBe(8);
    expect(out[0]).toBe('1,2,3,4'); // identity
    expect(out).toContain('3,1,4,2'); // 90° clockwise
    expect(out).toContain('4,3,2,1'); // 180°
    expect(out).toContain('2,4,1,3'); // 90° counter-clockwise
    x.dispose();
  });

  it('averages the softmax over the 8 transforms, sums to 1 and leaks no tensor', () => {
    const c = buildClassifier(buildResNet50({ variant: 'resnet50-tiny', seed: 1 }), ['a', 'b', 'c'], { seed: 2, hidden: 16 });
    const x = tf.randomUniform([2, 32, 32, 3], -1, 1, 'float32', 7) as tf.Tensor4D;
    const before = tf.memory().numTensors;
    const tta = predictBatch(c, x, true);
    const plain = predictBatch(c, x, false);
    expect(tf.memory().numTensors).toBe(before + 2);
    const expected = tf.tidy(() => {
      const ps = Array.from({ length: 8 }, (_, k) => c.model.apply(dihedral(x, k), { training: false }) as tf.Tensor2D);
      return tf.div(tf.addN(ps), 8).arraySync() as number[][];
    });
    const got = tta.arraySync();
    got.forEach((row, i) => {
      row.forEach((v, j) => expect(v).toBeCloseTo(expected[i][j], 5));
      expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    });
    expect(plain.shape).toEqual([2, 3]);
    tf.dispose([tta, plain, x]);
    expect(tf.memory().numTensors).toBe(before - 1);
    c.model.dispose();
  });
});
