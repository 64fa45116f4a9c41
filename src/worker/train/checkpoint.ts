import * as tf from '@tensorflow/tfjs';
import type { EncodedWeights } from '../../shared/storage/runsDb';
import type { Classifier } from '../model/classifier';
import type { AdamW, NamedTensor } from './optimizer';

// A training checkpoint in memory: every weight of the classifier (trainable ones and the BN moving
// statistics) and the AdamW state (moments and per-parameter step counts), each under a stable
// `layer/weight` name, encoded the way tfjs saves models (one ArrayBuffer plus specs). Names do not depend
// on the tfjs variable names, which get _N suffixes when a model is built twice in one worker.
// Fast mode never changes the backbone (it is rebuilt from the same pretrained weights and seed): its
// checkpoints hold the head's weights only (`scope: 'head'`), a few MB instead of ~100 for ResNet50.

/** Which weights a checkpoint holds: all of them, or the head's only (fast mode: the body never trains). */
export type WeightScope = 'all' | 'head';

export interface TrainState {
  weights: EncodedWeights;
  optimizer: EncodedWeights;
}

function lastPart(name: string): string {
  const parts = name.split('/');
  return parts[parts.length - 1];
}

/** Every weight of the classifier (or of its head) under `layer/weight`, trainable or not. */
export function namedWeights(classifier: Classifier, scope: WeightScope = 'all'): { name: string; variable: tf.LayerVariable }[] {
  const out: { name: string; variable: tf.LayerVariable }[] = [];
  for (const layer of [...(scope === 'all' ? classifier.backbone.layers : []), ...classifier.head.layers]) {
    for (const w of layer.weights) out.push({ name: `${layer.name}/${lastPart(w.originalName)}`, variable: w });
  }
  return out;
}

async function encode(tensors: NamedTensor[]): Promise<EncodedWeights> {
  const { data, specs } = await tf.io.encodeWeights(tensors);
  return { data, specs: specs.map((s) => ({ name: s.name, shape: [...s.shape], dtype: s.dtype })) };
}

export async function encodeClassifierWeights(classifier: Classifier, scope: WeightScope = 'all'): Promise<EncodedWeights> {
  // read() gives the variables themselves: encoding reads them without copies
  return encode(namedWeights(classifier, scope).map(({ name, variable }) => ({ name, tensor: variable.read() })));
}

/** Weights and optimizer state, copied out of the backend (the caller may write them anywhere). */
export async function captureState(classifier: Classifier, optimizer: AdamW, scope: WeightScope = 'all'): Promise<TrainState> {
  const opt = optimizer.getState();
  try {
    return { weights: await encodeClassifierWeights(classifier, scope), optimizer: await encode(opt) };
  } finally {
    tf.dispose(opt.map((t) => t.tensor));
  }
}

function decode(w: EncodedWeights): tf.NamedTensorMap {
  return tf.io.decodeWeights(w.data, w.specs as tf.io.WeightsManifestEntry[]);
}

/** Writes saved weights into a classifier built the same way; throws (changing nothing) on any mismatch. */
export function restoreClassifierWeights(classifier: Classifier, weights: EncodedWeights, scope: WeightScope = 'all'): void {
  const saved = decode(weights);
  try {
    const targets = namedWeights(classifier, scope);
    for (const { name, variable } of targets) {
      const t = saved[name];
      if (!t) throw new Error(`The checkpoint has no weight "${name}": it was made with another network.`);
      const shape = variable.read().shape;
      if (!tf.util.arraysEqual(t.shape, shape)) {
        throw new Error(`Weight "${name}" is [${t.shape.join(', ')}] in the checkpoint but [${shape.join(', ')}] in the network.`);
      }
    }
    for (const { name, variable } of targets) variable.write(saved[name]);
  } finally {
    tf.dispose(Object.values(saved));
  }
}

export async function restoreState(classifier: Classifier, optimizer: AdamW, state: TrainState, scope: WeightScope = 'all'): Promise<void> {
  restoreClassifierWeights(classifier, state.weights, scope);
  const opt = decode(state.optimizer);
  try {
    await optimizer.setState(Object.entries(opt).map(([name, tensor]) => ({ name, tensor })));
  } finally {
    tf.dispose(Object.values(opt));
  }
}
