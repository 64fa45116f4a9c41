import * as tf from '@tensorflow/tfjs';

/** The 8 symmetries of a square (dihedral group D4): 4 rotations by 90°, each with and without a flip. */
export const DIHEDRAL_VIEWS = 8;

/**
 * View k (0..7) of a batch of square images [b, s, s, c]: bit 2 transposes (swaps rows and columns),
 * bit 0 flips left-right, bit 1 flips top-bottom. Together they give all 8 symmetries; SEM images have
 * no preferred orientation, so a model's answer should not depend on them.
 */
export function dihedralView(x: tf.Tensor4D, k: number): tf.Tensor4D {
  if (k < 0 || k >= DIHEDRAL_VIEWS || !Number.isInteger(k)) throw new Error(`dihedral view ${k} is not 0..7`);
  return tf.tidy(() => {
    const t = k & 4 ? (tf.transpose(x, [0, 2, 1, 3]) as tf.Tensor4D) : x;
    const axes = [...(k & 2 ? [1] : []), ...(k & 1 ? [2] : [])];
    return axes.length ? tf.reverse(t, axes) : t.clone();
  });
}

/**
 * Class probabilities [b, classes] for a preprocessed batch; with test-time augmentation, the mean of the
 * probabilities over the 8 views (fastai's `tta` averages predictions over augmented copies the same way).
 * Views run one after another so memory stays that of one batch.
 */
export function predictProbs(model: tf.LayersModel, x: tf.Tensor4D, tta: boolean): tf.Tensor2D {
  return meanOverViews(x, tta, (v) => model.predict(v) as tf.Tensor2D);
}

/** `predict(view, k)` of view 0 alone, or with TTA its mean over the 8 views, one after another. */
export function meanOverViews(x: tf.Tensor4D, tta: boolean, predict: (view: tf.Tensor4D, k: number) => tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(() => {
    if (!tta) return predict(x, 0);
    let sum = predict(x, 0);
    for (let k = 1; k < DIHEDRAL_VIEWS; k++) sum = tf.add(sum, predict(dihedralView(x, k), k));
    return tf.div(sum, DIHEDRAL_VIEWS);
  });
}
