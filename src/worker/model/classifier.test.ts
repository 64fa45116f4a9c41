import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildClassifier } from './classifier';
import { buildResNet50 } from './resnet50';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const classes = ['ferrite', 'pearlite', 'martensite'];

function maxAbsDiff(a: tf.Tensor, b: tf.Tensor): number {
  return tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]);
}

describe('buildClassifier', () => {
  it('builds the fastai head with head_ names and gives probabilities', () => {
    const c = buildClassifier(buildResNet50({ variant: 'resnet50-tiny', seed: 1 }), classes, { seed: 2 });
    const headNames = c.head.layers.map((l) => l.name);
    expect(headNames.every((n) => n.startsWith('head_'))).toBe(true);
    expect(c.head.layers.map((l) => l.getClassName())).toEqual([
      'InputLayer', 'GlobalAveragePooling2D', 'GlobalMaxPooling2D', 'Concatenate', 'BatchNormalization', 'Dropout',
      'Dense', 'ReLU', 'BatchNormalization', 'Dropout', 'Dense',
    ]);
    expect(c.head.getLayer('head_dropout1').getConfig().rate).toBe(0.25);
    expect(c.head.getLayer('head_dropout2').getConfig().rate).toBe(0.5);
    // 256 features, concat pooling → 512 → BN(512) + Dense(512) + BN(512) + Dense(3)
    expect(c.head.countParams()).toBe(4 * 512 + (512 * 512 + 512) + 4 * 512 + (512 * 3 + 3));
    expect(c.model.countParams()).toBe(c.backbone.countParams() + c.head.countParams());
    const x = tf.randomUniform([2, 32, 32, 3], 0, 255);
    const p = c.model.predict(x) as tf.Tensor;
    expect(p.shape).toEqual([2, 3]);
    const sums = p.sum(1).dataSync();
    sums.forEach((s) => expect(s).toBeCloseTo(1, 5));
    tf.dispose([x, p]);
    c.model.dispose();
  });

  it('shares weights: training the head alone changes the composed model the same way', async () => {
    const c = buildClassifier(buildResNet50({ variant: 'resnet50-tiny', seed: 1 }), classes, { seed: 2, hidden: 16 });
    expect(c.model.getLayer('head')).toBe(c.head);
    expect(c.model.getLayer('conv1_conv')).toBe(c.backbone.getLayer('conv1_conv'));
    const x = tf.randomUniform([4, 32, 32, 3], 0, 255, 'float32', 5);
    const features = c.backbone.predict(x) as tf.Tensor;
    const before = c.model.predict(x) as tf.Tensor;
    c.head.compile({ optimizer: tf.train.adam(0.05), loss: 'categoricalCrossentropy' });
    await c.head.fit(features, tf.oneHot(tf.tensor1d([0, 1, 2, 0], 'int32'), 3), { epochs: 3, verbose: 0 });
    const after = c.model.predict(x) as tf.Tensor;
    const viaParts = c.head.predict(features) as tf.Tensor;
    expect(maxAbsDiff(before, after)).toBeGreaterThan(1e-4);
    expect(maxAbsDiff(after, viaParts)).toBeLessThan(1e-5);
    tf.dispose([x, features, before, after, viaParts]);
    c.model.dispose();
  });

  it('survives a save/load round trip as one model (for exporting bundles)', async () => {
    const c = buildClassifier(buildResNet50({ variant: 'resnet50-tiny', seed: 1 }), classes, { seed: 2, hidden: 8 });
    let saved: tf.io.ModelArtifacts | undefined;
    await c.model.save(tf.io.withSaveHandler(async (a) => {
      saved = a;
      return { modelArtifactsInfo: tf.io.getModelArtifactsInfoForJSON(a) };
    }));
    const loaded = await tf.loadLayersModel(tf.io.fromMemory(saved as tf.io.ModelArtifacts));
    const x = tf.randomUniform([1, 32, 32, 3], 0, 255);
    const a = c.model.predict(x) as tf.Tensor;
    const b = loaded.predict(x) as tf.Tensor;
    expect(maxAbsDiff(a, b)).toBeLessThan(1e-6);
    tf.dispose([x, a, b]);
    loaded.dispose();
    c.model.dispose();
  });

  it('refuses fewer than two classes and duplicates', () => {
    const b = buildResNet50({ variant: 'resnet50-tiny' });
    expect(() => buildClassifier(b, ['only'])).toThrow(/at least two classes/);
    expect(() => buildClassifier(b, ['a', 'a'])).toThrow(/unique/);
    b.dispose();
  });
});
