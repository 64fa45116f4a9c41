import * as tf from '@tensorflow/tfjs';
import type { FromWorker, TrainPlanInfo } from '../../shared/protocol';
import { anyAugmentation, toAugmentOptions } from '../../shared/train/augToggles';
import type { TrainControl } from '../../shared/train/control';
import { fastEpochBatches, fastStepsPerEpoch } from '../../shared/train/fastBatches';
import type { FineTunePhase } from '../../shared/train/fineTune';
import { ONE_CYCLE_DEFAULTS } from '../../shared/train/oneCycle';
import { planEpochs, type TrainRecipe } from '../../shared/train/recipe';
import { FAST_VIEWS, fastEpochs } from '../../shared/train/trainMode';
import type { Classifier } from '../model/classifier';
import type { Preprocessing } from '../model/preprocessing';
import type { FeatureSource } from './batches';
import { cacheBatch, extractFeatures, type FeatureCache } from './featureCache';
import type { StoredSplit } from './storedDataset';

// Fast mode is a data source for the one fit loop (fit.ts): the frozen backbone computes concat-pooled
// features once per training image for each of `views` augmented views (and once per validation image) at
// the schedule's last size, on the current backend; fit then trains the head alone on batches of them, with
// fit_one_cycle over all the recipe's epochs. Everything else (best epoch, Stop, checkpoints, resume) is
// the same loop as full mode. A resumed run recomputes the cache (deterministic: same seed, same backend,
// same features), unless this worker still holds it from the run before (a warm cache).

export interface FastSetup {
  plan: TrainPlanInfo;
  size: number;
  /** views cached per training image (1 with augmentation off) */
  views: number;
  batchSize: number;
  stepsPerEpoch: number;
  /** one frozen phase over every epoch: fastai fit_one_cycle defaults */
  phase: FineTunePhase;
}

export function fastSetup(recipe: TrainRecipe, split: StoredSplit): FastSetup {
  const full = planEpochs(recipe, split.train.length);
  const perEpoch = fastEpochs(full.perEpoch);
  const size = perEpoch[0].size;
  const wanted = Math.max(FAST_VIEWS.min, Math.min(FAST_VIEWS.max, Math.round(recipe.views)));
  const views = anyAugmentation(recipe.augment) ? wanted : 1;
  const batchSize = Math.max(1, Math.min(recipe.batchSize, split.train.length));
  const stepsPerEpoch = fastStepsPerEpoch(split.train.length, views, batchSize);
  const notes = [`fast mode: the head trains on cached backbone features at ${size} px (the schedule's last size), ${views} view${views === 1 ? '' : 's'} per image; freeze_epochs does not apply: the body never trains.`];
  if (views < wanted) notes.push('Augmentation is off, so one view per image is cached.');
  return {
    size, views, batchSize, stepsPerEpoch,
    plan: {
      classNames: split.classNames, trainImages: split.train.length, validImages: split.valid.length, stepsPerEpoch,
      stages: full.stages, perEpoch, warnings: [...full.warnings, ...notes], mode: 'fast',
    },
    phase: {
      name: 'frozen', frozen: true, epochs: perEpoch.length, maxLr: recipe.baseLr, lrMult: 10, spread: 'flat',
      pctStart: ONE_CYCLE_DEFAULTS.pctStart, div: ONE_CYCLE_DEFAULTS.div, divFinal: ONE_CYCLE_DEFAULTS.divFinal,
    },
  };
}

export interface CachedFeatures {
  train: FeatureCache;
  valid: FeatureCache | null;
}

/** The last run's features, kept in this worker for the next run on the same data and backbone. */
let warm: { key: string; features: CachedFeatures } | null = null;
/** Caches above this stay only for their own run (the tab's memory matters more than a warm start). */
const WARM_MAX_BYTES = 512 * 2 ** 20;

function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h.toString(16);
}

/** Everything the features depend on: the images and their crop, size, views, augmentation, seed, backbone, backend. */
export function featureKey(o: { split: StoredSplit; setup: FastSetup; recipe: TrainRecipe; backbone: string; pretrained: boolean }): string {
  const images = (side: 'train' | 'valid') => o.split[side].map((i) => `${i.hash}:${i.label}:${i.rows}`).join(',');
  return [
    tf.getBackend(), o.backbone, o.pretrained, o.setup.size, o.setup.views, JSON.stringify(o.recipe.augment), o.recipe.seed,
    o.split.classNames.join('/'), fnv1a(images('train')), fnv1a(images('valid')), o.split.train.length, o.split.valid.length,
  ].join('|');
}

/** TEST ONLY: forget the warm cache (a test compares cold and warm runs). */
export function dropWarmFeatures(): void {
  warm = null;
}

/**
 * The cached features of a fast run: the warm cache when it matches `key`, otherwise computed with the
 * frozen backbone (progress as `trainFeatures` events, pause/stop between batches). Null when stopped.
 */
export async function fastFeatures(o: {
  key: string;
  classifier: Classifier;
  preprocessing: Preprocessing;
  split: StoredSplit;
  setup: FastSetup;
  recipe: TrainRecipe;
  control: TrainControl;
  post: (m: FromWorker) => void;
}): Promise<CachedFeatures | null> {
  const total = o.split.train.length * o.setup.views + o.split.valid.length;
  if (warm?.key === o.key) {
    o.post({ type: 'trainFeatures', done: total, total, etaSeconds: 0 });
    return warm.features;
  }
  warm = null;
  const t0 = performance.now();
  let base = 0;
  const onProgress = (done: number) => {
    const d = base + done;
    const elapsed = (performance.now() - t0) / 1000;
    o.post({ type: 'trainFeatures', done: d, total, etaSeconds: d > 0 ? (elapsed / d) * (total - d) : null });
  };
  const shouldStop = async () => {
    // On wasm and cpu `data()` resolves in a microtask: without a macrotask here the worker would not see a
    // pause or stop message until the batch source next reads IndexedDB (a whole batch of views later).
    await new Promise((resolve) => setTimeout(resolve, 0));
    await o.control.waitWhilePaused();
    return o.control.stopped;
  };
  o.post({ type: 'trainFeatures', done: 0, total, etaSeconds: null });
  const common = {
    classifier: o.classifier, preprocessing: o.preprocessing, classes: o.split.classNames.length, size: o.setup.size,
    batchSize: Math.max(o.setup.batchSize, 8), seed: o.recipe.seed, onProgress, shouldStop,
  };
  const train = await extractFeatures({
    ...common, images: o.split.train, views: o.setup.views, augment: anyAugmentation(o.recipe.augment) ? toAugmentOptions(o.recipe.augment) : false,
  });
  if (!train) return null;
  base = o.split.train.length * o.setup.views;
  const valid = o.split.valid.length ? await extractFeatures({ ...common, images: o.split.valid, views: 1, augment: false }) : null;
  if (o.split.valid.length && !valid) return null;
  const features = { train, valid };
  const bytes = train.data.byteLength + (valid?.data.byteLength ?? 0);
  if (bytes <= WARM_MAX_BYTES) warm = { key: o.key, features };
  o.post({
    type: 'trainNotice', level: 'info',
    message: `Fast mode: ${total} feature vectors cached (${(bytes / 2 ** 20).toFixed(1)} MiB) at ${o.setup.size} px in ${((performance.now() - t0) / 1000).toFixed(1)} s.`,
  });
  return features;
}

/** Batches of cached features for fit: every cached view of every training image once per epoch, shuffled per epoch. */
export function featureSources(features: CachedFeatures, o: { classes: number; seed: number; batchSize: number }): {
  train: FeatureSource;
  valid?: FeatureSource;
  stepsPerEpoch: number;
} {
  const { train, valid } = features;
  const images = train.labels.length;
  const trainSource: FeatureSource = (epoch, fromBatch = 0) => ({
    async *[Symbol.asyncIterator]() {
      const batches = fastEpochBatches(images, train.views, o.batchSize, o.seed, epoch);
      for (let b = fromBatch; b < batches.length; b++) yield cacheBatch(train, batches[b], o.classes);
    },
  });
  const validSource: FeatureSource | undefined = valid
    ? () => ({
      async *[Symbol.asyncIterator]() {
        const n = valid.labels.length;
        for (let s = 0; s < n; s += 256) {
          yield cacheBatch(valid, Array.from({ length: Math.min(256, n - s) }, (_, i) => ({ image: s + i, view: 0 })), o.classes);
        }
      },
    })
    : undefined;
  return { train: trainSource, valid: validSource, stepsPerEpoch: fastStepsPerEpoch(images, train.views, o.batchSize) };
}
