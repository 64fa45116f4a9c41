import * as tf from '@tensorflow/tfjs';
import type { Preprocessing } from './preprocessingKinds';

export { PREPROCESSINGS, isPreprocessing } from './preprocessingKinds';
export type { Preprocessing } from './preprocessingKinds';

// ImageNet channel means (BGR order, 0..255) that Caffe subtracted, and torchvision's mean/std (RGB, 0..1).
const CAFFE_MEAN_BGR = [103.939, 116.779, 123.68];
const TORCH_MEAN = [0.485, 0.456, 0.406];
const TORCH_STD = [0.229, 0.224, 0.225];

/**
 * Scales a batch of RGB images with values 0..255 (float) the way the backbone was trained.
 * Always returns a new tensor owned by the caller (also for 'none'), so callers can dispose input and
 * output alike.
 */
export function preprocess(x: tf.Tensor4D, p: Preprocessing): tf.Tensor4D {
  return tf.tidy(() => {
    switch (p) {
      case 'caffe':
        return tf.sub(tf.reverse(x, -1), tf.tensor1d(CAFFE_MEAN_BGR)) as tf.Tensor4D;
      case 'tf':
        return tf.sub(tf.div(x, 127.5), 1) as tf.Tensor4D;
      case 'torch':
        return tf.div(tf.sub(tf.div(x, 255), tf.tensor1d(TORCH_MEAN)), tf.tensor1d(TORCH_STD)) as tf.Tensor4D;
      case 'none':
        return x.clone();
      default: {
        const never: never = p;
        throw new Error(`unknown preprocessing ${String(never)}`);
      }
    }
  });
}
