import * as tf from '@tensorflow/tfjs';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConvertedBackbone } from '../../src/worker/model/convertedBackbone';
import { loadH5Module, loadKerasH5Weights, type H5Module } from '../../src/worker/model/kerasH5';
import { buildResNet50 } from '../../src/worker/model/resnet50';
import { writeKerasH5 } from '../../src/worker/model/testKerasH5';
import { convertKerasH5ToTfjs } from './convertKerasH5';

let h5: H5Module;
let dir: string;
beforeAll(async () => {
  await tf.setBackend('cpu');
  h5 = await loadH5Module();
  dir = await mkdtemp(join(tmpdir(), 'convert-h5-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('convertKerasH5ToTfjs', () => {
  it('writes a layers-model that loadConvertedBackbone reads back with identical outputs', async () => {
    const source = buildResNet50({ variant: 'resnet50-tiny', seed: 5 });
    const { bytes } = await writeKerasH5(source, h5, { names: 'legacy', top: true, seed: 9 });
    await loadKerasH5Weights(source, bytes, h5);

    // A stale shard from an earlier conversion must disappear.
    await writeFile(join(dir, 'group1-shard9of9.bin'), 'old');
    const result = await convertKerasH5ToTfjs(bytes, dir, { variant: 'resnet50-tiny', shardBytes: 100_000, h5 });
    expect(result.params).toBe(source.countParams());
    expect(result.skipped).toEqual(['fc1000']);
    const shardCount = Math.ceil((source.countParams() * 4) / 100_000);
    expect((await readdir(dir)).sort()).toEqual(result.files.slice().sort());
    expect(result.files).toHaveLength(shardCount + 1);

    const modelJson: unknown = JSON.parse(await readFile(join(dir, 'model.json'), 'utf8'));
    expect(modelJson).toMatchObject({ format: 'layers-model' });
    const { backbone, info } = await loadConvertedBackbone({
      modelJson,
      loadShard: async (p) => new Uint8Array(await readFile(join(dir, p))).buffer,
    });
    expect(info.cutAt).toBe('conv5_block1_out');
    const x = tf.randomUniform([2, 48, 48, 3], 0, 255, 'float32', 2);
    const [a, b] = [source.predict(x) as tf.Tensor, backbone.predict(x) as tf.Tensor];
    expect(tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0])).toBe(0);
    tf.dispose([x, a, b]);
    backbone.dispose();
    source.dispose();
  });
});
