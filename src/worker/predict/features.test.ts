import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildClassifier } from '../model/classifier';
import { buildResNet50 } from '../model/resnet50';
import { classifierFromArtifacts } from '../bundle/loadBundle';
import { saveArtifacts } from '../model/layersModelFiles';
import { predictWithFeatures } from './features';
import { predictProbs } from './tta';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const close = (a: tf.Tensor, b: tf.Tensor) => expect(tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0])).toBeLessThan(1e-5);

describe('predictWithFeatures', () => {
  const c = buildClassifier(buildResNet50({ variant: 'resnet50-tiny', seed: 1 }), ['a', 'b', 'c'], { seed: 2, hidden: 16 });
  const x = tf.randomNormal([3, 32, 32, 3], 0, 1, 'float32', 5) as tf.Tensor4D;

  it('gives the classifier’s own probabilities, with and without TTA, and the head’s penultimate features', () => {
    for (const tta of [false, true]) {
      const before = tf.memory().numTensors;
      const { probs, features } = predictWithFeatures(c, x, tta);
      expect(tf.memory().numTensors).toBe(before + 2); // nothing else is left behind
      const want = predictProbs(c.model, x, tta);
      close(probs, want);
      expect(features!.shape).toEqual([3, 16]);
      tf.dispose([probs, features!, want]);
    }
  });

  it('gives the same features whatever TTA is (the reference is computed without it)', () => {
    const plain = predictWithFeatures(c, x, false);
    const tta = predictWithFeatures(c, x, true);
    close(plain.features!, tta.features!);
  });

  it('works on a classifier read back from a bundle’s model.json', async () => {
    const back = await classifierFromArtifacts(await saveArtifacts(c.model), c.classNames);
    close(predictWithFeatures(back, x, false).features!, predictWithFeatures(c, x, false).features!);
  });

  it('gives no features for a model without buildHead’s head (probabilities still come)', () => {
    const input = tf.input({ shape: [32, 32, 3] });
    const flat = tf.layers.globalAveragePooling2d({}).apply(input) as tf.SymbolicTensor;
    const model = tf.model({ inputs: input, outputs: tf.layers.dense({ units: 2, activation: 'softmax' }).apply(flat) as tf.SymbolicTensor });
    const plain = { model, backbone: model, head: model, classNames: ['a', 'b'] };
    const out = predictWithFeatures(plain, x, false);
    expect(out.features).toBeNull();
    expect(out.probs.shape).toEqual([3, 2]);
  });
});
