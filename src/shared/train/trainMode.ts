// Full fine_tune versus the no-GPU fast mode, and the time each would take on this device, from a short
// probe the worker runs (src/worker/train/probe.ts). Pure: the UI shows the estimates before training.

import { fastStepsPerEpoch } from './fastBatches';
import { fullSecondsFromSteps, type StepTiming } from './fullEstimate';
import type { BackendInfo } from '../protocol';
import type { PlannedEpoch } from './recipe';

/**
 * full: fastai fine_tune, the whole network trains (conv gradients: WebGL/WebGPU/cpu).
 * fast: the frozen backbone's features are computed once per image and augmented view, cached, and only
 * the head trains on them; runs on wasm, the fastest inference path without a GPU.
 */
export type TrainMode = 'full' | 'fast';

/**
 * Default mode: fast where there is no real GPU (software adapter, wasm, cpu), but only over pretrained
 * weights. Frozen *random* features are not worth caching (a head on them learnt 0.44 on three easy
 * generated classes), so without pretrained weights the whole network always trains.
 */
export function defaultMode(backend: Pick<BackendInfo, 'backend' | 'software'> | null, pretrained = true): TrainMode {
  if (!backend || !pretrained) return 'full';
  return backend.software || backend.backend === 'wasm' || backend.backend === 'cpu' ? 'fast' : 'full';
}

/**
 * fine_tune's frozen epochs only make sense over pretrained features: from random weights the default is
 * none (the whole network trains from the first epoch, as fastai's fit_one_cycle on an unfrozen learner).
 */
export function defaultFreezeEpochs(pretrained: boolean, pretrainedDefault: number): number {
  return pretrained ? pretrainedDefault : 0;
}

/** Augmented views per training image in fast mode: bounds and the default (8, as the 8 dihedral symmetries). */
export const FAST_VIEWS = { min: 1, max: 32, default: 8 } as const;

/** What the worker measured, per image, at one image size. */
export interface ProbeTiming {
  size: number;
  /** backbone forward (inference mode) on the current backend, ms per image */
  forwardMs: number;
  /** one full training step on the backend full mode trains on, ms per image */
  trainMs: number;
}

/** Fast mode's pipeline timed on real stored images at the last size, ms. */
export interface FastProbe {
  size: number;
  /** reading and decoding one stored image (both modes pay it, full mode once per epoch) */
  decodeMs: number;
  /** one augmented view of one image: augmentation, preprocessing, backbone forward, pooling, read back */
  viewMs: number;
  /** one head training step on a batch of cached features */
  headStepMs: number;
}

export interface ProbeResult {
  /** absent when the dataset could not be read (the forward timings alone are used) */
  fast?: FastProbe;
  /** the backend the probe's forward ran on (fast mode's backend) */
  backend: string;
  /** the backend full mode trains on */
  trainBackend: string;
  /** false when trainMs comes from a measured ratio instead of a timed step (wasm cannot train convs) */
  trainMeasured: boolean;
  timings: ProbeTiming[];
  /** full mode's steps timed on `trainBackend` (ascending sizes); absent: only `timings` */
  steps?: StepTiming[];
}

export type { StepTiming };

/**
 * On a software adapter, a WebGL training step per image ≈ 90 wasm forwards of that image + 100 ms of
 * per-op overhead (batch 8). Fitted on the 2-core SwiftShader machine to ResNet50 at 64 px (2.4 s per image
 * vs a 26 ms forward) and resnet50-tiny at 32 px (~0.11 s per image vs ~0.1 ms); see docs/readme-fast.md.
 */
export const SOFTWARE_TRAIN_OVER_WASM_FORWARD = 90;
export const SOFTWARE_TRAIN_OVERHEAD_MS = 100;

export interface ModeEstimate {
  fastSeconds: number;
  fullSeconds: number;
  /** how the full estimate was obtained, in words */
  note: string;
}

/** Per-image cost at `size`, scaled by pixel count from the nearest probed size. */
function costAt(timings: readonly ProbeTiming[], size: number, key: 'forwardMs' | 'trainMs'): number {
  if (timings.length === 0) throw new RangeError('no probe timings');
  const nearest = timings.reduce((a, b) => (Math.abs(b.size - size) < Math.abs(a.size - size) ? b : a));
  return nearest[key] * (size / nearest.size) ** 2;
}

/**
 * Seconds for each mode. Full: from the steps timed on the training backend where the probe has them
 * (fullEstimate.ts); otherwise every epoch sees every training image (a forward pass alone in frozen epochs,
 * a training step otherwise) plus validation (forward only, on the training backend ≈ a third of a step).
 * Both read and decode every image they use (full mode once per epoch). Fast: with the pipeline probe, one
 * decode per image, one augmented forward per training view and validation image at the last size, and the
 * head's steps; without it, plain forwards + 2%.
 */
export function estimateModes(o: {
  plan: readonly PlannedEpoch[];
  trainImages: number;
  validImages: number;
  views: number;
  probe: ProbeResult;
  /** head steps per epoch in fast mode follow it; default 16 */
  batchSize?: number;
}): ModeEstimate {
  const decodeMs = o.probe.fast?.decodeMs ?? 0;
  let fullMs = 0;
  const steps = o.probe.steps;
  if (steps && steps.length > 0) {
    fullMs = 1000 * fullSecondsFromSteps({ plan: o.plan, trainImages: o.trainImages, validImages: o.validImages, batchSize: o.batchSize ?? 16, steps, decodeMs });
  } else {
    for (const e of o.plan) {
      const step = costAt(o.probe.timings, e.size, 'trainMs');
      const forward = step / 3;
      fullMs += o.trainImages * ((e.phase === 'frozen' ? forward : step) + decodeMs) + o.validImages * (forward + decodeMs);
    }
  }
  const last = o.plan.length ? o.plan[o.plan.length - 1].size : o.probe.timings[0].size;
  let fastMs: number;
  if (o.probe.fast) {
    const f = o.probe.fast;
    const view = f.viewMs * (last / f.size) ** 2;
    // an epoch passes over every cached view (fastBatches.ts)
    const headSteps = o.plan.length * fastStepsPerEpoch(o.trainImages, o.views, Math.max(1, o.batchSize ?? 16));
    fastMs = (o.trainImages + o.validImages) * decodeMs + (o.trainImages * o.views + o.validImages) * view + headSteps * f.headStepMs;
  } else {
    fastMs = (o.trainImages * o.views + o.validImages) * costAt(o.probe.timings, last, 'forwardMs') * 1.02;
  }
  const note = steps && steps.length > 0
    ? `full: training steps timed on ${o.probe.trainBackend} at ${steps.map((t) => t.size).join(', ')} px`
    : o.probe.trainMeasured
    ? `full: one training step timed on ${o.probe.trainBackend}`
    : `full: rough, a ${o.probe.trainBackend} step estimated from the ${o.probe.backend} forward (wasm cannot train convolutions)`;
  return { fastSeconds: fastMs / 1000, fullSeconds: fullMs / 1000, note };
}

/**
 * Fast mode's epochs: as many as the recipe's plan (freeze_epochs + epochs; the split means nothing when
 * only the head ever trains), all head-only, all at the schedule's last size, where the features are cached.
 */
export function fastEpochs(plan: readonly PlannedEpoch[]): PlannedEpoch[] {
  const last = plan[plan.length - 1];
  return plan.map(() => ({ phase: 'frozen', size: last.size, stage: last.stage }));
}

/** Bytes of the fast-mode feature cache: one pooled vector (avg + max, 2 × channels floats) per view. */
export function featureCacheBytes(trainImages: number, views: number, validImages: number, channels: number): number {
  return (trainImages * views + validImages) * 2 * channels * 4;
}
