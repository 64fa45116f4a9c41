import * as tf from '@tensorflow/tfjs';
import type { TrainControl } from '../../shared/train/control';
import type { BatchEvent, EpochEvent } from '../../shared/train/events';
import { memoryInfo } from '../memory';
import { phaseHyper, type FineTunePhase } from '../../shared/train/fineTune';
import { isOutOfMemory } from '../../shared/train/faults';
import { LossSmoother, type SmootherState } from '../../shared/train/lrSuggest';
import type { Classifier } from '../model/classifier';
import { preprocess, type Preprocessing } from '../model/preprocessing';
import type { AugmentOptions } from './augment';
import { prepareInput, type BatchSource } from './batches';
import { layerGroups, type ParamGroup } from './layerGroups';
import { AdamW } from './optimizer';
import { preciseBn } from './preciseBn';
import { installSeededRandom, RANDOM_LANE } from './seededRandom';
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
   * size). Within a phase, epoch e at batch b sits at position (e + b/steps(e)) / epochs of its one cycle:
   * each epoch's share of the cycle is fixed, so a resume at an epoch boundary or a smaller batch size after
   * running out of memory continues the schedule exactly where it was.
   */
  stepsPerEpoch: number | ((epoch: number) => number);
  groups?: readonly ParamGroup[];
  /** pass one to keep its state (checkpoints, a later phase); otherwise one is made and disposed */
  optimizer?: AdamW;
  /** fastai aug_transforms values by default; false: none */
  augment?: AugmentOptions | false;
  labelSmoothing?: number;
  /** seed of augmentation and of every unseeded random op (dropout), per step: see seededRandom.ts */
  seed?: number;
  control?: TrainControl;
  /**
   * After each unfrozen epoch, re-estimate the BN moving statistics from up to this many training batches
   * (PreciseBN, see preciseBn.ts) before validating; 0 or absent: off.
   */
  preciseBnBatches?: number;
  /** resume: the epochs before `start.epoch` are done and the caller loaded their weights and optimizer state */
  start?: FitPosition;
  onBatch?: (e: BatchEvent) => void;
  onEpoch?: (e: EpochEvent) => void;
  /** awaited after each epoch (after onEpoch), with where training would go on from: the checkpoint hook */
  afterEpoch?: (e: EpochEvent, next: FitPosition) => Promise<void>;
  /** called before each training step with its global step (fault injection, device-loss checks); may throw */
  beforeStep?: (step: number) => void;
  /**
   * Out-of-memory recovery: sources at a smaller batch size. When a step runs out of memory, fit halves the
   * batch size, continues the same epoch at the same image with the new sources and tells `onNotice`.
   * Absent: an out-of-memory error ends training.
   */
  rebatch?: (batchSize: number) => Rebatched;
  onNotice?: (n: FitNotice) => void;
}

export interface Rebatched {
  train: BatchSource;
  valid?: BatchSource;
  stepsPerEpoch: number | ((epoch: number) => number);
}

export interface FitNotice {
  level: 'info' | 'warning' | 'error';
  message: string;
}

/** Where a run stands between two epochs: what a checkpoint stores besides weights and optimizer state. */
export interface FitPosition {
  /** the next epoch to run (0-based) */
  epoch: number;
  /** global steps done */
  step: number;
  /** training batch size in use (smaller than the recipe's after an out-of-memory recovery) */
  batchSize?: number;
  smoother?: SmootherState;
}

export interface FitResult {
  /** the epochs run by this call (not those before `start`) */
  epochs: EpochEvent[];
  /** true when control.stop() ended training early */
  stopped: boolean;
  /** batch size at the end (smaller than the first after an out-of-memory recovery) */
  batchSize: number | null;
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
 * Deterministic for a seed on a given backend: Math.random is seeded per step while it runs.
 */
export async function fit(o: FitOptions): Promise<FitResult> {
  let spe = o.stepsPerEpoch;
  let train = o.train;
  let valid = o.valid;
  const stepsPerEpoch = (epoch: number): number => {
    const n = typeof spe === 'number' ? spe : spe(epoch);
    if (!(n > 0)) throw new RangeError(`stepsPerEpoch must be positive (got ${n} for epoch ${epoch})`);
    return n;
  };
  const groups = o.groups ?? layerGroups(o.classifier);
  const optimizer = o.optimizer ?? new AdamW(groups);
  const augment = o.augment ?? {};
  const seed = o.seed ?? 0;
  const smoother = new LossSmoother();
  if (o.start?.smoother) smoother.restore(o.start.smoother);
  const startEpoch = o.start?.epoch ?? 0;
  const epochs: EpochEvent[] = [];
  let batchSize: number | null = o.start?.batchSize ?? null;
  let epoch = 0;
  let step = o.start?.step ?? 0;
  const random = installSeededRandom();
  try {
    optimizer.initSlots();
    for (const phase of o.plan) {
      for (let e = 0; e < phase.epochs; e++, epoch++) {
        if (epoch < startEpoch) continue;
        const started = performance.now();
        let lossSum = 0;
        let batches = 0;
        // 0-based batch of this epoch at the current batch size
        let b = 0;
        let from = 0;
        for (;;) {
          let oom: unknown = null;
          for await (const batch of train(epoch, from)) {
            try {
              await o.control?.waitWhilePaused();
              if (o.control?.stopped) break;
              const t0 = performance.now();
              const n = stepsPerEpoch(epoch);
              // a source with more batches than announced stays at the end of the cycle
              const hyper = phaseHyper(phase, groups.length, e * n + Math.min(b, n - 1), phase.epochs * n);
              const size = batch.x.shape[0];
              let lossT: tf.Scalar;
              try {
                o.beforeStep?.(step);
                random.reseed(seed, RANDOM_LANE.step, step);
                const input = prepareInput(batch.x, o.preprocessing, augment, (seed * 1_000_003 + step) >>> 0);
                try {
                  lossT = trainStep({
                    classifier: o.classifier, groups, optimizer, x: input, yOneHot: batch.y, frozen: phase.frozen,
                    lrs: hyper.lrs, beta1: hyper.beta1, labelSmoothing: o.labelSmoothing,
                  });
                } finally {
                  input.dispose();
                }
              } catch (err) {
                if (o.rebatch && size > 1 && isOutOfMemory(err)) {
                  oom = err;
                  batchSize = size;
                  break;
                }
                throw err;
              }
              const loss = (await lossT.data())[0];
              lossT.dispose();
              lossSum += loss;
              batchSize = size;
              o.onBatch?.({
                phase: phase.name, epoch, batch: b, step, loss, smoothLoss: smoother.add(loss), lrs: hyper.lrs,
                beta1: hyper.beta1, batchSize: size, imageSize: batch.x.shape[1],
                ms: performance.now() - t0, memory: memoryInfo(),
              });
              batches += 1;
              b += 1;
              step += 1;
            } finally {
              tf.dispose([batch.x, batch.y]);
            }
          }
          if (oom === null) break;
          // Same epoch, same image order (the shuffle depends on seed and epoch only), half the batch: go on
          // at the first image of the batch that failed.
          const old = batchSize!;
          const half = Math.max(1, Math.floor(old / 2));
          const r = o.rebatch!(half);
          ({ train, valid } = r);
          spe = r.stepsPerEpoch;
          from = Math.floor((b * old) / half);
          b = from;
          batchSize = half;
          o.onNotice?.({
            level: 'warning',
            message: `Out of memory at step ${step} (batch of ${old}): continuing epoch ${epoch} with batches of ${half}. ` +
              `(${oom instanceof Error ? oom.message : String(oom)})`,
          });
        }
        if (o.control?.stopped) return { epochs, stopped: true, batchSize };
        if (!phase.frozen && (o.preciseBnBatches ?? 0) > 0) {
          await preciseBn(o.classifier, train(epoch), o.preprocessing, o.preciseBnBatches!, (k) =>
            random.reseed(seed, RANDOM_LANE.preciseBn, epoch * 4096 + k));
        }
        const v = valid ? await validate(o.classifier, valid, o.preprocessing, epoch) : null;
        const event: EpochEvent = {
          phase: phase.name, epoch, trainLoss: batches > 0 ? lossSum / batches : Number.NaN,
          validLoss: v?.loss ?? null, validAccuracy: v?.accuracy ?? null,
          seconds: (performance.now() - started) / 1000, memory: memoryInfo(),
        };
        epochs.push(event);
        o.onEpoch?.(event);
        await o.afterEpoch?.(event, { epoch: epoch + 1, step, batchSize: batchSize ?? undefined, smoother: smoother.snapshot() });
      }
    }
    return { epochs, stopped: false, batchSize };
  } finally {
    random.restore();
    if (!o.optimizer) optimizer.dispose();
  }
}
