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
import { prepareInput, type BatchSource, type FeatureSource } from './batches';
import { evaluatePooled } from './headFeatures';
import { layerGroups, type ParamGroup } from './layerGroups';
import { AdamW } from './optimizer';
import { preciseBn } from './preciseBn';
import { installSeededRandom, RANDOM_LANE } from './seededRandom';
import { evaluateBatch, trainStep } from './trainStep';

/**
 * fastai-style callbacks: the loop calls each hook of each callback in order. The run's recorder and
 * checkpoints, the best-epoch keeper, the device watch, fault injection and progress/ETA are callbacks
 * (trainJob.ts wires them); PreciseBN is the `preciseBnBatches` option (it needs the loop's data source).
 */
export interface FitCallback {
  /** before each training step with its global step; may throw (fault injection, device-loss checks) */
  beforeStep?(step: number): void;
  afterBatch?(e: BatchEvent): void;
  /** after each epoch's validation, with where training would go on from; awaited (checkpoints) */
  afterEpoch?(e: EpochEvent, next: FitPosition): void | Promise<void>;
}

interface CommonFitOptions {
  classifier: Classifier;
  preprocessing: Preprocessing;
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
  callbacks?: readonly FitCallback[];
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
  onNotice?: (n: FitNotice) => void;
}

/** Images through the network: augmentation and preprocessing per batch, the body trains when the phase says so. */
export interface ImageFitOptions extends CommonFitOptions {
  inputs?: 'images';
  train: BatchSource;
  valid?: BatchSource;
  rebatch?: (batchSize: number) => Rebatched;
}

/**
 * Fast mode: the data source yields the frozen backbone's cached pooled features, only the head after
 * pooling trains (every phase must be frozen), `featureSize` is the image size they were computed at.
 */
export interface FeatureFitOptions extends CommonFitOptions {
  inputs: 'features';
  featureSize: number;
  train: FeatureSource;
  valid?: FeatureSource;
  rebatch?: (batchSize: number) => Rebatched<FeatureSource>;
}

export type FitOptions = ImageFitOptions | FeatureFitOptions;

export interface Rebatched<S = BatchSource> {
  train: S;
  valid?: S;
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

/** Lets worker messages (pause, stop) in: on wasm and cpu, awaiting tensor data never leaves the microtask queue. */
const yieldToEvents = () => new Promise<void>((resolve) => setTimeout(resolve, 0));
const YIELD_MS = 30;

/** Loss and accuracy over a whole validation epoch, weighted by batch size. Disposes the batches. */
export async function validate(
  classifier: Classifier,
  valid: BatchSource | FeatureSource,
  preprocessing: Preprocessing,
  epoch: number,
  inputs: 'images' | 'features' = 'images',
): Promise<{ loss: number; accuracy: number }> {
  let loss = 0;
  let correct = 0;
  let n = 0;
  for await (const batch of (valid as BatchSource<tf.Tensor>)(epoch)) {
    try {
      const size = batch.x.shape[0];
      if (inputs === 'features') {
        const r = await evaluatePooled(classifier, batch.x as tf.Tensor2D, batch.y);
        loss += r.loss * size;
        correct += r.correct;
      } else {
        const input = preprocess(batch.x as tf.Tensor4D, preprocessing);
        const r = await evaluateBatch(classifier, input, batch.y).finally(() => input.dispose());
        loss += r.loss * size;
        correct += r.accuracy * size;
      }
      n += size;
    } finally {
      tf.dispose([batch.x, batch.y]);
    }
  }
  return n === 0 ? { loss: Number.NaN, accuracy: Number.NaN } : { loss: loss / n, accuracy: correct / n };
}

/**
 * The one training loop, for both modes. Runs a fine-tune plan: per phase one cycle over its epochs (lr per
 * group and Adam beta1 every step), the body frozen or not as the phase says, augmentation on the training
 * batches, validation after every epoch. The data source is images, or (fast mode) cached features for the
 * head alone. Reports every batch and epoch through callbacks; pause/stop through `control`, between batches.
 * Deterministic for a seed on a given backend: Math.random is seeded per step while it runs.
 */
export async function fit(o: FitOptions): Promise<FitResult> {
  const features = o.inputs === 'features';
  if (features && o.plan.some((p) => !p.frozen)) throw new Error('Training on cached features needs a frozen body in every phase.');
  let spe = o.stepsPerEpoch;
  let train = o.train as BatchSource<tf.Tensor>;
  let valid = o.valid as BatchSource<tf.Tensor> | undefined;
  const callbacks: FitCallback[] = [
    ...(o.callbacks ?? []),
    {
      beforeStep: o.beforeStep,
      afterBatch: o.onBatch,
      afterEpoch: async (e, next) => {
        o.onEpoch?.(e);
        await o.afterEpoch?.(e, next);
      },
    },
  ];
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
  let lastYield = performance.now();
  const random = installSeededRandom();
  try {
    optimizer.initSlots();
    for (const phase of o.plan) {
      for (let e = 0; e < phase.epochs; e++, epoch++) {
        if (epoch < startEpoch) continue;
        const started = performance.now();
        let lossSum = 0;
        let batches = 0;
        const shapes = new Set<string>();
        // 0-based batch of this epoch at the current batch size
        let b = 0;
        let from = 0;
        for (;;) {
          let oom: unknown = null;
          for await (const batch of train(epoch, from)) {
            try {
              if (performance.now() - lastYield > YIELD_MS) {
                await yieldToEvents();
                lastYield = performance.now();
              }
              await o.control?.waitWhilePaused();
              if (o.control?.stopped) break;
              const t0 = performance.now();
              const n = stepsPerEpoch(epoch);
              // a source with more batches than announced stays at the end of the cycle
              const hyper = phaseHyper(phase, groups.length, e * n + Math.min(b, n - 1), phase.epochs * n);
              const size = batch.x.shape[0];
              let lossT: tf.Scalar;
              try {
                for (const cb of callbacks) cb.beforeStep?.(step);
                random.reseed(seed, RANDOM_LANE.step, step);
                const input = features ? batch.x : prepareInput(batch.x as tf.Tensor4D, o.preprocessing, augment, (seed * 1_000_003 + step) >>> 0);
                try {
                  lossT = trainStep({
                    classifier: o.classifier, groups, optimizer, x: input as tf.Tensor4D | tf.Tensor2D, yOneHot: batch.y, frozen: phase.frozen,
                    pooled: features, lrs: hyper.lrs, beta1: hyper.beta1, labelSmoothing: o.labelSmoothing,
                  });
                } finally {
                  if (input !== batch.x) input.dispose();
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
              const inputShape = [...batch.x.shape];
              shapes.add(inputShape.join('x'));
              const event: BatchEvent = {
                phase: phase.name, epoch, batch: b, step, loss, smoothLoss: smoother.add(loss), lrs: hyper.lrs,
                beta1: hyper.beta1, batchSize: size, imageSize: features ? o.featureSize : batch.x.shape[1] ?? 0, inputShape,
                ms: performance.now() - t0, memory: memoryInfo(),
              };
              for (const cb of callbacks) cb.afterBatch?.(event);
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
          const r = o.rebatch!(half) as Rebatched<BatchSource<tf.Tensor>>;
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
          await preciseBn(o.classifier, (train as BatchSource)(epoch), o.preprocessing, o.preciseBnBatches!, (k) =>
            random.reseed(seed, RANDOM_LANE.preciseBn, epoch * 4096 + k));
        }
        const v = valid ? await validate(o.classifier, valid as BatchSource | FeatureSource, o.preprocessing, epoch, features ? 'features' : 'images') : null;
        const event: EpochEvent = {
          phase: phase.name, epoch, trainLoss: batches > 0 ? lossSum / batches : Number.NaN,
          validLoss: v?.loss ?? null, validAccuracy: v?.accuracy ?? null,
          seconds: (performance.now() - started) / 1000, memory: memoryInfo(), inputShapes: [...shapes],
        };
        epochs.push(event);
        const next: FitPosition = { epoch: epoch + 1, step, batchSize: batchSize ?? undefined, smoother: smoother.snapshot() };
        for (const cb of callbacks) await cb.afterEpoch?.(event, next);
      }
    }
    return { epochs, stopped: false, batchSize };
  } finally {
    random.restore();
    if (!o.optimizer) optimizer.dispose();
  }
}
