import * as tf from '@tensorflow/tfjs';
import type { RgbaImage } from '../../shared/protocol';
import { anyAugmentation, toAugmentOptions, type AugToggles } from '../../shared/train/augToggles';
import { Rng } from '../../shared/synth/rng';
import { squaresToBatch } from '../preprocess/input';
import { augmentBatch } from './augment';
import { decodeSquare, loadStoredSplit } from './storedDataset';

export const PREVIEW_COUNT = 8;

/** RGBA bytes of one 0..255 RGB image [h, w, 3]. */
async function toRgba(img: tf.Tensor3D): Promise<RgbaImage> {
  const [height, width] = img.shape;
  const rgb = await img.data();
  const data = new Uint8ClampedArray(width * height * 4);
  for (let i = 0; i < width * height; i++) {
    data[i * 4] = rgb[i * 3];
    data[i * 4 + 1] = rgb[i * 3 + 1];
    data[i * 4 + 2] = rgb[i * 3 + 2];
    data[i * 4 + 3] = 255;
  }
  return { width, height, data };
}

/**
 * Eight augmented versions of one training image, exactly as a training batch would draw them (the same
 * augmentBatch, the recipe's switches, the stored crop above the data bar) at `size` px.
 */
export async function augmentPreview(
  dataset: string,
  hash: string | null,
  size: number,
  toggles: AugToggles,
  seed: number,
): Promise<{ name: string; images: RgbaImage[] }> {
  if (!(size >= 8 && size <= 1024)) throw new Error('The preview size must be between 8 and 1024 px.');
  const split = await loadStoredSplit(dataset);
  const image = hash === null ? split.train[new Rng(seed).int(0, split.train.length - 1)] : split.train.find((t) => t.hash === hash);
  if (!image) throw new Error('That image is not in the training split any more: pick another.');
  const pixels = await decodeSquare(image);
  const batch = tf.tidy(() => tf.tile(squaresToBatch([pixels], size), [PREVIEW_COUNT, 1, 1, 1]) as tf.Tensor4D);
  const out = anyAugmentation(toggles) ? augmentBatch(batch, toAugmentOptions(toggles), seed) : batch.clone();
  batch.dispose();
  try {
    const images = tf.tidy(() => tf.unstack(tf.round(out)) as tf.Tensor3D[]);
    try {
      return { name: `${split.classNames[image.label]} · ${image.hash.slice(0, 8)}`, images: await Promise.all(images.map(toRgba)) };
    } finally {
      tf.dispose(images);
    }
  } finally {
    out.dispose();
  }
}
