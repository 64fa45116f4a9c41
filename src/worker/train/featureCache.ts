import * as tf from '@tensorflow/tfjs';
import type { Classifier } from '../model/classifier';
import { preprocess, type Preprocessing } from '../model/preprocessing';
import type { AugmentOptions } from './augment';
import { prepareInput } from './batches';
import { poolFeatures } from './headFeatures';
import { storedBatchSource, type LabelledImage } from './storedDataset';

/**
 * Pooled backbone features of a set of images, `views` per image, in one Float32Array:
 * row (image × views + view) holds 2 × channels floats. View 0 is the image itself, the others augmented.
 */
export interface FeatureCache {
  dim: number;
  views: number;
  labels: Int32Array;
  data: Float32Array;
}

/** Refuses caches past this size: the tab would run out of memory long before the head trains. */
export const MAX_CACHE_BYTES = 1.5 * 2 ** 30;

export interface ExtractOptions {
  classifier: Classifier;
  preprocessing: Preprocessing;
  images: readonly LabelledImage[];
  classes: number;
  size: number;
  batchSize: number;
  views: number;
  augment: AugmentOptions | false;
  seed: number;
  /** after each batch and view: images × views done so far */
  onProgress: (done: number) => void;
  /** checked between batches: stop computing, return null */
  shouldStop: () => Promise<boolean>;
}

/** One forward pass of the frozen backbone (inference mode) per image and view; returns null when stopped. */
export async function extractFeatures(o: ExtractOptions): Promise<FeatureCache | null> {
  const channels = o.classifier.backbone.outputs[0].shape[3] ?? 0;
  const dim = 2 * channels;
  const bytes = o.images.length * o.views * dim * 4;
  if (bytes > MAX_CACHE_BYTES) {
    throw new Error(`The fast-mode feature cache would need ${(bytes / 2 ** 30).toFixed(1)} GiB: lower the number of views.`);
  }
  const data = new Float32Array(o.images.length * o.views * dim);
  const labels = Int32Array.from(o.images, (img) => img.label);
  const source = storedBatchSource(o.images, { batchSize: o.batchSize, classes: o.classes, sizeAt: () => o.size });
  let first = 0;
  let done = 0;
  for await (const batch of source(0)) {
    try {
      const n = batch.x.shape[0];
      for (let v = 0; v < o.views; v++) {
        // checked before every view, not every batch: with 32 views a batch is 32 forward passes, and Pause or
        // Stop must not wait for all of them
        if (await o.shouldStop()) return null;
        const input = v === 0 || o.augment === false
          ? preprocess(batch.x, o.preprocessing)
          : prepareInput(batch.x, o.preprocessing, o.augment, (o.seed * 7919 + first * 131 + v) >>> 0);
        const pooled = tf.tidy(() => poolFeatures(o.classifier, o.classifier.backbone.apply(input, { training: false }) as tf.Tensor4D));
        input.dispose();
        const values = await pooled.data();
        pooled.dispose();
        for (let i = 0; i < n; i++) data.set(values.subarray(i * dim, (i + 1) * dim), ((first + i) * o.views + v) * dim);
        done += n;
        o.onProgress(done);
      }
      first += n;
    } finally {
      tf.dispose([batch.x, batch.y]);
    }
  }
  return { dim, views: o.views, labels, data };
}

/** Rows of the cache as a batch: features [n, dim] and one-hot labels [n, classes]. */
export function cacheBatch(cache: FeatureCache, rows: readonly { image: number; view: number }[], classes: number): { x: tf.Tensor2D; y: tf.Tensor2D } {
  const buf = new Float32Array(rows.length * cache.dim);
  rows.forEach((r, i) => {
    const at = (r.image * cache.views + r.view) * cache.dim;
    buf.set(cache.data.subarray(at, at + cache.dim), i * cache.dim);
  });
  return tf.tidy(() => ({
    x: tf.tensor2d(buf, [rows.length, cache.dim]),
    y: tf.oneHot(tf.tensor1d(rows.map((r) => cache.labels[r.image]), 'int32'), classes).toFloat() as tf.Tensor2D,
  }));
}
