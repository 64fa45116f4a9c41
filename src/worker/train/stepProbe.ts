import * as tf from '@tensorflow/tfjs';
import { AUGMENT_DEFAULTS } from '../../shared/train/augmentParams';
import type { StepTiming } from '../../shared/train/trainMode';
import { buildClassifier, type Classifier } from '../model/classifier';
import type { Preprocessing } from '../model/preprocessing';
import { prepareInput } from './batches';
import { layerGroups } from './layerGroups';
import { AdamW } from './optimizer';
import { evaluateBatch, trainStep } from './trainStep';

/**
 * A size after the first is timed only when its three steps and three forwards, predicted by pixel count from the
 * last size, take less than this: a step at 224 px on a software GPU takes minutes. (Its warm-up is not
 * counted: the run compiles the same kernels anyway.) Sizes left out are extrapolated (fullEstimate.ts).
 */
const STEP_PROBE_BUDGET_MS = 30_000;
/** The error a cancelled probe stops with (a Train click, or a newer probe, cancels it). */
export const PROBE_CANCELLED = 'The timing of the modes was cancelled.';

/** Throws when the probe was cancelled; called between timed calls. */
export function checkProbe(hooks: { aborted: () => boolean } | undefined): void {
  if (hooks?.aborted()) throw new Error(PROBE_CANCELLED);
}

/** Timed calls per size: three training steps and three forwards. */
export const STEP_PROBE_CALLS = 6;

/** Progress (`calls`: timed calls made so far over all sizes) and cancel, checked between calls. */
export interface StepProbeHooks {
  progress: (what: string, calls: number) => void;
  aborted: () => boolean;
}

/**
 * Times full mode's real work on `backend` (the one training runs on), at each size in ascending order
 * while the budget lasts: one training step as fit runs it (augmentation, preprocessing, forward and backward
 * over every layer, AdamW update, loss read back) and one inference forward (validation, PreciseBN), each
 * called three times: the first call compiles the kernels or shaders for these shapes (warm-up), the mean of
 * the other two is the cost. It runs on a throwaway copy of the model's architecture with fresh weights, so nothing of the loaded
 * model moves or changes; the backend's compiled programs stay, and the run at the same shapes reuses them.
 * The worker's backend is switched for the probe and switched back.
 */
export async function probeTrainingSteps(
  template: Classifier, preprocessing: Preprocessing, backend: string, sizes: readonly number[], batch: number, hooks?: StepProbeHooks,
): Promise<StepTiming[]> {
  const previous = tf.getBackend();
  if (backend !== previous && !(await tf.setBackend(backend))) throw new Error(`the ${backend} backend did not start`);
  let c: Classifier | null = null;
  let optimizer: AdamW | null = null;
  try {
    const body = await tf.models.modelFromJSON(template.backbone.toJSON(null, false) as tf.serialization.ConfigDict);
    c = buildClassifier(body, template.classNames, { seed: 1 });
    const groups = layerGroups(c);
    optimizer = new AdamW(groups);
    optimizer.initSlots();
    const out: StepTiming[] = [];
    for (const size of [...new Set(sizes)].sort((a, b) => a - b)) {
      const last = out[out.length - 1];
      if (last && 3 * (last.stepMs + last.forwardMs) * (size / last.size) ** 2 > STEP_PROBE_BUDGET_MS) break;
      out.push(await timeSize(c, groups, optimizer, preprocessing, size, batch, backend, hooks, STEP_PROBE_CALLS * out.length));
    }
    return out;
  } finally {
    optimizer?.dispose();
    c?.model.dispose();
    if (tf.getBackend() !== previous) await tf.setBackend(previous);
  }
}

async function timeSize(
  c: Classifier, groups: ReturnType<typeof layerGroups>, optimizer: AdamW, preprocessing: Preprocessing, size: number, batch: number,
  backend: string, hooks: StepProbeHooks | undefined, callsBefore: number,
): Promise<StepTiming> {
  const x = tf.fill([batch, size, size, 3], 128) as tf.Tensor4D;
  const y = tf.tidy(() => tf.oneHot(tf.zeros([batch], 'int32'), c.classNames.length).toFloat()) as tf.Tensor2D;
  const lrs = groups.map(() => 1e-9);
  const step = async () => {
    const input = prepareInput(x, preprocessing, AUGMENT_DEFAULTS, 1);
    try {
      const loss = trainStep({ classifier: c, groups, optimizer, x: input, yOneHot: y, frozen: false, lrs });
      await loss.data();
      loss.dispose();
    } finally {
      input.dispose();
    }
  };
  const forward = async () => {
    const input = tf.tidy(() => prepareInput(x, preprocessing, false, 0));
    await evaluateBatch(c, input, y).finally(() => input.dispose());
  };
  try {
    let calls = callsBefore;
    const t = (f: () => Promise<void>) => async () => {
      checkProbe(hooks);
      const what = f === step ? `a full fine_tune training step at ${size} px on ${backend}` : `a validation forward at ${size} px on ${backend}`;
      // the first call at a size compiles its kernels or shaders: say so, it is the long one
      hooks?.progress(calls === callsBefore || calls === callsBefore + 3 ? `${what} (compiling for this size)` : what, calls);
      const t0 = performance.now();
      await f();
      calls += 1;
      return performance.now() - t0;
    };
    // the mean of two calls after the first: one call alone is at the mercy of whatever else the machine does
    const firstStep = await t(step)();
    const stepMs = ((await t(step)()) + (await t(step)())) / 2;
    const firstForward = await t(forward)();
    const forwardMs = ((await t(forward)()) + (await t(forward)())) / 2;
    return { size, batch, stepMs, forwardMs, warmupMs: Math.max(0, firstStep - stepMs) + Math.max(0, firstForward - forwardMs) };
  } finally {
    tf.dispose([x, y]);
  }
}
