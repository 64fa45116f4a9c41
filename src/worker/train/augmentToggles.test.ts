import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { AUG_ALL_OFF, AUG_TOGGLE_LABELS, toAugmentOptions } from '../../shared/train/augToggles';
import { augmentBatch } from './augment';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** A 16×16 gradient image (not symmetric), 8 copies. */
function batch(): tf.Tensor4D {
  return tf.tidy(() => {
    const img = tf.tidy(() => {
      const r = tf.linspace(0, 240, 16).reshape([16, 1, 1]).tile([1, 16, 1]);
      const c = tf.linspace(10, 200, 16).reshape([1, 16, 1]).tile([16, 1, 1]);
      return tf.concat([r, c, tf.add(tf.mul(r, 0.5), tf.mul(c, 0.5))], 2);
    });
    return tf.tile(tf.expandDims(img, 0), [8, 1, 1, 1]) as tf.Tensor4D;
  });
}

describe('augmentBatch per aug_transforms switch', () => {
  for (const { key } of AUG_TOGGLE_LABELS) {
    it(`${key} alone keeps the shape and 0..255 range and changes some of the 8 images`, () => {
      const x = batch();
      const y = augmentBatch(x, toAugmentOptions({ ...AUG_ALL_OFF, [key]: true }), 4);
      expect(y.shape).toEqual([8, 16, 16, 3]);
      const v = y.dataSync();
      expect(Math.min(...v)).toBeGreaterThanOrEqual(0);
      expect(Math.max(...v)).toBeLessThanOrEqual(255);
      const changed = tf.tidy(() => tf.max(tf.abs(tf.sub(y, x)), [1, 2, 3]).arraySync() as number[]);
      expect(changed.filter((d) => d > 1).length).toBeGreaterThan(0);
      tf.dispose([x, y]);
    });
  }

  it('geometric switches preserve the pixel values (flips, 90°) and lighting ones the geometry', () => {
    const x = batch();
    const sorted = (t: tf.Tensor) => Array.from(t.dataSync()).sort((a, b) => a - b);
    const d = augmentBatch(x, toAugmentOptions({ ...AUG_ALL_OFF, flip: true, flipVert: true, rot90: true }), 7);
    expect(sorted(d)).toEqual(sorted(x)); // a permutation of the pixels
    const l = augmentBatch(x, toAugmentOptions({ ...AUG_ALL_OFF, brightness: true }), 7);
    // brightness is monotone per image: the brightest pixel stays where it was
    const argmaxX = tf.tidy(() => tf.argMax(x.reshape([8, -1]), 1).arraySync());
    const argmaxL = tf.tidy(() => tf.argMax(l.reshape([8, -1]), 1).arraySync());
    expect(argmaxL).toEqual(argmaxX);
    tf.dispose([x, d, l]);
  });

  it('contrast alone leaves a mid-grey image at mid-grey; brightness alone moves it', () => {
    const x = tf.fill([8, 4, 4, 3], 127.5) as tf.Tensor4D;
    const c = augmentBatch(x, { ...toAugmentOptions({ ...AUG_ALL_OFF, contrast: true }), pLighting: 1 }, 3);
    expect(Math.max(...Array.from(c.dataSync(), (v) => Math.abs(v - 127.5)))).toBeLessThan(0.01);
    const b = augmentBatch(x, { ...toAugmentOptions({ ...AUG_ALL_OFF, brightness: true }), pLighting: 1 }, 3);
    const vals = Array.from(b.dataSync());
    expect(Math.max(...vals.map((v) => Math.abs(v - 127.5)))).toBeGreaterThan(1);
    // ±0.2 in fastai terms: p drawn in [0.4, 0.6] of the 0..255 range
    for (const v of vals) {
      expect(v / 255).toBeGreaterThanOrEqual(0.4 - 1e-3);
      expect(v / 255).toBeLessThanOrEqual(0.6 + 1e-3);
    }
    tf.dispose([x, c, b]);
  });
});
