import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { unpackBundleZip } from '../../shared/bundle/validate';
import { bundleOrigin, trainedOrigin, type ModelOrigin } from '../../shared/modelOrigin';
import type { BundleExportMeta, ModelInfo } from '../../shared/protocol';
import { RECIPE_DEFAULTS } from '../../shared/train/recipe';
import { buildClassifier } from '../model/classifier';
import { buildResNet50 } from '../model/resnet50';
import { gradCam } from '../predict/gradCam';
import { ModelSession } from '../session';
import { buildNoveltyReference, noveltyOf } from '../../shared/novelty';
import { exportBundle } from './exportBundle';
import { loadBundleClassifier } from './loadBundle';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const classes = ['particles', 'nanowires', 'porous'];
const meta: BundleExportMeta = { name: 'tiny test', appVersion: '0.1.0' };
const epoch = (i: number, size: number, validLoss: number, validAccuracy: number) => ({
  epoch: i, phase: i === 0 ? 'frozen' : 'unfrozen', size, trainLoss: 1 - i / 10, validLoss, validAccuracy,
});
// A run of 3 epochs (2 at 32 px, 1 at 48 px) stopped after epoch 2 (0-based), keeping epoch 1: the lowest valid_loss.
const origin = trainedOrigin({
  runId: 'run-1', recipe: { ...RECIPE_DEFAULTS, schedule: '32x?,48x?', batchSize: 8, epochs: null, freezeEpochs: 1 },
  plan: { trainImages: 48, validImages: 24, perEpoch: [{ size: 32 }, { size: 32 }, { size: 48 }, { size: 48 }] },
  epochs: [epoch(0, 32, 0.9, 0.5), epoch(1, 32, 0.4, 0.75), epoch(2, 48, 0.6, 0.7)], keptEpoch: 1, stopped: true,
  normalization: 'caffe', inputSize: 32, dataBarCrop: true,
});

function session(headTrained: boolean, o: ModelOrigin = origin): ModelSession {
  const c = buildClassifier(buildResNet50({ variant: 'resnet50-tiny', seed: 1 }), classes, { seed: 2 });
  const info: ModelInfo = {
    backbone: 'resnet50-tiny', pretrained: false, weightsNote: 'none', params: c.model.countParams(), modelParams: c.model.countParams(), classNames: classes,
    headTrained, preprocessing: 'caffe', inputSize: 32, origin: o,
  };
  const s = new ModelSession();
  s.adopt(c, 'caffe', info);
  return s;
}

describe('bundle export and import', () => {
  it("writes the model's origin (run, kept epoch, sizes run, its metrics, its crop), whatever the UI shows", async () => {
    const s = session(true);
    expect(s.dataBarCrop).toBe(true); // the crop the run trained with, from its origin
    const perClass = [{ class: 'particles', precision: 1, recall: 0.5, f1: 0.667, support: 2 }];
    const { bytes } = await exportBundle(s, { ...meta, perClass }, () => undefined);
    const { bundle, card } = unpackBundleZip(bytes);
    expect(bundle.preprocessing.dataBarCrop).toBe(true);
    expect(bundle.training).toMatchObject({ runId: 'run-1', keptEpoch: 1, stopped: true, trainImages: 48, validImages: 24, plannedEpochs: 4 });
    expect(bundle.training?.epochs.map((e) => e.validLoss)).toEqual([0.9, 0.4, 0.6]);
    expect(bundle.training?.sizesRun).toEqual([{ size: 32, epochs: 2 }, { size: 48, epochs: 1 }]);
    // the schedule and epochs as the run resolved them, not `32x?,48x?` and `null`
    expect(bundle.training?.recipe).toMatchObject({ schedule: '32x2,48x2', epochs: 3, freezeEpochs: 1 });
    expect(bundle.metrics).toEqual({ validAccuracy: 0.75, perClass });
    expect(card).toContain('Ran 3 of 4 planned epochs: 2 at 32 px, 1 at 48 px (stopped early)');
    expect(card).toContain('Weights kept from epoch 2 (stopped early: the lowest valid_loss)');
    expect(card).toContain('Last epoch (3)');
    expect(card).not.toMatch(/null|\?/);
  });

  it('writes the crop as not known when nothing says it; a bundle\'s crop sticks to its model', async () => {
    const unknown = session(true, { kind: 'bundle', name: 'b', url: null, runId: null, keptEpoch: null, validAccuracy: null });
    expect(unknown.dataBarCrop).toBeNull();
    expect(unpackBundleZip((await exportBundle(unknown, meta, () => undefined)).bytes).bundle.preprocessing.dataBarCrop).toBeNull();
    const c = unknown.current!;
    const other = new ModelSession();
    other.adopt(c.classifier, c.preprocessing, c.info, { name: 'b', training: null, metrics: null, dataBarCrop: true });
    expect(other.dataBarCrop).toBe(true);
    other.dispose();
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
    again.adopt(await loadBundleClassifier(first), 'caffe', { ...s.current!.info, origin: bundleOrigin(first.bundle, null) }, {
      name: first.bundle.name, training: first.bundle.training, metrics: first.bundle.metrics, dataBarCrop: true,
    });
    expect(again.info?.origin).toEqual({ kind: 'bundle', name: 'tiny test', url: null, runId: 'run-1', keptEpoch: 1, validAccuracy: 0.75 });
    const second = unpackBundleZip((await exportBundle(again, { ...meta, name: '', perClass: [] }, () => {})).bytes);
    expect(second.bundle.name).toBe('tiny test');
    expect(second.bundle.metrics).toEqual({ validAccuracy: 0.75 });
    expect(second.bundle.training).toEqual(first.bundle.training);
  });

  it('carries the unfamiliar-image reference, which flags the same images after the import', async () => {
    const s = session(true);
    expect(unpackBundleZip((await exportBundle(s, meta, () => {})).bytes).bundle.novelty).toBeUndefined(); // none yet: none written
    const dims = 512; // the head's hidden width: the features' length
    const feats = Array.from({ length: 6 }, (_, i) => Array.from({ length: dims }, (_, d) => (d % 3 === i % 3 ? 1 : 0) + 0.01 * i));
    s.novelty = buildNoveltyReference(new Float32Array(feats.flat()), dims, [0, 1, 2, 0, 1, 2], 3, 32);
    const back = unpackBundleZip((await exportBundle(s, meta, () => {})).bytes);
    expect(back.bundle.novelty).toEqual(s.novelty);
    const off = Array.from({ length: dims }, (_, d) => (d === 7 ? 1 : 0));
    expect(noveltyOf(off, back.bundle.novelty!).unfamiliar).toBe(true);
    expect(noveltyOf(feats[1], back.bundle.novelty!).unfamiliar).toBe(false);
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
