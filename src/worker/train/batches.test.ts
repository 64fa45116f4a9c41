import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { AUGMENT_OFF } from './augment';
import { arrayBatchSource, batchesPerEpoch, prepareInput, type Batch } from './batches';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

async function collect(source: AsyncIterable<Batch>): Promise<{ ids: number[][]; labels: number[][] }> {
  const ids: number[][] = [];
  const labels: number[][] = [];
  for await (const b of source) {
    ids.push(tf.tidy(() => Array.from(b.x.slice([0, 0, 0, 0], [-1, 1, 1, 1]).dataSync())));
    labels.push(tf.tidy(() => Array.from(tf.argMax(b.y, 1).dataSync())));
    tf.dispose([b.x, b.y]);
  }
  return { ids, labels };
}

describe('arrayBatchSource', () => {
  const n = 10;
  const x = tf.tidy(() => tf.mul(tf.range(0, n).reshape([n, 1, 1, 1]), tf.ones([n, 2, 2, 3])) as tf.Tensor4D);
  const y = tf.tidy(() => tf.oneHot(tf.tensor1d([0, 1, 2, 0, 1, 2, 0, 1, 2, 0], 'int32'), 3) as tf.Tensor2D);

  it('yields every example once per epoch in batches, keeping x and y together', async () => {
    const { ids, labels } = await collect(arrayBatchSource(x, y, { batchSize: 4 })(0));
    expect(ids).toEqual([[0, 1, 2, 3], [4, 5, 6, 7], [8, 9]]);
    expect(labels.flat()).toEqual([0, 1, 2, 0, 1, 2, 0, 1, 2, 0]);
    expect(batchesPerEpoch(n, 4)).toBe(3);
  });

  it('reshuffles per epoch with a seed, reproducibly, and can drop the last small batch', async () => {
    const src = arrayBatchSource(x, y, { batchSize: 4, shuffleSeed: 9, dropLast: true });
    const e0 = await collect(src(0));
    const e0again = await collect(src(0));
    const e1 = await collect(src(1));
    expect(e0.ids).toHaveLength(batchesPerEpoch(n, 4, true));
    expect(e0.ids).toEqual(e0again.ids);
    expect(e0.ids).not.toEqual(e1.ids);
    e0.ids.flat().forEach((id, i) => expect(e0.labels.flat()[i]).toBe([0, 1, 2][id % 3]));
    expect(new Set(e0.ids.flat()).size).toBe(8);
  });

  it('prepareInput augments (optionally) and preprocesses into a new tensor', () => {
    const before = tf.memory().numTensors;
    const a = prepareInput(x, 'tf', false, 0);
    const b = prepareInput(x, 'tf', AUGMENT_OFF, 0);
    expect(a.dataSync()[0]).toBe(-1);
    expect(Array.from(b.dataSync())).toEqual(Array.from(a.dataSync()));
    tf.dispose([a, b]);
    expect(tf.memory().numTensors).toBe(before);
  });
});
