import * as tf from '@tensorflow/tfjs';
import type { TrainControl } from '../../shared/train/control';
import type { BatchEvent, EpochEvent, MemoryInfo } from '../../shared/train/events';
import { phaseHyper, type FineTunePhase } from '../../shared/train/fineTune';
import { LossSmoother } from '../../shared/train/lrSuggest';
import type { Classifier } from '../model/classifier';
import { preprocess, type Preprocessing } from '../model/preprocessing';
import type { AugmentOptions } from './augment';
import { prepareInput, type BatchSource } from './batches';
import { layerGroups, type ParamGroup } from './layerGroups';
import { AdamW } from './optimizer';
import { preciseBn } from './preciseBn';
import { evaluateBatch, trainStep } from './trainStep';

export interface FitOptions {
  classifier: Classifier;
  preprocessing: Preprocessing;
  train: BatchSource;
  valid?: BatchSource;
  /** phases from fineTunePlan (or one hand-made phase for fit_one_cycle) */
  plan: readonly FineTunePhase[];
  /**
   * Batches per training epoch (a function of the 0-based epoch when the batch size changes with the image
   * size): a phase's one cycle lasts the sum over its epochs.
   */
  stepsPerEpoch: number | ((epoch: number) => number);
  groups?: readonly ParamGroup[];
  /** pass one to keep its state (checkpoints, a later phase); otherwise one is made and disposed */
  optimizer?: AdamW;
  /** fastai aug_transforms values by default; false: none */
  augment?: AugmentOptions | false;
  labelSmoothing?: number;
  /** augmentation seed */
  seed?: number;
  control?: TrainControl;
  /**
   * After each unfrozen epoch, re-estimate the BN moving statistics from up to this many training batches
   * (PreciseBN, see preciseBn.ts) before validating; 0 or absent: off.
   */
  preciseBnBatches?: number;
  onBatch?: (e: BatchEvent) => void;
  onEpoch?: (e: EpochEvent) => void;
}

export interface FitResult {
  epochs: EpochEvent[];
  /** true when control.stop() ended training early */
  stopped: boolean;
}

function memory(): MemoryInfo {
  const m = tf.memory();
  return { numTensors: m.numTensors, numBytes: m.numBytes };
}

/** Loss and accuracy over a whole validation epoch, weighted by batch size. Disposes the batches. */
export async function validate(
  classifier: Classifier,
  valid: BatchSource,
  preprocessing: Preprocessing,
  epoch: number,
): Promise<{ loss: number; accuracy: number }> {
  let loss = 0;
  let correct = 0;
  let n = 0;
  for await (const batch of valid(epoch)) {
    try {
      const input = preprocess(batch.x, preprocessing);
      const r = await evaluateBatch(classifier, input, batch.y).finally(() => input.dispose());
      const size = batch.x.shape[0];
      loss += r.loss * size;
      correct += r.accuracy * size;
      n += size;
    } finally {
      tf.dispose([batch.x, batch.y]);
    }
  }
  return n === 0 ? { loss: Number.NaN, accuracy: Number.NaN } : { loss: loss / n, accuracy: correct / n };
}

/**
 * Runs a fine-tune plan: per phase one cycle over its epochs (lr per group and Adam beta1 every step),
 * the body frozen or not as the phase says, augmentation on the training batches, validation after every
 * epoch. Reports every batch and epoch through callbacks; pause/stop through `control`, between batches.
 */
export async function fit(o: FitOptions): Promise<FitResult> {
  const stepsPerEpoch = (epoch: number): number => {
    const n = typeof o.stepsPerEpoch === 'number' ? o.stepsPerEpoch : o.stepsPerEpoch(epoch);
    if (!(n > 0)) throw new RangeError(`stepsPerEpoch must be positive (got ${n} for epoch ${epoch})`);
    return n;
  };
  const groups = o.groups ?? layerGroups(o.classifier);
  const optimizer = o.optimizer ?? new AdamW(groups);
  const augment = o.augment ?? {};
  const seed = o.seed ?? 0;
  const smoother = new LossSmoother();
  const epochs: EpochEvent[] = [];
  let epoch = 0;
  let step = 0;
  try {
    for (const phase of o.plan) {
      let totalSteps = 0;
      for (let e = 0; e < phase.epochs; e++) totalSteps += stepsPerEpoch(epoch + e);
      let phaseStep = 0;
      for (let e = 0; e < phase.epochs; e++) {
        const started = performance.now();
        let lossSum = 0;
        let batches = 0;
        for await (const batch of o.train(epoch)) {
          try {
            await o.control?.waitWhilePaused();
            if (o.control?.stopped) break;
            const t0 = performance.now();
            // a source with more batches than announced stays at the end of the cycle
            const hyper = phaseHyper(phase, groups.length, Math.min(phaseStep, totalSteps - 1), totalSteps);
            const input = prepareInput(batch.x, o.preprocessing, augment, (seed * 1_000_003 + step) >>> 0);
            let lossT: tf.Scalar;
            try {
              lossT = trainStep({
                classifier: o.classifier, groups, optimizer, x: input, yOneHot: batch.y, frozen: phase.frozen,
                lrs: hyper.lrs, beta1: hyper.beta1, labelSmoothing: o.labelSmoothing,
              });
            } finally {
              input.dispose();
            }
            const loss = (await lossT.data())[0];
            lossT.dispose();
            lossSum += loss;
            o.onBatch?.({
              phase: phase.name, epoch, batch: batches, step, loss, smoothLoss: smoother.add(loss), lrs: hyper.lrs,
              beta1: hyper.beta1, batchSize: batch.x.shape[0], imageSize: batch.x.shape[1],
              ms: performance.now() - t0, memory: memory(),
            });
            batches += 1;
            phaseStep += 1;
            step += 1;
          } finally {
            tf.dispose([batch.x, batch.y]);
          }
        }
        if (o.control?.stopped) return { epochs, stopped: true };
        if (!phase.frozen && (o.preciseBnBatches ?? 0) > 0) {
          await preciseBn(o.classifier, o.train(epoch), o.preprocessing, o.preciseBnBatches!);
        }
        const v = o.valid ? await validate(o.classifier, o.valid, o.preprocessing, epoch) : null;
        const event: EpochEvent = {
          phase: phase.name, epoch, trainLoss: batches > 0 ? lossSum / batches : Number.NaN,
          validLoss: v?.loss ?? null, validAccuracy: v?.accuracy ?? null,
          seconds: (performance.now() - started) / 1000, memory: memory(),
        };
        epochs.push(event);
        o.onEpoch?.(event);
        epoch += 1;
      }
    }
    return { epochs, stopped: false };
  } finally {
    if (!o.optimizer) optimizer.dispose();
  }
}
