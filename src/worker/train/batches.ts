import * as tf from '@tensorflow/tfjs';
import { Rng } from '../../shared/synth/rng';
import { preprocess, type Preprocessing } from '../model/preprocessing';
import { augmentBatch, type AugmentOptions } from './augment';

/** One batch as the training loop receives it. Ownership passes to the consumer, which disposes both. */
export interface Batch<X extends tf.Tensor = tf.Tensor4D> {
  /** RGB images, values 0..255, [batch, h, w, 3]; or (fast mode) cached pooled features [batch, dim] */
  x: X;
  /** one-hot labels [batch, classes] */
  y: tf.Tensor2D;
}

/**
 * Batches of one epoch. Called once per epoch with the epoch number, so a source can change the image size
 * between epochs (progressive resizing) and reshuffle. `fromBatch` skips the epoch's first batches without
 * reading them (the training loop continues an epoch at a smaller batch size after running out of memory);
 * the order of the images does not depend on it.
 */
export type BatchSource<X extends tf.Tensor = tf.Tensor4D> = (epoch: number, fromBatch?: number) => AsyncIterable<Batch<X>>;

/** Fast mode's source: the frozen backbone's cached concat-pooled features of the images (featureCache.ts). */
export type FeatureSource = BatchSource<tf.Tensor2D>;

/**
 * Model input for a training batch: augmentation (when given) and the backbone's preprocessing.
 * Returns a new tensor; `x` stays the caller's.
 */
export function prepareInput(x: tf.Tensor4D, preprocessing: Preprocessing, augment: AugmentOptions | false, seed: number): tf.Tensor4D {
  if (augment === false) return preprocess(x, preprocessing);
  const augmented = augmentBatch(x, augment, seed);
  try {
    return preprocess(augmented, preprocessing);
  } finally {
    augmented.dispose();
  }
}

/** The order of n images in an epoch: 0..n-1, or shuffled with `seed + epoch` (every batch source uses it). */
export function epochOrder(n: number, seed: number | undefined, epoch: number): number[] {
  const order = Array.from({ length: n }, (_, i) => i);
  return seed === undefined ? order : new Rng(seed + epoch).shuffle(order);
}

export interface ArraySourceOptions {
  batchSize: number;
  /** reshuffle every epoch with this seed (+ epoch); omit to keep the order */
  shuffleSeed?: number;
  /** drop a last batch smaller than batchSize (fastai drops it in training: BN dislikes tiny batches) */
  dropLast?: boolean;
}

/** A BatchSource over tensors held in memory (tests, small datasets). Does not take ownership of x or y. */
export function arrayBatchSource(x: tf.Tensor4D, y: tf.Tensor2D, opts: ArraySourceOptions): BatchSource {
  const n = x.shape[0];
  return (epoch: number, fromBatch = 0) => ({
    async *[Symbol.asyncIterator]() {
      const order = epochOrder(n, opts.shuffleSeed, epoch);
      for (let start = fromBatch * opts.batchSize; start < n; start += opts.batchSize) {
        const idx = order.slice(start, start + opts.batchSize);
        if (opts.dropLast && idx.length < opts.batchSize) break;
        yield tf.tidy(() => {
          const indices = tf.tensor1d(idx, 'int32');
          return { x: tf.gather(x, indices) as tf.Tensor4D, y: tf.gather(y, indices) as tf.Tensor2D };
        });
      }
    },
  });
}

/** Number of batches arrayBatchSource yields per epoch. */
export function batchesPerEpoch(n: number, batchSize: number, dropLast = false): number {
  return dropLast ? Math.floor(n / batchSize) : Math.ceil(n / batchSize);
}
