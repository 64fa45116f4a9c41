// The one preprocessing path, steps 4-5 (tfjs): centre squares (./decode.ts) → resized to the model's input
// size (bilinear, corners aligned) → normalised for the backbone's weights. Training, validation, evaluation,
// TTA, Classify, Grad-CAM, the mode probe and the augmentation preview all build their input here.
import * as tf from '@tensorflow/tfjs';
import { preprocess, type Preprocessing } from '../model/preprocessing';

/** Step 4 on a batch tensor: [n, h, w, 3] → [n, size, size, 3], values kept (0..255). */
export function resizeBatch(x: tf.Tensor4D, size: number): tf.Tensor4D {
  return tf.image.resizeBilinear(x, [size, size], true);
}

/** Step 4: RGBA squares → one float batch [n, size, size, 3] with values 0..255 (augmentation works on these). */
export function squaresToBatch(squares: readonly ImageData[], size: number): tf.Tensor4D {
  // squares come in different sides: each is resized before they are stacked
  return tf.tidy(() => tf.stack(squares.map((p) => tf.image.resizeBilinear(tf.browser.fromPixels(p, 3).toFloat(), [size, size], true))) as tf.Tensor4D);
}

/** Step 5: the backbone's normalisation (a new tensor; the input stays the caller's). */
export const normalise: (x: tf.Tensor4D, p: Preprocessing) => tf.Tensor4D = preprocess;

/** Steps 4-5: what a model is fed for these squares. */
export function modelInput(squares: readonly ImageData[], size: number, preprocessing: Preprocessing): tf.Tensor4D {
  return tf.tidy(() => normalise(squaresToBatch(squares, size), preprocessing));
}

/** A map over the input (a Grad-CAM grid) brought to a square image's side, to lay over it. */
export function resizeMap(map: tf.Tensor2D, side: number): tf.Tensor2D {
  return tf.tidy(() => tf.image.resizeBilinear(map.expandDims(-1) as tf.Tensor3D, [side, side]).squeeze([2]) as tf.Tensor2D);
}
