import * as tf from '@tensorflow/tfjs';
import { chooseBackend } from '../../shared/backendChoice';
import type { BackendName } from '../../shared/protocol';
import { AUGMENT_DEFAULTS } from '../../shared/train/augmentParams';
import { costAtSize } from '../../shared/train/fullEstimate';
import { SOFTWARE_TRAIN_OVER_WASM_FORWARD, SOFTWARE_TRAIN_OVERHEAD_MS, type FastProbe, type ProbeResult, type ProbeTiming } from '../../shared/train/trainMode';
import type { Classifier } from '../model/classifier';
import type { Preprocessing } from '../model/preprocessing';
import { squaresToBatch } from '../preprocess/input';
import { prepareInput } from './batches';
import { headLogits, poolFeatures } from './headFeatures';
import { crossEntropy } from './loss';
import { decodeSquare, loadStoredSplit } from './storedDataset';
import { probeCapabilities } from '../backends';
import { checkProbe, probeTrainingSteps, STEP_PROBE_CALLS } from './stepProbe';
import type { ModelSession } from '../session';

/**
 * What the probe tells while it runs (the UI shows it: on a software GPU a ResNet50 probe takes minutes), and
 * whether to stop: checked between timed calls, so a Train click or a newer probe waits for one timed call at most.
 */
export interface ProbeHooks {
  progress: (what: string, done: number, total: number) => void;
  aborted: () => boolean;
}

/** Wall time of `run` after one untimed call that compiles kernels or shaders for these shapes. */
async function timed(run: () => Promise<void>, hooks?: ProbeHooks): Promise<number> {
  await run();
  checkProbe(hooks);
  const t0 = performance.now();
  await run();
  return performance.now() - t0;
}

/**
 * Times the loaded model on zeros: a backbone forward per image at each size (fast mode's cost), and where
 * the current backend can train convolutions, full mode's training steps (stepProbe.ts: a throwaway copy of
 * the architecture, so nothing of the loaded model changes). On wasm, full mode would train elsewhere: its
 * step is estimated from the forward time and a ratio measured on a software adapter, unless `timeTraining`
 * (full mode is chosen): then full mode's steps are timed on the backend training will switch to
 * (stepProbe.ts), which also compiles its kernels for the run.
 */
export async function probeModes(
  session: ModelSession, sizes: readonly number[], batch: number, dataset: string | null, timeTraining = false, hooks?: ProbeHooks,
): Promise<ProbeResult> {
  const current = session.current;
  if (!current) throw new Error('No model is loaded yet.');
  const { classifier } = current;
  const backend = tf.getBackend() as BackendName;
  const canTrain = backend !== 'wasm';
  let trainBackend: string = backend;
  let ratio = SOFTWARE_TRAIN_OVER_WASM_FORWARD;
  let overheadMs = SOFTWARE_TRAIN_OVERHEAD_MS;
  if (!canTrain) {
    const caps = await probeCapabilities();
    trainBackend = chooseBackend(caps, null, 'training').order[0];
    const hardware = (trainBackend === 'webgpu' && caps.webgpu && !caps.webgpu.software) || (trainBackend === 'webgl' && caps.webgl && !caps.webgl.software);
    // On a real GPU a training step costs less than a wasm forward; 3× the forward is a cautious guess.
    if (hardware) {
      ratio = 3;
      overheadMs = 0;
    }
  }
  const unique = [...new Set(sizes)].sort((a, b) => a - b);
  const timeSteps = canTrain || timeTraining;
  // one unit per forward size, six timed calls per training size, one for fast mode's pipeline
  const total = unique.length + (timeSteps ? STEP_PROBE_CALLS * unique.length : 0) + (dataset ? 1 : 0);
  let done = 0;
  const forward: { size: number; ms: number }[] = [];
  for (const size of unique) {
    checkProbe(hooks);
    hooks?.progress(`a ${backend} forward at ${size} px`, done, total);
    const n = Math.max(1, Math.min(batch, 8));
    const x = tf.zeros([n, size, size, 3]) as tf.Tensor4D;
    try {
      const ms = await timed(async () => {
        const y = tf.tidy(() => classifier.backbone.apply(x, { training: false }) as tf.Tensor);
        await y.data();
        y.dispose();
      }, hooks);
      forward.push({ size, ms: ms / n });
    } finally {
      x.dispose();
    }
    done += 1;
  }
  // Full mode's steps, timed where training will run: here, or (wasm, full mode chosen) on the backend
  // training switches to. Each size's first call compiles what the run then reuses.
  const stepsStart = done;
  const steps = timeSteps
    ? await probeTrainingSteps(classifier, current.preprocessing, trainBackend, unique, Math.max(1, batch), hooks && {
      aborted: hooks.aborted,
      progress: (what, calls) => hooks.progress(what, stepsStart + calls, total),
    })
    : undefined;
  done = stepsStart + (timeSteps ? STEP_PROBE_CALLS * unique.length : 0);
  const timings: ProbeTiming[] = forward.map((f) => ({
    size: f.size,
    forwardMs: f.ms,
    trainMs: steps?.length ? costAtSize(steps, f.size, 'stepMs') / steps[0].batch : f.ms * ratio + overheadMs,
  }));
  let fast: FastProbe | undefined;
  if (dataset) {
    checkProbe(hooks);
    hooks?.progress(`fast mode on ${backend}: decoding, a view through the backbone, a head step`, done, total);
    try {
      fast = await probeFastPipeline(classifier, current.preprocessing, dataset, unique[unique.length - 1], batch);
    } catch {
      fast = undefined; // no readable dataset yet: the estimate falls back to the forward timings
    }
    checkProbe(hooks);
  }
  return { backend, trainBackend, trainMeasured: Boolean(steps?.length), timings, fast, steps };
}

/**
 * Fast mode's real per-image costs on up to 8 stored training images at the last size: decoding, one
 * augmented view through the frozen backbone, and a head step (inference mode, gradients dropped, so the
 * session's head and its BN statistics stay as they are).
 */
async function probeFastPipeline(classifier: Classifier, preprocessing: Preprocessing, dataset: string, size: number, batch: number): Promise<FastProbe> {
  const split = await loadStoredSplit(dataset);
  const images = split.train.slice(0, Math.max(1, Math.min(8, batch)));
  const n = images.length;
  // held in an object: TypeScript does not see the closures assign them
  const held: { x: tf.Tensor4D | null; pooled: tf.Tensor2D | null } = { x: null, pooled: null };
  const decode = async () => {
    const pixels = await Promise.all(images.map(decodeSquare));
    held.x?.dispose();
    held.x = squaresToBatch(pixels, size);
    await held.x.data();
  };
  try {
    const decodeMs = (await timed(decode)) / n;
    const view = async () => {
      const input = prepareInput(held.x!, preprocessing, AUGMENT_DEFAULTS, 1);
      held.pooled?.dispose();
      held.pooled = tf.tidy(() => poolFeatures(classifier, classifier.backbone.apply(input, { training: false }) as tf.Tensor4D));
      input.dispose();
      await held.pooled.data();
    };
    const viewMs = (await timed(view)) / n;
    const variables = classifier.head.trainableWeights.map((w) => w.read() as tf.Variable);
    const labels = tf.tidy(() => tf.oneHot(tf.zeros([n], 'int32'), classifier.classNames.length).toFloat());
    const headStepMs = await timed(async () => {
      const { value, grads } = tf.variableGrads(
        () => crossEntropy(headLogits(classifier, held.pooled!, false), labels),
        variables,
      );
      await value.data();
      tf.dispose([value, ...Object.values(grads)]);
    }).finally(() => labels.dispose());
    return { size, decodeMs, viewMs, headStepMs };
  } finally {
    held.x?.dispose();
    held.pooled?.dispose();
  }
}
