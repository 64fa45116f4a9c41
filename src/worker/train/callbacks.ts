import type { FromWorker, TrainEpoch } from '../../shared/protocol';
import type { PlannedEpoch } from '../../shared/train/recipe';
import { etaSeconds } from '../../shared/train/recipe';
import type { Classifier } from '../model/classifier';
import { faultedValidLoss } from './deviceRecovery';
import type { FitCallback } from './fit';
import type { AdamW } from './optimizer';
import type { RunRecorder } from './runRecorder';

// The fit loop's callbacks that trainJob.ts wires for both modes (fastai: Recorder, SaveModelCallback,
// ProgressCallback, plus the device watch). The best-epoch keeper is the recorder's `best`: it keeps the
// lowest-validation-loss epoch's weights in memory and in every checkpoint, so a Stop after a reload keeps
// it too.

/** Images per second, smoothed over recent batches so the ETA does not jump. */
export class Rate {
  private value = 0;
  add(images: number, ms: number): number {
    const now = images / Math.max(ms / 1000, 1e-6);
    this.value = this.value === 0 ? now : 0.8 * this.value + 0.2 * now;
    return this.value;
  }
  reset(): void {
    this.value = 0;
  }
}

/** Progress and ETA: a `trainProgress` event per batch. */
export function progressCallback(o: {
  perEpoch: readonly PlannedEpoch[];
  /** training batches per epoch at a batch size */
  stepsFor: (batchSize: number) => number;
  validImages: number;
  post: (m: FromWorker) => void;
}): FitCallback {
  const rate = new Rate();
  let lastSize = 0;
  return {
    afterBatch: (e) => {
      if (e.imageSize !== lastSize) rate.reset(); // a new size has its own speed (and compiles new shaders)
      lastSize = e.imageSize;
      const imagesPerSecond = e.batch === 0 ? 0 : rate.add(e.batchSize, e.ms);
      const steps = o.stepsFor(e.batchSize);
      const eta = etaSeconds({
        plan: o.perEpoch, epoch: e.epoch, batchesDone: e.batch + 1, batchSize: e.batchSize, trainImages: steps * e.batchSize,
        validImages: o.validImages, imagesPerSecond,
      });
      o.post({ type: 'trainProgress', progress: { ...e, imagesPerSecond, etaSeconds: eta } });
    },
  };
}

/** The run's history and loss curve, the best epoch, and a checkpoint after every epoch (RunRecorder). */
export function recorderCallback(o: {
  recorder: RunRecorder;
  perEpoch: readonly PlannedEpoch[];
  classifier: Classifier;
  optimizer: AdamW;
  post: (m: FromWorker) => void;
}): FitCallback {
  return {
    afterBatch: (e) => o.recorder.addLossPoint({ step: e.step, loss: e.loss, smoothLoss: e.smoothLoss }),
    afterEpoch: (e, next) => {
      const planned = o.perEpoch[e.epoch];
      const epoch: TrainEpoch = { ...e, validLoss: faultedValidLoss(e.epoch, e.validLoss), size: planned.size, stage: planned.stage };
      o.post({ type: 'trainEpoch', epoch });
      o.post({ type: 'memory', memory: e.memory });
      return o.recorder.afterEpoch(epoch, next, o.classifier, o.optimizer);
    },
  };
}

/** Before each step: a lost GPU device throws (the restart loop recovers), and test-only faults fire. */
export function deviceCallback(device: { check: () => void }, injectFault: (step: number) => void): FitCallback {
  return {
    beforeStep: (step) => {
      device.check();
      injectFault(step);
    },
  };
}
