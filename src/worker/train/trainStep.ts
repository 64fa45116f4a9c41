import * as tf from '@tensorflow/tfjs';
import type { Classifier } from '../model/classifier';
import { classifierLogits, headLogits, poolFeatures } from './headFeatures';
import { groupVariables, headGroup, type ParamGroup } from './layerGroups';
import { crossEntropy } from './loss';
import type { AdamW } from './optimizer';

export { crossEntropy };

export interface TrainStepArgs {
  classifier: Classifier;
  /** from layerGroups(classifier), in the optimizer's order; the last one is the head */
  groups: readonly ParamGroup[];
  optimizer: AdamW;
  /**
   * preprocessed model input [batch, h, w, 3], or (`pooled`) the backbone's cached concat-pooled features
   * [batch, 2 × channels]: fast mode, where only the head after pooling trains
   */
  x: tf.Tensor4D | tf.Tensor2D;
  pooled?: boolean;
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
  if (a.pooled) {
    const f = a.x as tf.Tensor2D;
    variables = groupVariables([headGroup(a.groups)]);
    forward = () => crossEntropy(headLogits(a.classifier, f, true), a.yOneHot, ls);
  } else if (a.frozen) {
    const c = a.classifier;
    const x = a.x as tf.Tensor4D;
    features = tf.tidy(() => poolFeatures(c, c.backbone.apply(x, { training: false }) as tf.Tensor4D));
    const f = features as tf.Tensor2D;
    variables = groupVariables([headGroup(a.groups)]);
    forward = () => crossEntropy(headLogits(c, f, true), a.yOneHot, ls);
  } else {
    // training: true reaches every nested layer (executor kwargs): BN normalises with batch statistics and
    // updates its moving averages in place (normalization.js writes them during the forward pass).
    variables = groupVariables(a.groups);
    forward = () => crossEntropy(classifierLogits(a.classifier, a.x as tf.Tensor4D, true), a.yOneHot, ls);
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
    const logits = classifierLogits(classifier, x, false);
    return [crossEntropy(logits, yOneHot), tf.argMax(logits, -1), tf.argMax(yOneHot, -1)];
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
