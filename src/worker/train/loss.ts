import * as tf from '@tensorflow/tfjs';

/**
 * Mean categorical cross-entropy of logits against one-hot labels, with fastai's label smoothing
 * (`LabelSmoothingCrossEntropy`: targets (1 − ε)·y + ε/K, the same as `tf.losses.softmaxCrossEntropy`'s
 * `labelSmoothing`). Log-softmax on logits: stable, and a confidently wrong example keeps its gradient
 * (softmax − target), where log(clip(softmax)) had none. ε = 0 is plain cross-entropy.
 */
export function crossEntropy(logits: tf.Tensor, yOneHot: tf.Tensor, labelSmoothing = 0): tf.Scalar {
  return tf.losses.softmaxCrossEntropy(yOneHot, logits, undefined, labelSmoothing, tf.Reduction.MEAN) as tf.Scalar;
}
