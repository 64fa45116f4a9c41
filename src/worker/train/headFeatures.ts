import * as tf from '@tensorflow/tfjs';
import { HEAD_PREFIX, type Classifier } from '../model/classifier';
import { crossEntropy } from './trainStep';

// The head (classifier.ts buildHead) starts with concat pooling, which has no weights: its output, one
// vector of 2 × channels per image, is all the head needs from the backbone. Fast mode caches that vector
// instead of the feature map (16 KB per view for ResNet50 instead of 400 KB at 224 px) and trains the rest.

/** The head's layers after concat pooling, in order: BN, dropout, dense, ReLU, BN, dropout, dense+softmax. */
const TAIL = ['bn1', 'dropout1', 'dense1', 'relu', 'bn2', 'dropout2', 'predictions'];

/** Concat-pooled features [batch, 2 × channels] of a feature map, through the head's own pooling layers. */
export function poolFeatures(classifier: Classifier, map: tf.Tensor4D): tf.Tensor2D {
  return tf.tidy(() => {
    const layer = (n: string) => classifier.head.getLayer(`${HEAD_PREFIX}${n}`);
    const avg = layer('avg_pool').apply(map) as tf.Tensor;
    const max = layer('max_pool').apply(map) as tf.Tensor;
    return layer('concat_pool').apply([avg, max]) as tf.Tensor2D;
  });
}

/** The head after pooling applied to pooled features: class probabilities. training: BN batch statistics and dropout. */
export function headTail(classifier: Classifier, pooled: tf.Tensor2D, training: boolean): tf.Tensor2D {
  let x: tf.Tensor = pooled;
  for (const name of TAIL) x = classifier.head.getLayer(`${HEAD_PREFIX}${name}`).apply(x, { training }) as tf.Tensor;
  return x as tf.Tensor2D;
}

/** Loss and predictions of pooled features in inference mode. */
export async function evaluatePooled(
  classifier: Classifier,
  pooled: tf.Tensor2D,
  yOneHot: tf.Tensor2D,
): Promise<{ loss: number; correct: number }> {
  const [loss, pred, label] = tf.tidy(() => {
    const probs = headTail(classifier, pooled, false);
    return [crossEntropy(probs, yOneHot), tf.argMax(probs, -1), tf.argMax(yOneHot, -1)];
  });
  try {
    const [l, p, y] = await Promise.all([loss.data(), pred.data(), label.data()]);
    let correct = 0;
    for (let i = 0; i < p.length; i++) if (p[i] === y[i]) correct += 1;
    return { loss: l[0], correct };
  } finally {
    tf.dispose([loss, pred, label]);
  }
}
