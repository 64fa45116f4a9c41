import * as tf from '@tensorflow/tfjs';
import { resizeMap } from '../preprocess/input';
import type { Classifier } from '../model/classifier';
import { splitHead } from '../model/classifier';

/**
 * Grad-CAM (Selvaraju et al. 2017) for one image: which places of the backbone's last feature map A raise
 * the score y of a class. With g = ∂y/∂A, each channel k is weighted by the spatial mean of its gradient,
 * w_k = mean_ij g_ij^k, and the map is ReLU(Σ_k w_k A^k), scaled to 0..1.
 *
 * y is the class's logit (the input of the head's softmax) when the head is the one buildHead makes; the
 * paper uses the pre-softmax score because a probability near 1 has vanishing gradients. For other heads,
 * y = log p(class).
 */
export interface CamOutput {
  /** [gridH, gridW], 0..1 (all zeros when no place raises the score) */
  cam: tf.Tensor2D;
  /** [classes] */
  probs: tf.Tensor1D;
}

/** The head up to its last dense layer's input, and that layer's weights; null when the head is not buildHead's. */
function logitParts(head: tf.LayersModel): { body: tf.LayersModel; kernel: tf.Tensor; bias: tf.Tensor | null } | null {
  const split = splitHead(head);
  if (!split) return null;
  const weights = split.dense.getWeights();
  return { body: split.body, kernel: weights[0], bias: weights[1] ?? null };
}

/** The class is picked with a one-hot mask, not gather: gather's gradient needs UnsortedSegmentSum, which wasm lacks. */
export function classScore(head: tf.LayersModel, features: tf.Tensor4D, classIndex: number): tf.Scalar {
  const parts = logitParts(head);
  if (parts) {
    const h = parts.body.apply(features, { training: false }) as tf.Tensor2D;
    let logits: tf.Tensor2D = tf.matMul(h, parts.kernel as tf.Tensor2D);
    if (parts.bias) logits = tf.add(logits, parts.bias);
    return tf.sum(tf.mul(logits, tf.oneHot([classIndex], logits.shape[1])));
  }
  const probs = head.apply(features, { training: false }) as tf.Tensor2D;
  return tf.log(tf.add(tf.sum(tf.mul(probs, tf.oneHot([classIndex], probs.shape[1] as number))), 1e-12)) as tf.Scalar;
}

/** `x` is one preprocessed image [1, s, s, 3]. */
export function gradCam(c: Pick<Classifier, 'backbone' | 'head'>, x: tf.Tensor4D, classIndex: number): CamOutput {
  return tf.tidy(() => {
    const features = c.backbone.apply(x, { training: false }) as tf.Tensor4D;
    const probs = (c.head.apply(features, { training: false }) as tf.Tensor2D).squeeze([0]) as tf.Tensor1D;
    const index = classIndex;
    if (!Number.isInteger(index) || index < 0 || index >= probs.shape[0]) throw new Error(`class ${index} is not one of the ${probs.shape[0]} classes`);
    const grads = tf.grad((a: tf.Tensor) => classScore(c.head, a as tf.Tensor4D, index))(features);
    const weights = tf.mean(grads, [1, 2], true); // [1, 1, 1, channels]
    const map = tf.relu(tf.sum(tf.mul(features, weights), -1)).squeeze([0]) as tf.Tensor2D;
    const max = tf.max(map);
    const cam = tf.where(tf.greater(max, 0), tf.div(map, tf.maximum(max, 1e-12)), tf.zerosLike(map)) as tf.Tensor2D;
    return { cam, probs };
  });
}

/** The CAM grid resized to `size` × `size` (bilinear), kept in 0..1. */
export function upsampleCam(cam: tf.Tensor2D, size: number): tf.Tensor2D {
  return tf.tidy(() => {
    return tf.clipByValue(resizeMap(cam, size), 0, 1);
  });
}
