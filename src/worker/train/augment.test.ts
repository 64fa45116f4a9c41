import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { AUGMENT_OFF, augmentBatch } from './augment';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** The 8 symmetries of a square image [h][w][c], as nested arrays. */
function dihedral(img: number[][][]): number[][][][] {
  const rot = (a: number[][][]) => a[0].map((_, x) => a.map((row) => row[x]).reverse());
  const flip = (a: number[][][]) => a.map((row) => [...row].reverse());
  const out: number[][][][] = [];
  let cur = img;
  for (let k = 0; k < 4; k++) {
    out.push(cur, flip(cur));
    cur = rot(cur);
  }
  return out;
}

describe('augmentBatch', () => {
  it('keeps the shape and the 0..255 range with the fastai defaults, and is deterministic per seed', () => {
    const x = tf.randomUniform([4, 16, 16, 3], 0, 255, 'float32', 1) as tf.Tensor4D;
    const a = augmentBatch(x, {}, 11);
    const b = augmentBatch(x, {}, 11);
    const c = augmentBatch(x, {}, 12);
    expect(a.shape).toEqual([4, 16, 16, 3]);
    const v = a.dataSync();
    expect(Math.min(...v)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...v)).toBeLessThanOrEqual(255);
    expect(Array.from(b.dataSync())).toEqual(Array.from(v));
    expect(Array.from(c.dataSync())).not.toEqual(Array.from(v));
    // every image of the batch is transformed (tfjs' cpu kernel alone would zero all but the first)
    for (let i = 0; i < 4; i++) expect(tf.tidy(() => a.slice([i, 0, 0, 0], [1, 16, 16, 3]).mean().dataSync()[0])).toBeGreaterThan(10);
    tf.dispose([x, a, b, c]);
  });

  it('with everything off returns an exact copy', () => {
    const x = tf.randomUniform([2, 8, 8, 3], 0, 255, 'float32', 2) as tf.Tensor4D;
    const y = augmentBatch(x, AUGMENT_OFF, 3);
    expect(y).not.toBe(x);
    expect(Array.from(y.dataSync())).toEqual(Array.from(x.dataSync()));
    tf.dispose([x, y]);
  });

  it('flips and 90° turns permute the pixels exactly, over all 8 symmetries', () => {
    const img = Array.from({ length: 3 }, (_, r) => Array.from({ length: 3 }, (_, c) => [r * 3 + c, 10 + r, 20 + c]));
    const candidates = dihedral(img).map((d) => JSON.stringify(d));
    const x = tf.tensor4d(Array.from({ length: 8 }, () => img).flat(3), [8, 3, 3, 3]);
    const seen = new Set<string>();
    for (const seed of [1, 2, 3, 4]) {
      const y = augmentBatch(x, { ...AUGMENT_OFF, flip: true, flipVert: true, rot90: true }, seed);
      for (const out of y.arraySync()) {
        const s = JSON.stringify(out);
        expect(candidates).toContain(s);
        seen.add(s);
      }
      y.dispose();
    }
    expect(seen.size).toBeGreaterThanOrEqual(6);
    // horizontal flip alone: only the identity and the mirror image
    const h = augmentBatch(x, { ...AUGMENT_OFF, flip: true }, 5);
    for (const out of h.arraySync()) expect([candidates[0], candidates[1]]).toContain(JSON.stringify(out));
    tf.dispose([x, h]);
  });

  it('lighting alone keeps the geometry: a constant image stays constant per image, within 0..255', () => {
    const x = tf.fill([6, 4, 4, 1], 100) as tf.Tensor4D;
    const y = augmentBatch(x, { ...AUGMENT_OFF, maxLighting: 0.2, pLighting: 1 }, 6);
    const arr = y.arraySync();
    const means = arr.map((im) => im.flat(2));
    for (const px of means) {
      expect(Math.max(...px) - Math.min(...px)).toBeLessThan(1e-3);
      expect(px[0]).toBeGreaterThan(0);
      expect(px[0]).toBeLessThan(255);
    }
    expect(new Set(means.map((px) => px[0].toFixed(3))).size).toBeGreaterThan(1);
    const before = tf.memory().numTensors;
    augmentBatch(x, {}, 9).dispose();
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([x, y]);
  });
});
