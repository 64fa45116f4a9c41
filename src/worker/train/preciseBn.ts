import * as tf from '@tensorflow/tfjs';
import type { Classifier } from '../model/classifier';
import { preprocess, type Preprocessing } from '../model/preprocessing';
import type { Batch } from './batches';

type BnLayer = tf.layers.Layer & { momentum: number };

function bnLayers(classifier: Classifier): BnLayer[] {
  return [...classifier.backbone.layers, ...classifier.head.layers]
    .filter((l) => l.getClassName() === 'BatchNormalization') as BnLayer[];
}

/**
 * PreciseBN (Wu & Johnson, "Rethinking Batch in BatchNorm", 2021): replaces the BN moving statistics by
 * their plain average over a few training batches with the current weights. A short fine-tune of a network
 * whose body is far from its initial statistics (training from scratch, few steps per epoch) otherwise
 * validates with EMA statistics that lag the weights by many steps: training-mode accuracy 0.9, inference
 * 0.33 on the same images was measured here. Momentum (k−1)/k at batch k makes the EMA a running mean.
 * Changes no weight; disposes the batches. Returns the number of batches used.
 */
export async function preciseBn(
  classifier: Classifier,
  batches: AsyncIterable<Batch>,
  preprocessing: Preprocessing,
  maxBatches: number,
  /** called before each batch's forward pass (the training loop reseeds dropout there) */
  beforeBatch?: (k: number) => void,
): Promise<number> {
  const layers = bnLayers(classifier);
  const saved = layers.map((l) => l.momentum);
  let k = 0;
  // Pulled by hand so that no batch beyond maxBatches is read and decoded.
  const it = batches[Symbol.asyncIterator]();
  try {
    while (k < maxBatches) {
      const next = await it.next();
      if (next.done) break;
      const batch = next.value;
      k += 1;
      for (const l of layers) l.momentum = (k - 1) / k;
      beforeBatch?.(k);
      try {
        tf.tidy(() => {
          classifier.model.apply(preprocess(batch.x, preprocessing), { training: true });
        });
      } finally {
        tf.dispose([batch.x, batch.y]);
      }
    }
  } finally {
    layers.forEach((l, i) => (l.momentum = saved[i]));
    await it.return?.();
  }
  return k;
}
