// Full mode's time from training steps timed on the backend it trains on (src/worker/train/stepProbe.ts):
// the run's own batches (training steps, PreciseBN and validation forwards, decoding), plus compiling the
// kernels of every image size the probe did not time. Pure: the Mode box shows it before training.

import type { PlannedEpoch } from './recipe';

/** One size timed on the training backend, ms per batch of `batch` images. */
export interface StepTiming {
  size: number;
  batch: number;
  /** one training step as fit runs it: augmentation, forward and backward over every layer, update, loss read */
  stepMs: number;
  /** one inference forward (validation, PreciseBN) */
  forwardMs: number;
  /** what the first step and forward at these shapes cost on top (compiling kernels or shaders) */
  warmupMs: number;
}

/** PreciseBN's batches after each unfrozen epoch (trainJob: ~256 images, at most an epoch). */
export function preciseBnBatches(stepsPerEpoch: number, batchSize: number): number {
  return Math.min(stepsPerEpoch, Math.ceil(256 / batchSize));
}

/**
 * ms per batch at `size`: a timed size as timed; otherwise the line a + b·size² through the two nearest timed
 * sizes (a per-batch overhead plus a per-pixel cost; never below the pixel-free part), or from one timed
 * size, scaled by pixel count.
 */
export function costAtSize(steps: readonly StepTiming[], size: number, key: 'stepMs' | 'forwardMs'): number {
  if (steps.length === 0) throw new RangeError('no timed steps');
  const exact = steps.find((s) => s.size === size);
  if (exact) return exact[key];
  const near = [...steps].sort((p, q) => Math.abs(p.size - size) - Math.abs(q.size - size)).slice(0, 2);
  if (near.length === 1) return near[0][key] * (size / near[0].size) ** 2;
  const [p, q] = near;
  const b = (q[key] - p[key]) / (q.size ** 2 - p.size ** 2);
  if (!(b > 0)) return Math.max(p[key], q[key]);
  const a = Math.max(0, p[key] - b * p.size ** 2);
  return a + b * size ** 2;
}

/** Seconds of a full-mode run of `plan` from the timed steps. */
export function fullSecondsFromSteps(o: {
  plan: readonly PlannedEpoch[];
  trainImages: number;
  validImages: number;
  batchSize: number;
  steps: readonly StepTiming[];
  /** reading and decoding one stored image */
  decodeMs: number;
}): number {
  const bs = Math.max(1, Math.min(o.batchSize, o.trainImages));
  // the probe's batch may differ from the run's: per-batch costs scale with it
  const scale = bs / o.steps[0].batch;
  const stepsPerEpoch = Math.floor(o.trainImages / bs);
  const validBatches = Math.ceil(o.validImages / bs);
  const pbn = preciseBnBatches(stepsPerEpoch, bs);
  const timed = new Set(o.steps.map((s) => s.size));
  const warmup = o.steps.reduce((n, s) => n + s.warmupMs, 0) / o.steps.length;
  let ms = 0;
  const compiled = new Set<number>();
  for (const e of o.plan) {
    const step = costAtSize(o.steps, e.size, 'stepMs') * scale;
    const forward = costAtSize(o.steps, e.size, 'forwardMs') * scale;
    const unfrozen = e.phase === 'unfrozen';
    ms += stepsPerEpoch * (unfrozen ? step : forward) + validBatches * forward + (unfrozen ? pbn * forward : 0);
    ms += (o.trainImages + o.validImages + (unfrozen ? pbn * bs : 0)) * o.decodeMs;
    if (!timed.has(e.size) && !compiled.has(e.size)) ms += warmup;
    compiled.add(e.size);
  }
  return ms / 1000;
}
