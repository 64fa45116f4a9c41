import * as tf from '@tensorflow/tfjs';
import { drawAugmentParams, type AugmentOptions } from '../../shared/train/augmentParams';

export { AUGMENT_DEFAULTS, AUGMENT_OFF } from '../../shared/train/augmentParams';
export type { AugmentOptions } from '../../shared/train/augmentParams';

/** Logits of 0 and 255 are infinite; lighting works on values kept this far inside (0, 1). */
const LOGIT_EPS = 1e-4;

/**
 * tf.image.transform, one projective matrix per image. tfjs 4.22's cpu kernel returns after the first
 * image of a batch (tfjs-backend-cpu/dist/kernels/Transform.js: `return` inside the batch loop) and leaves
 * the others at the fill value, so on that backend each image goes through alone.
 */
function transformBatch(x: tf.Tensor4D, transforms: number[][], interpolation: 'nearest' | 'bilinear'): tf.Tensor4D {
  return tf.tidy(() => {
    // fastai pads affine transforms by reflection: no black corners after a rotation
    if (tf.getBackend() !== 'cpu' || transforms.length === 1) {
      return tf.image.transform(x, tf.tensor2d(transforms), interpolation, 'reflect');
    }
    const images = tf.split(x, transforms.length, 0);
    return tf.concat(images.map((img, i) => tf.image.transform(img as tf.Tensor4D, tf.tensor2d([transforms[i]]), interpolation, 'reflect')), 0);
  });
}

/**
 * fastai Brightness and Contrast on 0..255 values, in logit space as fastai does: p = x/255,
 * out = 255·sigmoid(logit(p)·contrast + brightness). Per-image numbers broadcast over [n, 1, 1, 1].
 */
function lighting(x: tf.Tensor4D, brightness: number[], contrast: number[]): tf.Tensor4D {
  return tf.tidy(() => {
    const n = brightness.length;
    const p = tf.clipByValue(tf.div(x, 255), LOGIT_EPS, 1 - LOGIT_EPS);
    const l = tf.log(tf.div(p, tf.sub(1, p)));
    const shifted = tf.add(tf.mul(l, tf.tensor4d(contrast, [n, 1, 1, 1])), tf.tensor4d(brightness, [n, 1, 1, 1]));
    // images that drew no lighting keep their exact values (the logit round trip would nudge them)
    const touched = tf.tensor4d(brightness.map((b, i) => (b !== 0 || contrast[i] !== 1 ? 1 : 0)), [n, 1, 1, 1]);
    return tf.add(tf.mul(tf.mul(tf.sigmoid(shifted), 255), touched), tf.mul(x, tf.sub(1, touched))) as tf.Tensor4D;
  });
}

/**
 * Augments a batch of 0..255 images with tf ops only: one resampling per image for flips, 90° turns,
 * rotation, zoom-crop and perspective (tf.image.transform), then brightness/contrast. Same seed, same
 * output. Returns a new tensor of the same shape, clipped to 0..255; the input stays the caller's.
 */
export function augmentBatch(x: tf.Tensor4D, opts: AugmentOptions, seed: number): tf.Tensor4D {
  const [n, h, w] = x.shape;
  const params = drawAugmentParams(n, h, w, opts, seed);
  return tf.tidy(() => {
    let out: tf.Tensor4D = x;
    // nearest is exact for pure flips and 90° turns (integer coordinates) and cheaper; bilinear otherwise
    if (params.geometric) out = transformBatch(out, params.transforms, params.continuous ? 'bilinear' : 'nearest');
    if (params.lighting) out = lighting(out, params.brightness, params.contrast);
    return out === x ? x.clone() : (tf.clipByValue(out, 0, 255) as tf.Tensor4D);
  });
}
