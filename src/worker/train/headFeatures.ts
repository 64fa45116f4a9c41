import * as tf from '@tensorflow/tfjs';
import { HEAD_PREFIX, type Classifier } from '../model/classifier';
import { crossEntropy } from './loss';

// The head (classifier.ts buildHead) starts with concat pooling, which has no weights: its output, one
// vector of 2 × channels per image, is all the head needs from the backbone. Fast mode caches that vector
// instead of the feature map (16 KB per view for ResNet50 instead of 400 KB at 224 px) and trains the rest.
// Training computes the loss from logits: the head's last dense layer ends in softmax, so `headLogits`
// applies its kernel and bias without the activation (same variables, the model itself is unchanged).

/** The head's layers between concat pooling and the output layer, in order: BN, dropout, dense, ReLU, BN, dropout. */
const BODY = ['bn1', 'dropout1', 'dense1', 'relu', 'bn2', 'dropout2'];
const OUTPUT = 'predictions';

/** Concat-pooled features [batch, 2 × channels] of a feature map, through the head's own pooling layers. */
export function poolFeatures(classifier: Classifier, map: tf.Tensor4D): tf.Tensor2D {
  return tf.tidy(() => {
    const layer = (n: string) => classifier.head.getLayer(`${HEAD_PREFIX}${n}`);
    const avg = layer('avg_pool').apply(map) as tf.Tensor;
    const max = layer('max_pool').apply(map) as tf.Tensor;
    return layer('concat_pool').apply([avg, max]) as tf.Tensor2D;
  });
}

/** The head after pooling applied to pooled features, without the final softmax: logits [batch, classes]. */
export function headLogits(classifier: Classifier, pooled: tf.Tensor2D, training: boolean): tf.Tensor2D {
  let x: tf.Tensor = pooled;
  for (const name of BODY) x = classifier.head.getLayer(`${HEAD_PREFIX}${name}`).apply(x, { training }) as tf.Tensor;
  const out = classifier.head.getLayer(`${HEAD_PREFIX}${OUTPUT}`);
  const [kernel, bias] = out.weights.map((w) => w.read());
  const z = tf.matMul(x as tf.Tensor2D, kernel as tf.Tensor2D);
  return (bias ? tf.add(z, bias) : z) as tf.Tensor2D;
}

/** The head after pooling applied to pooled features: class probabilities. training: BN batch statistics and dropout. */
export function headTail(classifier: Classifier, pooled: tf.Tensor2D, training: boolean): tf.Tensor2D {
  return tf.softmax(headLogits(classifier, pooled, training));
}

/** Logits of the whole classifier on a preprocessed image batch (training: BN batch statistics, dropout). */
export function classifierLogits(classifier: Classifier, x: tf.Tensor4D, training: boolean): tf.Tensor2D {
  const map = classifier.backbone.apply(x, { training }) as tf.Tensor4D;
  return headLogits(classifier, poolFeatures(classifier, map), training);
}

/** Loss and predictions of pooled features in inference mode. */
export async function evaluatePooled(
  classifier: Classifier,
  pooled: tf.Tensor2D,
  yOneHot: tf.Tensor2D,
): Promise<{ loss: number; correct: number }> {
  const [loss, pred, label] = tf.tidy(() => {
    const logits = headLogits(classifier, pooled, false);
    return [crossEntropy(logits, yOneHot), tf.argMax(logits, -1), tf.argMax(yOneHot, -1)];
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
