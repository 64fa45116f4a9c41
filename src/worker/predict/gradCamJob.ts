import * as tf from '@tensorflow/tfjs';
import type { GradCamResult, GradCamTarget } from '../../shared/predict';
import { getImage } from '../../shared/storage/datasetDb';
import { preprocess } from '../model/preprocessing';
import type { ModelSession } from '../session';
import { gradCam, upsampleCam } from './gradCam';
import { prepareInput } from './prepareInput';

/**
 * Side the CAM is computed at: the model's input size, but at least 224 px, because a ResNet's last feature
 * map is 1/32 of the input and a 64 px input would give a 2 × 2 grid that shows nothing.
 */
export const CAM_MIN_SIDE = 224;

export async function runGradCam(session: ModelSession, target: GradCamTarget): Promise<GradCamResult> {
  let blob = target.file;
  if (!blob && target.hash) {
    const stored = await getImage(target.hash);
    if (!stored) throw new Error(`${target.name}: the stored image is missing (re-import the dataset)`);
    blob = stored.bytes;
  }
  if (!blob) throw new Error('Grad-CAM needs an image file or a stored image hash.');
  let prepared;
  try {
    prepared = await prepareInput(blob, { cropDataBar: target.cropDataBar ?? true, thumbForTiff: false });
  } catch (err) {
    throw new Error(`${target.name}: ${err instanceof Error ? err.message : String(err)}`);
  }
  const { classifier, preprocessing, inputSize } = session.predictor();
  const side = Math.max(inputSize, CAM_MIN_SIDE);
  const x = tf.tidy(() => {
    const px = tf.browser.fromPixels(prepared.square, 3).toFloat();
    return preprocess(tf.image.resizeBilinear(px, [side, side], true).expandDims(0) as tf.Tensor4D, preprocessing);
  });
  try {
    let classIndex = target.classIndex;
    if (classIndex === undefined) {
      const p = classifier.model.predict(x) as tf.Tensor2D;
      const best = tf.argMax(p, 1);
      classIndex = (await best.data())[0];
      tf.dispose([p, best]);
    }
    const { cam, probs } = gradCam(classifier, x, classIndex);
    const imageSide = prepared.square.width;
    const up = upsampleCam(cam, imageSide);
    const [heat, probValues] = await Promise.all([up.data() as Promise<Float32Array>, probs.data()]);
    const [gridHeight, gridWidth] = cam.shape;
    tf.dispose([cam, probs, up]);
    return {
      width: imageSide,
      height: imageSide,
      heat,
      gridWidth,
      gridHeight,
      classIndex,
      label: classifier.classNames[classIndex],
      probability: probValues[classIndex],
      image: { width: imageSide, height: imageSide, data: prepared.square.data },
    };
  } finally {
    x.dispose();
  }
}
