import * as tf from '@tensorflow/tfjs';
import type { Classifier } from '../model/classifier';
import { groupVariables, headGroup, type ParamGroup } from './layerGroups';
import type { AdamW } from './optimizer';

/** Probabilities are clipped to [PROB_FLOOR, 1] before the log: the head ends in softmax, not logits. */
export const PROB_FLOOR = 1e-7;

/**
 * Mean categorical cross-entropy of softmax outputs against one-hot labels, with fastai's label smoothing
 * (`LabelSmoothingCrossEntropy`: targets (1 − ε)·y + ε/K). ε = 0 is plain cross-entropy.
 */
export function crossEntropy(probs: tf.Tensor, yOneHot: tf.Tensor, labelSmoothing = 0): tf.Scalar {
  return tf.tidy(() => {
    const k = probs.shape[probs.shape.length - 1] ?? 1;
    const target = labelSmoothing > 0 ? tf.add(tf.mul(yOneHot, 1 - labelSmoothing), labelSmoothing / k) : yOneHot;
    const logP = tf.log(tf.clipByValue(probs, PROB_FLOOR, 1));
    return tf.neg(tf.mean(tf.sum(tf.mul(target, logP), -1))) as tf.Scalar;
  });
}

export interface TrainStepArgs {
  classifier: Classifier;
  /** from layerGroups(classifier), in the optimizer's order; the last one is the head */
  groups: readonly ParamGroup[];
  optimizer: AdamW;
  /** preprocessed model input [batch, h, w, 3] */
  x: tf.Tensor4D;
  yOneHot: tf.Tensor2D;
  /**
   * Only the head trains. The body runs in inference mode (BN uses and keeps its moving statistics) and
   * outside the gradient tape, so it costs one forward pass and no backward pass. This is stricter than
   * fastai, which leaves the body's BN layers training (train_bn=True); tfjs-layers' BN ignores
   * `trainable`, so this is the way to have a truly frozen body.
   */
  frozen: boolean;
  /** one per group */
  lrs: readonly number[];
  beta1?: number;
  labelSmoothing?: number;
}

/**
 * One optimizer step on one batch, without model.fit. Returns the batch loss (before the update) as a
 * scalar the caller disposes; read it with `await loss.data()` to avoid stalling the GPU queue.
 * Disposes nothing it did not create: `x` and `yOneHot` stay the caller's.
 */
export function trainStep(a: TrainStepArgs): tf.Scalar {
  const ls = a.labelSmoothing ?? 0;
  let features: tf.Tensor | null = null;
  let variables: tf.Variable[];
  let forward: () => tf.Scalar;
  if (a.frozen) {
    features = tf.tidy(() => a.classifier.backbone.apply(a.x, { training: false }) as tf.Tensor);
    const f = features;
    variables = groupVariables([headGroup(a.groups)]);
    forward = () => crossEntropy(a.classifier.head.apply(f, { training: true }) as tf.Tensor, a.yOneHot, ls);
  } else {
    // training: true reaches every nested layer (executor kwargs): BN normalises with batch statistics and
    // updates its moving averages in place (normalization.js writes them during the forward pass).
    variables = groupVariables(a.groups);
    forward = () => crossEntropy(a.classifier.model.apply(a.x, { training: true }) as tf.Tensor, a.yOneHot, ls);
  }
  try {
    const { value, grads } = tf.variableGrads(forward, variables);
    try {
      a.optimizer.applyGradients(grads, { lrs: a.lrs, beta1: a.beta1 });
    } finally {
      tf.dispose(Object.values(grads));
    }
    return value;
  } finally {
    features?.dispose();
  }
}

export interface EvalResult {
  loss: number;
  /** fraction of the batch whose arg-max matches the label */
  accuracy: number;
  /** predicted class per example */
  predictions: Int32Array;
}

/** Loss and accuracy of a batch in inference mode (BN moving statistics, no dropout); changes nothing. */
export async function evaluateBatch(classifier: Classifier, x: tf.Tensor4D, yOneHot: tf.Tensor2D): Promise<EvalResult> {
  const [loss, pred, label] = tf.tidy(() => {
    const probs = classifier.model.apply(x, { training: false }) as tf.Tensor;
    return [crossEntropy(probs, yOneHot), tf.argMax(probs, -1), tf.argMax(yOneHot, -1)];
  });
  try {
    const [l, p, y] = await Promise.all([loss.data(), pred.data(), label.data()]);
    const predictions = Int32Array.from(p);
    const correct = predictions.reduce((n, v, i) => n + (v === y[i] ? 1 : 0), 0);
    return { loss: l[0], accuracy: correct / predictions.length, predictions };
  } finally {
    tf.dispose([loss, pred, label]);
  }
}
