import * as tf from '@tensorflow/tfjs';
import { roundToHalf } from '../../shared/bundle/float16';
import type { Float16Check } from '../../shared/protocol';
import type { Classifier } from '../model/classifier';
import { preprocess, type Preprocessing } from '../model/preprocessing';
import { predictProbs } from '../predict/tta';
import type { EvalTarget } from '../train/evaluate';
import { storedBatchSource } from '../train/storedDataset';

/** Validation images the check predicts twice: enough to see a difference, quick on any backend. */
const CHECK_IMAGES = 64;

/**
 * Predicts up to 64 validation images with the classifier's float32 weights and again with every weight
 * rounded to float16 (what a float16 bundle loads), then puts the float32 weights back.
 */
export async function checkFloat16(classifier: Classifier, preprocessing: Preprocessing, target: EvalTarget): Promise<Float16Check | null> {
  const images = target.valid.slice(0, CHECK_IMAGES);
  if (images.length === 0 || target.classNames.length !== classifier.classNames.length) return null;
  const predictAll = async (): Promise<number[][]> => {
    const out: number[][] = [];
    const source = storedBatchSource(images, { batchSize: Math.max(1, Math.min(16, target.batchSize)), classes: target.classNames.length, sizeAt: () => target.size })(0);
    for await (const batch of source) {
      const input = preprocess(batch.x, preprocessing);
      const p = predictProbs(classifier.model, input, false);
      out.push(...(await p.array()));
      tf.dispose([input, p, batch.x, batch.y]);
    }
    return out;
  };
  const model = classifier.model;
  const original = model.getWeights().map((w) => w.clone());
  let half: tf.Tensor[] = [];
  try {
    const p32 = await predictAll();
    half = original.map((w) => (w.dtype === 'float32' ? tf.tensor(roundToHalf(w.dataSync() as Float32Array), w.shape, 'float32') : w.clone()));
    model.setWeights(half);
    const p16 = await predictAll();
    let maxProbDiff = 0;
    let sameTop1 = 0;
    const argmax = (r: number[]) => r.reduce((best, v, i) => (v > r[best] ? i : best), 0);
    p32.forEach((row, i) => {
      row.forEach((v, k) => (maxProbDiff = Math.max(maxProbDiff, Math.abs(v - p16[i][k]))));
      if (argmax(row) === argmax(p16[i])) sameTop1++;
    });
    return { images: p32.length, maxProbDiff, sameTop1 };
  } finally {
    model.setWeights(original);
    tf.dispose([...original, ...half]);
  }
}
