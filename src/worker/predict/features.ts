import * as tf from '@tensorflow/tfjs';
import { HEAD_PREFIX, type Classifier } from '../model/classifier';
import { DIHEDRAL_VIEWS, dihedralView, predictProbs } from './tta';

// Class probabilities and, beside them, the features the unfamiliar-image check compares (src/shared/novelty.ts):
// the input of the head's last dense layer. One pass gives both: backbone → head with two outputs, the same
// layers and weights as the classifier's own graph.

const twoOutputHeads = new WeakMap<tf.LayersModel, tf.LayersModel | null>();

/** The head with [penultimate features, probabilities] as outputs; null when the head is not buildHead's. */
function headWithFeatures(head: tf.LayersModel): tf.LayersModel | null {
  if (!twoOutputHeads.has(head)) {
    let two: tf.LayersModel | null = null;
    try {
      const dense = head.getLayer(`${HEAD_PREFIX}predictions`);
      if (head.outputs.length === 1) two = tf.model({ inputs: head.inputs, outputs: [dense.input as tf.SymbolicTensor, head.outputs[0]] });
    } catch {
      two = null;
    }
    twoOutputHeads.set(head, two);
  }
  return twoOutputHeads.get(head) ?? null;
}

/**
 * Probabilities [b, classes] for a preprocessed batch (with TTA: the mean over the 8 views) and the features
 * [b, dims] of the images as given (view 0: the reference is computed on un-augmented images too); features
 * are null for a classifier whose head is not buildHead's.
 */
export function predictWithFeatures(c: Classifier, x: tf.Tensor4D, tta: boolean): { probs: tf.Tensor2D; features: tf.Tensor2D | null } {
  const two = c.head !== c.model ? headWithFeatures(c.head) : null;
  if (!two) return { probs: predictProbs(c.model, x, tta), features: null };
  const [features, probs] = tf.tidy(() => {
    const run = (v: tf.Tensor4D) => two.predict(c.backbone.predict(v) as tf.Tensor) as [tf.Tensor2D, tf.Tensor2D];
    const [f, p0] = run(x);
    let sum = p0;
    if (tta) for (let k = 1; k < DIHEDRAL_VIEWS; k++) sum = tf.add(sum, run(dihedralView(x, k))[1]);
    return [f, tta ? tf.div(sum, DIHEDRAL_VIEWS) : sum] as [tf.Tensor2D, tf.Tensor2D];
  });
  return { probs, features };
}
