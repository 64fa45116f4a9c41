// Shapes training state for the Train step: plain functions, unit-tested, so components only render.

import type { TrainEpoch, TrainPlanInfo, TrainProgress } from '../../../shared/protocol';
import type { TrainState } from './trainSlice';

/** Values of the contract's `train.status` attributes: epoch is 1-based (0 before the first batch). */
export interface TrainStatusAttrs {
  epoch: number;
  /** 1-based progressive-resizing stage, 0 before the first batch */
  stage: number;
  size: number;
}

export function trainStatusAttrs(plan: TrainPlanInfo | null, progress: TrainProgress | null, epochs: readonly TrainEpoch[]): TrainStatusAttrs {
  const epoch = Math.max(progress ? progress.epoch : -1, epochs.length ? epochs[epochs.length - 1].epoch : -1);
  if (!plan || epoch < 0) return { epoch: 0, stage: 0, size: 0 };
  const planned = plan.perEpoch[Math.min(epoch, plan.perEpoch.length - 1)];
  return { epoch: epoch + 1, stage: planned.stage + 1, size: planned.size };
}

/** Share of the run's training batches done, 0..1. */
export function trainFraction(plan: TrainPlanInfo | null, progress: TrainProgress | null, state: TrainState): number {
  if (state === 'done') return 1;
  if (!plan || !progress || plan.stepsPerEpoch === 0) return 0;
  const total = plan.perEpoch.length * plan.stepsPerEpoch;
  return Math.min(1, (progress.epoch * plan.stepsPerEpoch + progress.batch + 1) / total);
}

export interface EpochRow {
  epoch: number;
  phase: string;
  size: number;
  trainLoss: string;
  validLoss: string;
  validAccuracy: string;
  /** plain decimal for the data attribute, '' without validation */
  accuracyValue: string;
  /** plain decimal for the data attribute, '' without validation */
  lossValue: string;
  /** tf.memory().numTensors after the epoch (a count that grows is a leak) */
  tensors: number;
  /** GPU bytes after the epoch ('' where the backend does not report them) */
  gpuBytes: number | '';
  seconds: string;
  /** while nothing is kept yet: the lowest valid_loss so far (what Stop would keep) */
  best: boolean;
  /** the run's model holds this epoch's weights (completed: the last; stopped: the lowest valid_loss) */
  kept: boolean;
  /** input shapes the data source fed in the epoch's training batches, `8x32x32x3` (comma-separated) */
  inputShapes: string;
}

const fixed = (v: number | null, digits: number): string => (v === null || !Number.isFinite(v) ? '—' : v.toFixed(digits));

/** fastai's epoch table: one row per finished epoch (`epoch` 0-based as in the data; the table shows it from 1). */
export function epochRows(epochs: readonly TrainEpoch[], bestEpoch: number | null, keptEpoch: number | null = null): EpochRow[] {
  return epochs.map((e) => ({
    epoch: e.epoch,
    phase: e.phase,
    size: e.size,
    trainLoss: fixed(e.trainLoss, 4),
    validLoss: fixed(e.validLoss, 4),
    validAccuracy: fixed(e.validAccuracy, 4),
    accuracyValue: e.validAccuracy === null || !Number.isFinite(e.validAccuracy) ? '' : e.validAccuracy.toFixed(4),
    lossValue: e.validLoss === null || !Number.isFinite(e.validLoss) ? '' : e.validLoss.toFixed(6),
    tensors: e.memory.numTensors,
    gpuBytes: e.memory.numBytesInGPU ?? '',
    seconds: fixed(e.seconds, 1),
    best: e.epoch === bestEpoch,
    kept: e.epoch === keptEpoch,
    inputShapes: (e.inputShapes ?? []).join(','),
  }));
}

/** Why Train cannot start yet, or null when it can. */
export function trainBlocker(o: { ready: boolean; modelReady: boolean; classes: number; trainImages: number; state: TrainState; saving?: boolean }): string | null {
  if (o.state === 'running' || o.state === 'paused') return 'Training is running.';
  if (!o.ready) return 'Waiting for the compute worker.';
  if (!o.modelReady) return 'Load a backbone first.';
  // The worker reads the split from storage: it must hold the labels just made.
  if (o.saving) return 'Saving the label changes…';
  if (o.classes === 0) return 'Import a dataset in the Data step first.';
  if (o.classes < 2) return `Training needs at least two classes (the dataset has ${o.classes}).`;
  if (o.trainImages === 0) return 'The split has no training images.';
  return null;
}
