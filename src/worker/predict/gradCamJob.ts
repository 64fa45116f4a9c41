import * as tf from '@tensorflow/tfjs';
import type { GradCamResult, GradCamTarget } from '../../shared/predict';
import type { FromWorker } from '../../shared/protocol';
import { isDeviceLost, isOutOfMemory } from '../../shared/train/faults';
import { getImage } from '../../shared/storage/datasetDb';
import { inputSquare } from '../preprocess/decode';
import { modelInput } from '../preprocess/input';
import type { ModelSession } from '../session';
import { gradCam, upsampleCam } from './gradCam';

/**
 * Side the CAM is computed at: the model's input size, but at least 224 px, because a ResNet's last feature
 * map is 1/32 of the input and a 64 px input would give a 2 × 2 grid that shows nothing.
 */
export const CAM_MIN_SIDE = 224;

/**
 * One heat map. A lost GPU device rebuilds the model (as Classify does) and computes it again, once; out of
 * memory for this one image cannot be split further and is said plainly.
 */
export async function runGradCam(session: ModelSession, target: GradCamTarget, post: (m: FromWorker) => void): Promise<GradCamResult> {
  let blob = target.file;
  if (!blob && target.hash) {
    const stored = await getImage(target.hash);
    if (!stored) throw new Error(`${target.name}: the stored image is missing (re-import the dataset)`);
    blob = stored.bytes;
  }
  if (!blob) throw new Error('Grad-CAM needs an image file or a stored image hash.');
  let prepared;
  try {
    // the model's own crop when it knows it, as Classify does
    prepared = await inputSquare(blob, session.dataBarCrop ?? target.cropDataBar ?? true);
  } catch (err) {
    throw new Error(`${target.name}: ${err instanceof Error ? err.message : String(err)}`);
  }
  for (let attempt = 0; ; attempt++) {
    const seen = session.generation;
    try {
      return await camOf(session, target, prepared);
    } catch (err) {
      if (isDeviceLost(err) && attempt === 0) {
        const info = await session.rebuildAfterDeviceLoss(seen);
        if (info) post({ type: 'backend', info: { ...info, reason: `restarted after a lost device; ${info.reason}` } });
        continue;
      }
      if (isOutOfMemory(err)) {
        throw new Error(`${target.name}: out of memory computing the heat map (one image at ${Math.max(session.predictor().inputSize, CAM_MIN_SIDE)} px): ${err instanceof Error ? err.message : String(err)}`);
      }
      throw err;
    }
  }
}

async function camOf(session: ModelSession, target: GradCamTarget, prepared: { square: ImageData }): Promise<GradCamResult> {
  const { classifier, preprocessing, inputSize } = session.predictor();
  const side = Math.max(inputSize, CAM_MIN_SIDE);
  const x = modelInput([prepared.square], side, preprocessing);
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
