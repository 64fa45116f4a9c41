import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildClassifier } from '../model/classifier';
import { buildResNet50 } from '../model/resnet50';
import { arrayBatchSource } from './batches';
import { layerGroups } from './layerGroups';
import { lrFind } from './lrFind';
import { AdamW } from './optimizer';
import { trainStep } from './trainStep';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('lrFind on resnet50-tiny at 16 px (unfrozen: every weight moves)', () => {
  it('ramps the lr, records smoothed losses, and restores weights, BN statistics and optimizer state exactly', async () => {
    const c = buildClassifier(buildResNet50({ variant: 'resnet50-tiny', seed: 1 }), ['a', 'b'], { seed: 2, hidden: 32 });
    const groups = layerGroups(c);
    const opt = new AdamW(groups);
    const x = tf.randomUniform([12, 16, 16, 3], 0, 255, 'float32', 7) as tf.Tensor4D;
    const y = tf.oneHot(tf.tensor1d([0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1], 'int32'), 2) as tf.Tensor2D;
    // one real step first, so there is optimizer state (head only) to preserve
    const warm = tf.tidy(() => {
      const input = tf.sub(tf.div(x.slice(0, 4), 127.5), 1) as tf.Tensor4D;
      return trainStep({ classifier: c, groups, optimizer: opt, x: input, yOneHot: y.slice(0, 4), frozen: true, lrs: groups.map(() => 1e-3) });
    });
    warm.dispose();
    const headVar = groups[groups.length - 1].params[0].variable;
    const bodyVar = groups[0].params[0].variable;
    const weightsBefore = c.model.weights.map((w) => Array.from(w.read().dataSync()));
    const stateBefore = opt.getState();
    const stateBeforeValues = stateBefore.map((s) => [s.name, Array.from(s.tensor.dataSync())] as const);
    tf.dispose(stateBefore.map((s) => s.tensor));
    const tensorsBefore = tf.memory().numTensors;

    const steps: number[] = [];
    // 3 batches per epoch: the finder must run several epochs to reach 10 steps
    const r = await lrFind({
      classifier: c, groups, optimizer: opt, preprocessing: 'tf', frozen: false, numIt: 10, startLr: 1e-6, endLr: 1,
      batches: arrayBatchSource(x, y, { batchSize: 4, shuffleSeed: 1 }), stopDiv: false,
      onStep: (e) => steps.push(e.iteration),
    });
    expect(r.lrs).toHaveLength(10);
    expect(steps).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(r.lrs[0]).toBeCloseTo(1e-6, 12);
    for (let i = 1; i < 10; i++) expect(r.lrs[i] / r.lrs[i - 1]).toBeCloseTo(10 ** 0.6, 6);
    expect(r.losses.every(Number.isFinite)).toBe(true);
    // 10 points minus 1 skipped at the start and 5 at the end: 4 left, enough for a valley
    expect(r.suggestion === null || r.lrs.includes(r.suggestion.lr)).toBe(true);

    expect(c.model.weights.map((w) => Array.from(w.read().dataSync()))).toEqual(weightsBefore);
    expect(opt.stepOf(headVar)).toBe(1);
    expect(opt.stepOf(bodyVar)).toBe(0);
    const stateAfter = opt.getState();
    expect(stateAfter.map((s) => [s.name, Array.from(s.tensor.dataSync())])).toEqual(stateBeforeValues);
    tf.dispose(stateAfter.map((s) => s.tensor));
    expect(tf.memory().numTensors).toBe(tensorsBefore);
    tf.dispose([x, y]);
    opt.dispose();
  });
});
