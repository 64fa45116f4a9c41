import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildClassifier, type Classifier } from '../model/classifier';
import { buildResNet50 } from '../model/resnet50';
import { PROBE_CANCELLED, probeTrainingSteps, STEP_PROBE_CALLS } from './stepProbe';

// The full-mode probe tells what it times (a ResNet50 probe on a software GPU takes minutes) and stops between
// two timed calls when cancelled (a Train click must not wait for it), leaving no tensor behind either way.
let template: Classifier;

beforeAll(async () => {
  await tf.setBackend('cpu');
  template = buildClassifier(buildResNet50({ variant: 'resnet50-tiny', seed: 1 }), ['a', 'b'], { seed: 2, hidden: 8 });
});

afterAll(() => template.model.dispose());

describe('probeTrainingSteps', () => {
  it('reports each timed call in order, the first of a size as compiling, and times every size', async () => {
    const seen: { what: string; calls: number }[] = [];
    const before = tf.memory().numTensors;
    const steps = await probeTrainingSteps(template, 'tf', 'cpu', [24, 16], 2, {
      progress: (what, calls) => seen.push({ what, calls }),
      aborted: () => false,
    });
    expect(tf.memory().numTensors).toBe(before);
    expect(steps.map((s) => s.size)).toEqual([16, 24]);
    expect(seen.map((s) => s.calls)).toEqual(Array.from({ length: 2 * STEP_PROBE_CALLS }, (_, i) => i));
    expect(seen[0].what).toBe('a full fine_tune training step at 16 px on cpu (compiling for this size)');
    expect(seen[1].what).toBe('a full fine_tune training step at 16 px on cpu');
    expect(seen[3].what).toBe('a validation forward at 16 px on cpu (compiling for this size)');
    expect(seen[STEP_PROBE_CALLS].what).toMatch(/training step at 24 px on cpu \(compiling/);
  }, 60_000);

  it('stops at the next call once cancelled, and disposes its throwaway model', async () => {
    const before = tf.memory().numTensors;
    let calls = 0;
    const run = probeTrainingSteps(template, 'tf', 'cpu', [16], 2, {
      progress: () => { calls += 1; },
      aborted: () => calls >= 2,
    });
    await expect(run).rejects.toThrow(PROBE_CANCELLED);
    expect(calls).toBe(2);
    expect(tf.memory().numTensors).toBe(before);
  }, 60_000);
});
