import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { preprocess, isPreprocessing } from './preprocessing';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

// One pixel R=10, G=20, B=30 and one white pixel.
const pixels = (): tf.Tensor4D => tf.tensor4d([10, 20, 30, 255, 255, 255], [1, 1, 2, 3]);

function run(p: Parameters<typeof preprocess>[1]): number[] {
  const x = pixels();
  const y = preprocess(x, p);
  const out = Array.from(y.dataSync());
  x.dispose();
  y.dispose();
  return out;
}

describe('preprocess', () => {
  it('caffe swaps RGB to BGR and subtracts the ImageNet BGR mean', () => {
    const out = run('caffe');
    const want = [30 - 103.939, 20 - 116.779, 10 - 123.68, 255 - 103.939, 255 - 116.779, 255 - 123.68];
    out.forEach((v, i) => expect(v).toBeCloseTo(want[i], 3));
  });

  it('tf maps 0..255 to -1..1', () => {
    const out = run('tf');
    expect(out[3]).toBeCloseTo(1, 5);
    expect(out[0]).toBeCloseTo(10 / 127.5 - 1, 5);
  });

  it('torch applies ImageNet mean and std in RGB order', () => {
    const out = run('torch');
    expect(out[0]).toBeCloseTo((10 / 255 - 0.485) / 0.229, 4);
    expect(out[2]).toBeCloseTo((30 / 255 - 0.406) / 0.225, 4);
    expect(out[4]).toBeCloseTo((1 - 0.456) / 0.224, 4);
  });

  it('none returns an equal, separately disposable tensor and leaks nothing', () => {
    const before = tf.memory().numTensors;
    const x = pixels();
    const y = preprocess(x, 'none');
    expect(y).not.toBe(x);
    x.dispose();
    expect(Array.from(y.dataSync())).toEqual([10, 20, 30, 255, 255, 255]);
    y.dispose();
    for (const p of ['caffe', 'tf', 'torch'] as const) run(p);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('recognises valid names only', () => {
    expect(isPreprocessing('caffe')).toBe(true);
    expect(isPreprocessing('imagenet')).toBe(false);
  });
});
