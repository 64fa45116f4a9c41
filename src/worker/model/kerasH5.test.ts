import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { BackboneError } from './errors';
import { loadH5Module, loadKerasH5Weights, type H5Module } from './kerasH5';
import { modernLayerName } from './layerNames';
import { buildResNet50 } from './resnet50';
import { legacyLayerName, writeKerasH5 } from './testKerasH5';

let h5: H5Module;
beforeAll(async () => {
  await tf.setBackend('cpu');
  h5 = await loadH5Module();
});

function expectWeights(model: tf.LayersModel, values: Map<string, Float32Array>): void {
  let checked = 0;
  for (const w of model.weights) {
    const want = values.get(w.originalName);
    expect(want, w.originalName).toBeDefined();
    expect(w.read().dataSync(), w.originalName).toEqual(want);
    checked++;
  }
  expect(checked).toBe(values.size);
}

describe('legacy ResNet layer names', () => {
  it('map to the modern ones and back', () => {
    expect(modernLayerName('res2a_branch2a')).toBe('conv2_block1_1_conv');
    expect(modernLayerName('bn4f_branch2c')).toBe('conv4_block6_3_bn');
    expect(modernLayerName('res3a_branch1')).toBe('conv3_block1_0_conv');
    expect(modernLayerName('bn_conv1')).toBe('conv1_bn');
    expect(modernLayerName('conv1')).toBe('conv1_conv');
    expect(modernLayerName('res4b1_branch2b')).toBe('conv4_block2_2_conv'); // ResNet-101 style
    expect(modernLayerName('fc1000')).toBeNull();
    expect(modernLayerName('activation_3')).toBeNull();
    for (const n of ['conv1_conv', 'conv1_bn', 'conv2_block3_2_bn', 'conv5_block1_0_conv']) expect(modernLayerName(legacyLayerName(n))).toBe(n);
  });
});

describe('loadKerasH5Weights', () => {
  it.each([
    ['modern names, save_weights layout', 'modern', 'weights'],
    ['legacy names (res2a_branch2a, bn_conv1), save_weights layout', 'legacy', 'weights'],
    ['modern names, model.save layout (model_weights/)', 'modern', 'model'],
  ] as const)('%s: sets every weight to the file value and skips the top', async (_label, names, layout) => {
    const model = buildResNet50({ variant: 'resnet50-tiny', seed: 1 });
    const { bytes, values } = await writeKerasH5(model, h5, { names, layout, top: true, seed: 42 });
    const result = await loadKerasH5Weights(model, bytes, h5);
    expect(result.loaded).toBe(model.layers.filter((l) => l.weights.length > 0).length);
    expect(result.skipped).toEqual([names === 'legacy' ? 'fc1000' : 'predictions']);
    expectWeights(model, values);
    const x = tf.ones([1, 32, 32, 3]);
    const y = model.predict(x) as tf.Tensor;
    expect(Number.isFinite(y.sum().dataSync()[0])).toBe(true);
    tf.dispose([x, y]);
    model.dispose();
  });

  it('loads without an injected module (dynamic import of h5wasm)', async () => {
    const model = buildResNet50({ variant: 'resnet50-tiny', seed: 1 });
    const { bytes, values } = await writeKerasH5(model, h5, { seed: 3 });
    await loadKerasH5Weights(model, bytes);
    expectWeights(model, values);
    model.dispose();
  });

  it('refuses a wrong shape, naming the layer, and leaves the model untouched', async () => {
    const model = buildResNet50({ variant: 'resnet50-tiny', seed: 1 });
    const before = model.getLayer('conv1_conv').getWeights()[1].dataSync().slice();
    const { bytes } = await writeKerasH5(model, h5, { names: 'legacy', wrongShapeLayer: 'conv3_block1_2_conv' });
    const err = await loadKerasH5Weights(model, bytes, h5).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BackboneError);
    expect((err as Error).message).toMatch(/Layer conv3_block1_2_conv \(res3a_branch2b in the file\): weight "kernel" has shape \[3, 3, 16, 17\] in the file but \[3, 3, 16, 16\]/);
    expect(model.getLayer('conv1_conv').getWeights()[1].dataSync()).toEqual(before);
    model.dispose();
  });

  it('refuses a file that leaves layers of the model without weights', async () => {
    const model = buildResNet50({ variant: 'resnet50-tiny', seed: 1 });
    const { bytes } = await writeKerasH5(model, h5, { dropLayer: 'conv4_block1_0_bn' });
    await expect(loadKerasH5Weights(model, bytes, h5)).rejects.toThrow(/1 layers get no weights \(conv4_block1_0_bn\)/);
    model.dispose();
  });

  it('refuses bytes that are not HDF5', async () => {
    const model = buildResNet50({ variant: 'resnet50-tiny', seed: 1 });
    await expect(loadKerasH5Weights(model, new TextEncoder().encode('not hdf5 at all').buffer as ArrayBuffer, h5)).rejects.toThrow(/not an HDF5 file/);
    model.dispose();
  });
});
