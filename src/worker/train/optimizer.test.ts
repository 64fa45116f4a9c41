import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ParamGroup } from './layerGroups';
import { AdamW } from './optimizer';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** AdamW in plain numbers, fastai's order, for one element. */
function reference(p: number, g: number, m: number, v: number, t: number, lr: number, b1: number, decay: boolean) {
  const b2 = 0.99;
  const eps = 1e-5;
  if (decay) p *= 1 - lr * 0.01;
  m = b1 * m + (1 - b1) * g;
  v = b2 * v + (1 - b2) * g * g;
  p -= ((lr / (1 - b1 ** t)) * m) / (Math.sqrt(v / (1 - b2 ** t)) + eps);
  return { p, m, v };
}

function setup() {
  const kernel = tf.variable(tf.tensor1d([1, -2]), true);
  const bias = tf.variable(tf.tensor1d([0.5]), true);
  const groups: ParamGroup[] = [
    { name: 'body', params: [{ variable: kernel, name: 'l/kernel', decay: true }] },
    { name: 'head', params: [{ variable: bias, name: 'l/bias', decay: false }] },
  ];
  // loss = Σ kernel² + 3·Σ bias → grads 2·kernel and 3
  const loss = () => tf.add(tf.sum(tf.square(kernel)), tf.mul(tf.sum(bias), 3)) as tf.Scalar;
  return { kernel, bias, groups, loss };
}

describe('AdamW', () => {
  it('matches a hand-computed AdamW step, with per-group lrs, a changed beta1 and no decay on biases', () => {
    const { kernel, bias, groups, loss } = setup();
    const opt = new AdamW(groups);
    let ref = [1, -2].map((p) => ({ p, m: 0, v: 0 }));
    let refBias = { p: 0.5, m: 0, v: 0 };
    const hypers = [{ lrs: [0.1, 0.01], beta1: 0.95 }, { lrs: [0.05, 0.02], beta1: 0.85 }, { lrs: [0.2, 0.03] }];
    hypers.forEach((h, i) => {
      const { value, grads } = tf.variableGrads(loss, [kernel, bias]);
      opt.applyGradients(grads, h);
      tf.dispose([value, ...Object.values(grads)]);
      const b1 = h.beta1 ?? 0.9;
      ref = ref.map((r) => reference(r.p, 2 * r.p, r.m, r.v, i + 1, h.lrs[0], b1, true));
      refBias = reference(refBias.p, 3, refBias.m, refBias.v, i + 1, h.lrs[1], b1, false);
      const k = kernel.dataSync();
      expect(k[0]).toBeCloseTo(ref[0].p, 6);
      expect(k[1]).toBeCloseTo(ref[1].p, 6);
      expect(bias.dataSync()[0]).toBeCloseTo(refBias.p, 6);
    });
    expect(opt.stepOf(kernel)).toBe(3);
    // first step: Adam moves each element by ~lr·sign(g), and decay shrinks the kernel by lr·wd
    expect(reference(1, 2, 0, 0, 1, 0.1, 0.9, true).p).toBeCloseTo(0.999 - 0.1, 4);
    opt.dispose();
    tf.dispose([kernel, bias]);
  });

  it('leaves variables without gradients (frozen) and their state alone', () => {
    const { kernel, bias, groups, loss } = setup();
    const opt = new AdamW(groups);
    const { value, grads } = tf.variableGrads(loss, [bias]);
    opt.applyGradients(grads, { lrs: [0.1, 0.1] });
    tf.dispose([value, ...Object.values(grads)]);
    expect(Array.from(kernel.dataSync())).toEqual([1, -2]);
    expect(opt.stepOf(kernel)).toBe(0);
    expect(opt.stepOf(bias)).toBe(1);
    expect(() => opt.applyGradients({}, { lrs: [0.1] })).toThrow(/2 learning rates/);
    opt.dispose();
    tf.dispose([kernel, bias]);
  });

  it('exports and imports its state as named tensors: a restored optimizer continues identically', async () => {
    const a = setup();
    const b = setup();
    const optA = new AdamW(a.groups);
    const optB = new AdamW(b.groups);
    const step = (s: ReturnType<typeof setup>, opt: AdamW, lr: number) => {
      const { value, grads } = tf.variableGrads(s.loss, [s.kernel, s.bias]);
      opt.applyGradients(grads, { lrs: [lr, lr] });
      tf.dispose([value, ...Object.values(grads)]);
    };
    step(a, optA, 0.1);
    step(a, optA, 0.1);
    const state = optA.getState();
    expect(state.map((s) => s.name).sort()).toEqual(['l/bias/m', 'l/bias/step', 'l/bias/v', 'l/kernel/m', 'l/kernel/step', 'l/kernel/v']);
    b.kernel.assign(a.kernel);
    b.bias.assign(a.bias);
    await optB.setState(state);
    tf.dispose(state.map((s) => s.tensor));
    expect(optB.stepOf(b.kernel)).toBe(2);
    const before = tf.memory().numTensors;
    step(a, optA, 0.05);
    step(b, optB, 0.05);
    expect(Array.from(b.kernel.dataSync())).toEqual(Array.from(a.kernel.dataSync()));
    expect(Array.from(b.bias.dataSync())).toEqual(Array.from(a.bias.dataSync()));
    expect(tf.memory().numTensors).toBe(before);
    optA.dispose();
    optB.dispose();
    tf.dispose([a.kernel, a.bias, b.kernel, b.bias]);
  });
});
