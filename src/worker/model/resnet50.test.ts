import * as tf from '@tensorflow/tfjs';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildResNet50, featureChannels, modernLayerName, outputLayerName, weightLayerNames } from './resnet50';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

interface FixtureWeight { name: string; shape: number[] }
function fixtureWeights(folder: string): FixtureWeight[] {
  const url = new URL(`../../../../shared/fixtures/keras-resnet50/${folder}/model.json`, import.meta.url);
  const json = JSON.parse(readFileSync(url, 'utf8')) as { weightsManifest: { weights: FixtureWeight[] }[] };
  return json.weightsManifest.flatMap((g) => g.weights);
}

describe('buildResNet50 (full)', () => {
  // Building is ~1 s on the pure-JS backend; predictions on the full net are left to the tiny variant.
  const model = buildResNet50({ variant: 'resnet50', seed: 1 });

  it('has exactly the parameter count of Keras ResNet50(include_top=False)', () => {
    expect(model.countParams()).toBe(23_587_712);
    expect(model.layers.length).toBe(175); // Keras' notop model has 175 layers, input included
  });

  it('takes any image size and ends at conv5_block3_out with 2048 channels', () => {
    expect(model.inputs[0].shape).toEqual([null, null, null, 3]);
    expect(model.layers[0].name).toBe('input_1');
    expect(model.outputs[0].shape).toEqual([null, null, null, 2048]);
    expect(model.layers[model.layers.length - 1].name).toBe('conv5_block3_out');
    expect(outputLayerName('resnet50')).toBe('conv5_block3_out');
    expect(featureChannels('resnet50')).toBe(2048);
  });

  it('gives the Keras feature-map size at 64, 128 and 224 px (stride 32, same padding rules)', () => {
    // Symbolic shape inference through every layer: the same arithmetic Keras does, without a 224 px forward pass.
    expect(model.computeOutputShape([1, 64, 64, 3])).toEqual([1, 2, 2, 2048]);
    expect(model.computeOutputShape([1, 128, 128, 3])).toEqual([1, 4, 4, 2048]);
    expect(model.computeOutputShape([1, 224, 224, 3])).toEqual([1, 7, 7, 2048]);
    expect(model.computeOutputShape([2, 192, 256, 3])).toEqual([2, 6, 8, 2048]);
  });

  it('uses Keras layer names, biases on convs and BN epsilon 1.001e-5', () => {
    const names = model.layers.map((l) => l.name);
    expect(names.slice(0, 7)).toEqual(['input_1', 'conv1_pad', 'conv1_conv', 'conv1_bn', 'conv1_relu', 'pool1_pad', 'pool1_pool']);
    for (const n of ['conv2_block1_0_conv', 'conv2_block1_0_bn', 'conv2_block1_1_relu', 'conv2_block1_add', 'conv2_block1_out', 'conv4_block6_3_bn'])
      expect(names).toContain(n);
    expect(names).not.toContain('conv2_block2_0_conv'); // only the first block of a stage projects
    const bn = model.getLayer('conv3_block2_2_bn').getConfig();
    expect(bn.epsilon).toBeCloseTo(1.001e-5, 10);
    expect(bn.axis).toBe(3);
    expect(model.getLayer('conv1_conv').getConfig().useBias).toBe(true);
    expect(model.getLayer('conv3_block1_1_conv').getConfig().strides).toEqual([2, 2]); // Keras strides the 1x1
    const weighted = model.layers.filter((l) => l.weights.length > 0).map((l) => l.name);
    expect([...weighted].sort()).toEqual([...weightLayerNames('resnet50')].sort());
  });

  it.each(['keras-2.2.4-gap-top', 'keras-2.1.6-avgpool-flatten-top'])(
    'matches every weight shape of the real Keras conversion %s through the legacy-name mapping',
    (folder) => {
      const ours = new Map(model.weights.map((w) => [w.originalName, w.shape]));
      let matched = 0;
      for (const w of fixtureWeights(folder)) {
        const [layer, weight] = w.name.split('/');
        if (layer === 'fc1000') continue;
        const modern = modernLayerName(layer);
        expect(modern, layer).not.toBeNull();
        expect(ours.get(`${modern}/${weight}`), w.name).toEqual(w.shape);
        matched++;
      }
      expect(matched).toBe(ours.size);
    },
  );
});

describe('buildResNet50 (tiny)', () => {
  it('keeps the naming scheme with fewer blocks and channels, and predicts at small sizes', () => {
    const tiny = buildResNet50({ variant: 'resnet50-tiny', seed: 3 });
    expect(tiny.outputs[0].shape).toEqual([null, null, null, featureChannels('resnet50-tiny')]);
    expect(featureChannels('resnet50-tiny')).toBe(256);
    expect(tiny.layers[tiny.layers.length - 1].name).toBe('conv5_block1_out');
    expect(tiny.countParams()).toBeLessThan(200_000);
    for (const size of [32, 48]) {
      const x = tf.randomUniform([2, size, size, 3], -100, 100);
      const y = tiny.predict(x) as tf.Tensor;
      const cells = Math.ceil(size / 32); // 48 px: 24, 12, 6, 3, then a strided 1x1 conv gives 2
      expect(y.shape).toEqual([2, cells, cells, 256]);
      expect(Number.isFinite(y.sum().dataSync()[0])).toBe(true);
      tf.dispose([x, y]);
    }
    tiny.dispose();
  });

  it('gives the same weights for the same seed and different ones otherwise', () => {
    const a = buildResNet50({ variant: 'resnet50-tiny', seed: 7 });
    const b = buildResNet50({ variant: 'resnet50-tiny', seed: 7 });
    const c = buildResNet50({ variant: 'resnet50-tiny', seed: 8 });
    const kernel = (m: tf.LayersModel, layer: string): Float32Array =>
      m.getLayer(layer).getWeights()[0].dataSync() as Float32Array;
    for (const layer of ['conv1_conv', 'conv3_block1_2_conv', 'conv5_block1_3_conv']) {
      expect(kernel(a, layer)).toEqual(kernel(b, layer));
      expect(kernel(a, layer)).not.toEqual(kernel(c, layer));
    }
    // Different layers of one model must not share a seed (equal shapes would give equal kernels).
    expect(kernel(a, 'conv2_block1_1_conv')).not.toEqual(kernel(a, 'conv2_block1_2_conv').slice(0, 64));
    [a, b, c].forEach((m) => m.dispose());
  });
});
