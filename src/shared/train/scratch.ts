// Training from random weights (no pretrained backbone): what the Train step does by default then, and why.
// fine_tune's defaults are made for pretrained features (a frozen head-only epoch, body lrs 10-100x lower
// than the head's, few epochs, large images); from random weights they leave the body barely trained. Instead,
// as fastai does for a network without pretrained weights (`fit_one_cycle`): every layer at one learning rate,
// small images, small batches and enough epochs for a few hundred weight updates. Pure: the UI shows the plan.

import { defaultEpochs, type ScheduleStage } from './schedule';

/** The from-scratch recipe. Measured on generated classes and seeds: docs/train-tools.md ("From scratch"). */
export const SCRATCH = {
  /** one stage of small images: a step costs ~1/12 of one at 224 px, and texture classes separate at 64 px */
  schedule: '64x?',
  /** more, noisier steps per epoch than 16 (few images: 72 training images give 9 steps, not 4) */
  batchSize: 8,
  /** fit_one_cycle's peak lr for every layer (Adam) */
  baseLr: 3e-3,
  /** '?' epochs give the run at least this many weight updates... */
  minSteps: 80,
  /** ...in at least this many epochs and at most this many */
  minEpochs: 4,
  maxEpochs: 30,
} as const;

/**
 * Epochs of a '?' stage from scratch: enough passes for `SCRATCH.minSteps` updates at `batchSize` (a batch
 * smaller than the dataset drops its last partial batch, as training does), within [minEpochs, maxEpochs].
 */
export function scratchEpochs(trainImages: number, batchSize: number): number {
  const steps = Math.max(1, Math.floor(Math.max(1, trainImages) / Math.max(1, Math.min(batchSize, trainImages))));
  return Math.min(SCRATCH.maxEpochs, Math.max(SCRATCH.minEpochs, Math.ceil(SCRATCH.minSteps / steps)));
}

/**
 * A schedule's '?' stages from scratch: `scratchEpochs` in all, shared between the open stages as
 * `defaultEpochs` shares them (about equal compute per stage), at least 1 each. Fixed stages stay.
 */
export function scratchStages(stages: readonly ScheduleStage[], trainImages: number, batchSize: number): ScheduleStage[] {
  const open = stages.filter((s) => s.epochs === null);
  if (open.length === 0) return [...stages];
  const total = scratchEpochs(trainImages, batchSize);
  const weight = open.reduce((n, s) => n + defaultEpochs(s.size), 0);
  return stages.map((s) => (s.epochs !== null ? s : { size: s.size, epochs: Math.max(1, Math.round((total * defaultEpochs(s.size)) / weight)) }));
}

/** What the Train step says before a run without pretrained weights. */
export const NO_PRETRAINED_NOTE =
  'No pretrained weights: the whole network is trained from scratch (full mode, every layer at one learning rate, ' +
  `${SCRATCH.schedule.split('x')[0]} px images, bs ${SCRATCH.batchSize}, base_lr ${SCRATCH.baseLr}, at least ${SCRATCH.minSteps} steps). ` +
  'Fine-tuning from scratch needs many images and a GPU; on a few hundred images expect well below what a pretrained ResNet50 reaches, and compare with the classical baseline in Evaluate.';

/** The same when fast mode is chosen anyway: a head on the frozen features of a random network. */
export const NO_PRETRAINED_FAST_NOTE =
  'No pretrained weights, and fast mode is chosen: only the last layer trains, on the features of a frozen random ' +
  'network (it reached 0.44 on three easy generated classes). Full mode, the default here, trains the whole network.';
