import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UNTRAINED } from '../shared/modelOrigin';
import type { BackendInfo, ModelInfo } from '../shared/protocol';
import { buildClassifier } from './model/classifier';
import { buildResNet50 } from './model/resnet50';
import { gradCam } from './predict/gradCam';
import { ModelSession } from './session';
import { armFaults } from './train/deviceRecovery';

// A lost device takes every tensor of the backend: the session rebuilds its classifier from its CPU copy.

/** What resetBackend does, on cpu: the backend and all its tensors are thrown away and started afresh. */
async function restartCpu(): Promise<BackendInfo> {
  const factory = tf.findBackendFactory('cpu')!;
  tf.removeBackend('cpu');
  tf.registerBackend('cpu', factory, 1);
  await tf.setBackend('cpu');
  return { backend: 'cpu', adapter: 'none', software: false, reason: 'restarted by the test' };
}

beforeAll(async () => {
  await tf.setBackend('cpu');
  // cpu cannot lose a device: the test fault makes the session keep a copy anyway
  armFaults([{ kind: 'predict-device-lost', step: 0 }]);
});
afterAll(() => armFaults([]));

describe('rebuilding the model after a lost device', () => {
  it('gives the same predictions from the copy on the restarted backend, and Grad-CAM still works', async () => {
    const classes = ['films', 'porous', 'tips'];
    const c = buildClassifier(buildResNet50({ variant: 'resnet50-tiny', seed: 1 }), classes, { seed: 2 });
    const info: ModelInfo = {
      backbone: 'resnet50-tiny', pretrained: false, weightsNote: '', params: c.model.countParams(), modelParams: c.model.countParams(), classNames: classes,
      headTrained: true, preprocessing: 'caffe', inputSize: 32, origin: UNTRAINED,
    };
    const session = new ModelSession();
    session.adopt(c, 'caffe', info);
    const modelId = session.modelId;
    const input = Array.from(tf.randomUniform([3, 32, 32, 3], -100, 150, 'float32', 5).dataSync());
    const predict = () => tf.tidy(() => Array.from((session.predictor().classifier.model.predict(tf.tensor4d(input, [3, 32, 32, 3])) as tf.Tensor).dataSync()));
    const before = predict();

    const seen = session.generation;
    const info2 = await session.rebuildAfterDeviceLoss(seen, restartCpu);
    expect(info2?.reason).toBe('restarted by the test');
    expect(() => c.model.predict(tf.zeros([1, 32, 32, 3]))).toThrow(); // the old model's tensors are gone
    expect(session.generation).toBe(seen + 1);
    expect(session.modelId).toBe(modelId); // the same model as far as Evaluate is concerned
    expect(session.predictor().classifier.classNames).toEqual(classes);
    const after = predict();
    after.forEach((v, i) => expect(v).toBeCloseTo(before[i], 6));

    // a second job that saw the same loss does not restart again
    expect(await session.rebuildAfterDeviceLoss(seen, restartCpu)).toBeNull();

    // backbone and head are split as buildClassifier makes them
    const rebuilt = session.predictor().classifier;
    const x = tf.tensor4d(input.slice(0, 32 * 32 * 3), [1, 32, 32, 3]);
    const cam = gradCam(rebuilt, x, 1);
    expect(cam.cam.shape.length).toBe(2);
    expect(cam.probs.dataSync()[1]).toBeCloseTo(after[1], 5);
    tf.dispose([x, cam.cam, cam.probs]);
    session.dispose();
  });

  it('says so plainly when no copy was kept', async () => {
    armFaults([]);
    const c = buildClassifier(buildResNet50({ variant: 'resnet50-tiny', seed: 1 }), ['a', 'b'], { seed: 2 });
    const session = new ModelSession();
    session.adopt(c, 'caffe', { backbone: 'x', pretrained: false, weightsNote: '', params: 0, modelParams: 0, classNames: ['a', 'b'], headTrained: true, preprocessing: 'caffe', inputSize: 32, origin: UNTRAINED });
    await expect(session.rebuildAfterDeviceLoss(session.generation, restartCpu)).rejects.toThrow(/no copy of the model was kept.*load the model again/);
    expect(session.current).toBeNull();
  });
});
