import * as tf from '@tensorflow/tfjs';
import { splitHead, type Classifier } from '../model/classifier';
import { meanOverViews, predictProbs } from './tta';

// Class probabilities and, beside them, the features the unfamiliar-image check compares (src/shared/novelty.ts):
// the input of the head's last dense layer. One pass gives both: backbone → the head's body → its last dense
// layer, the same layers and weights as the classifier's own graph (splitHead, as Grad-CAM uses).

/**
 * Probabilities [b, classes] for a preprocessed batch (with TTA: the mean over the 8 views) and the features
 * [b, dims] of the images as given (view 0: the reference is computed on un-augmented images too); features
 * are null for a classifier whose head is not buildHead's.
 */
export function predictWithFeatures(c: Classifier, x: tf.Tensor4D, tta: boolean): { probs: tf.Tensor2D; features: tf.Tensor2D | null } {
  const split = c.head !== c.model ? splitHead(c.head) : null;
  if (!split) return { probs: predictProbs(c.model, x, tta), features: null };
  const [features, probs] = tf.tidy(() => {
    const featuresOf = (v: tf.Tensor4D) => split.body.predict(c.backbone.predict(v) as tf.Tensor) as tf.Tensor2D;
    const f = featuresOf(x);
    const p = meanOverViews(x, tta, (v, k) => split.dense.apply(k === 0 ? f : featuresOf(v)) as tf.Tensor2D);
    return [f, p] as [tf.Tensor2D, tf.Tensor2D];
  });
  return { probs, features };
}
