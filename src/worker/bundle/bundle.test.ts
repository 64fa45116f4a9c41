import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { unpackBundleZip } from '../../shared/bundle/validate';
import type { BundleExportMeta, ModelInfo } from '../../shared/protocol';
import { buildClassifier } from '../model/classifier';
import { buildResNet50 } from '../model/resnet50';
import { gradCam } from '../predict/gradCam';
import { ModelSession } from '../session';
import { exportBundle } from './exportBundle';
import { loadBundleClassifier } from './loadBundle';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const classes = ['particles', 'nanowires', 'porous'];
const meta: BundleExportMeta = {
  name: 'tiny test', appVersion: '0.1.0', dataBarCrop: true, metrics: { validAccuracy: 0.75 },
  training: { recipe: { schedule: '32x1', batchSize: 8 }, trainImages: 48, validImages: 24, stopped: false, epochs: [] },
};

function session(headTrained: boolean): ModelSession {
  const c = buildClassifier(buildResNet50({ variant: 'resnet50-tiny', seed: 1 }), classes, { seed: 2 });
  const info: ModelInfo = {
    backbone: 'resnet50-tiny', pretrained: false, weightsNote: 'none', params: c.model.countParams(), classNames: classes,
    headTrained, preprocessing: 'caffe', inputSize: 32,
  };
  const s = new ModelSession();
  s.adopt(c, 'caffe', info);
  return s;
}

describe('bundle export and import', () => {
  it("writes the data-bar crop the model was trained with, not the UI's current toggle; a bundle's crop sticks to it", async () => {
    const s = session(true);
    s.dataBarCrop = true; // what compute.worker.ts records after a run on a dataset with the crop on
    const { bytes } = await exportBundle(s, { ...meta, dataBarCrop: false }, () => undefined);
    expect(unpackBundleZip(bytes).bundle.preprocessing.dataBarCrop).toBe(true);
    const unknown = session(true);
    expect(unknown.dataBarCrop).toBeNull();
    const fromUi = await exportBundle(unknown, { ...meta, dataBarCrop: false }, () => undefined);
    expect(unpackBundleZip(fromUi.bytes).bundle.preprocessing.dataBarCrop).toBe(false);
    // adopting a bundle's model carries its preprocessing's crop
    const c = s.current!;
    unknown.adopt(c.classifier, c.preprocessing, c.info, { name: 'b', training: null, metrics: null, dataBarCrop: true });
    expect(unknown.dataBarCrop).toBe(true);
    s.current!.classifier.model.dispose();
  });

  it('gives back a classifier with identical predictions, class names and preprocessing', async () => {
    const s = session(true);
    const stages: string[] = [];
    const { bytes, fileName } = await exportBundle(s, meta, (stage) => stages.push(stage));
    expect(fileName).toMatch(/^tiny-test-\d{4}-\d{2}-\d{2}\.zip$/);
    expect(stages).toContain('zipping');
    const contents = unpackBundleZip(bytes);
    expect(contents.bundle.classNames).toEqual(classes);
    expect(contents.bundle.preprocessing).toEqual({ inputSize: 32, normalization: 'caffe', resize: 'center-square-bilinear', dataBarCrop: true });
    expect(contents.bundle.metrics).toEqual({ validAccuracy: 0.75 });
    expect(contents.bundle.training?.trainImages).toBe(48);
    expect(contents.card).toContain('Accuracy: 75.0%');

    const back = await loadBundleClassifier(contents);
    expect(back.classNames).toEqual(classes);
    const x = tf.randomUniform([2, 32, 32, 3], -100, 150, 'float32', 7);
    const a = s.current!.classifier.model.predict(x) as tf.Tensor;
    const b = back.model.predict(x) as tf.Tensor;
    expect(b.shape).toEqual([2, 3]);
    expect(tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]).toBeLessThan(1e-6);
    // Backbone and head are split at the nested head: Grad-CAM gets the feature map.
    expect(back.backbone.outputs[0].shape.length).toBe(4);
    const cam = gradCam(back, x.slice([0], [1]) as tf.Tensor4D, 0);
    expect(cam.cam.shape.length).toBe(2);
    // Predictions at another size work too: the network is open to any input size.
    expect((back.model.predict(tf.zeros([1, 48, 48, 3])) as tf.Tensor).shape).toEqual([1, 3]);
  });

  it('keeps an imported bundle\'s own history when it is exported again', async () => {
    const s = session(true);
    const first = unpackBundleZip((await exportBundle(s, meta, () => {})).bytes);
    const again = new ModelSession();
    again.adopt(await loadBundleClassifier(first), 'caffe', { ...s.current!.info }, {
      name: first.bundle.name, training: first.bundle.training, metrics: first.bundle.metrics, dataBarCrop: true,
    });
    const second = unpackBundleZip((await exportBundle(again, { ...meta, name: '', training: null, metrics: null }, () => {})).bytes);
    expect(second.bundle.name).toBe('tiny test');
    expect(second.bundle.metrics).toEqual({ validAccuracy: 0.75 });
  });

  it('a float16 bundle holds half the weight bytes and loads back with predictions within float16 rounding', async () => {
    const s = session(true);
    const full = unpackBundleZip((await exportBundle(s, meta, () => {})).bytes);
    const out = await exportBundle(s, { ...meta, float16: true }, () => {});
    expect(out.fileName).toMatch(/-float16\.zip$/);
    // No run was evaluated in this session: nothing to measure on, said as null rather than a made-up number.
    expect(out.float16).toBeNull();
    const half = unpackBundleZip(out.bytes);
    const bytes = (c: typeof full) => [...c.weights.values()].reduce((n, b) => n + b.byteLength, 0);
    expect(bytes(half)).toBe(bytes(full) / 2);
    const back = await loadBundleClassifier(half);
    const x = tf.randomUniform([2, 32, 32, 3], -100, 150, 'float32', 7);
    const a = s.current!.classifier.model.predict(x) as tf.Tensor;
    const b = back.model.predict(x) as tf.Tensor;
    expect(tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]).toBeLessThan(0.05);
    // The weights themselves are float16-rounded: changed, by at most half a float16 step (2^-11 relative).
    const w0 = s.current!.classifier.model.getWeights()[0].dataSync();
    const h0 = back.model.getWeights()[0].dataSync();
    let changed = 0;
    for (let i = 0; i < w0.length; i++) {
      if (w0[i] !== h0[i]) changed++;
      expect(Math.abs(w0[i] - h0[i])).toBeLessThanOrEqual(Math.abs(w0[i]) * 2 ** -11 + 2 ** -25);
    }
    expect(changed).toBeGreaterThan(0);
  });

  it('refuses to export an untrained head', async () => {
    await expect(exportBundle(session(false), meta, () => {})).rejects.toThrow(/not trained yet/);
  });
});
