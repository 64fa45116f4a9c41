import * as tf from '@tensorflow/tfjs';

/**
 * A backbone and a classification head that share their weight objects: `model` is the backbone's graph
 * with `head` applied to its output. Training with a frozen body calls `backbone` (BN in inference mode)
 * and `head` separately; fine-tuning everything calls `model`. All three see the same variables.
 */
export interface Classifier {
  /** image batch → class probabilities */
  model: tf.LayersModel;
  backbone: tf.LayersModel;
  /** feature map [batch, h, w, channels] → class probabilities */
  head: tf.LayersModel;
  classNames: string[];
}

export interface HeadOptions {
  /** width of the hidden dense layer (fastai: 512) */
  hidden?: number;
  /** dropout before the hidden and before the output dense layer (fastai: ps=0.5 → [0.25, 0.5]) */
  dropout?: [number, number];
  seed?: number;
}

export const HEAD_PREFIX = 'head_';
export const HEAD_BN_MOMENTUM = 0.9;

/**
 * fastai's `create_head`: concat pooling (average and max) → BN → dropout → dense → ReLU → BN → dropout →
 * dense → softmax. Input: a feature map with `channels` channels and any spatial size.
 * (fastai drops the dense biases because of the BNs; they are kept here: harmless, and Keras' default.)
 * BN momentum 0.9 is PyTorch's 0.1 in Keras terms: at tfjs' default 0.99 the moving statistics of a freshly
 * built head barely move in a short fine-tune and validation lags far behind training.
 * Dropout gets no seed: a seeded tfjs dropout layer draws the same mask on every call.
 */
export function buildHead(channels: number, numClasses: number, opts: HeadOptions = {}): tf.LayersModel {
  const hidden = opts.hidden ?? 512;
  const [p1, p2] = opts.dropout ?? [0.25, 0.5];
  const seed = (offset: number): { seed?: number } => (opts.seed === undefined ? {} : { seed: opts.seed + offset });
  const kernelInitializer = (offset: number) => tf.initializers.heNormal(seed(offset));
  const apply = (layer: tf.layers.Layer, x: tf.SymbolicTensor | tf.SymbolicTensor[]): tf.SymbolicTensor =>
    layer.apply(x) as tf.SymbolicTensor;

  const input = tf.input({ shape: [null, null, channels], name: `${HEAD_PREFIX}input` });
  const avg = apply(tf.layers.globalAveragePooling2d({ name: `${HEAD_PREFIX}avg_pool` }), input);
  const max = apply(tf.layers.globalMaxPooling2d({ name: `${HEAD_PREFIX}max_pool` }), input);
  let x = apply(tf.layers.concatenate({ axis: -1, name: `${HEAD_PREFIX}concat_pool` }), [avg, max]);
  x = apply(tf.layers.batchNormalization({ momentum: HEAD_BN_MOMENTUM, name: `${HEAD_PREFIX}bn1` }), x);
  x = apply(tf.layers.dropout({ rate: p1, name: `${HEAD_PREFIX}dropout1` }), x);
  x = apply(tf.layers.dense({ units: hidden, kernelInitializer: kernelInitializer(2), name: `${HEAD_PREFIX}dense1` }), x);
  x = apply(tf.layers.reLU({ name: `${HEAD_PREFIX}relu` }), x);
  x = apply(tf.layers.batchNormalization({ momentum: HEAD_BN_MOMENTUM, name: `${HEAD_PREFIX}bn2` }), x);
  x = apply(tf.layers.dropout({ rate: p2, name: `${HEAD_PREFIX}dropout2` }), x);
  x = apply(
    tf.layers.dense({ units: numClasses, activation: 'softmax', kernelInitializer: kernelInitializer(4), name: `${HEAD_PREFIX}predictions` }),
    x,
  );
  return tf.model({ inputs: input, outputs: x, name: 'head' });
}

export function buildClassifier(backbone: tf.LayersModel, classNames: string[], opts: HeadOptions = {}): Classifier {
  if (classNames.length < 2) throw new Error(`A classifier needs at least two classes (got ${classNames.length}).`);
  if (new Set(classNames).size !== classNames.length) throw new Error('Class names must be unique.');
  const features = backbone.outputs[0];
  const channels = features.shape[features.shape.length - 1];
  if (features.shape.length !== 4 || channels == null) {
    throw new Error(`The backbone must end in a feature map [batch, h, w, channels]; it gives [${features.shape.join(', ')}].`);
  }
  const head = buildHead(channels, classNames.length, opts);
  const probs = head.apply(features) as tf.SymbolicTensor;
  const model = tf.model({ inputs: backbone.inputs, outputs: probs, name: 'classifier' });
  return { model, backbone, head, classNames: [...classNames] };
}

const headSplits = new WeakMap<tf.LayersModel, { body: tf.LayersModel; dense: tf.layers.Layer } | null>();

/**
 * buildHead's head split before its last dense layer (`head_predictions`): `body` gives the features that layer
 * turns into class scores (Grad-CAM's logits, the unfamiliar-image check's features); `dense` applied to them
 * gives the probabilities. Same layers and weights as the head; null for a head buildHead did not make.
 */
export function splitHead(head: tf.LayersModel): { body: tf.LayersModel; dense: tf.layers.Layer } | null {
  if (!headSplits.has(head)) {
    let split: { body: tf.LayersModel; dense: tf.layers.Layer } | null = null;
    try {
      const dense = head.getLayer(`${HEAD_PREFIX}predictions`);
      split = { body: tf.model({ inputs: head.inputs, outputs: dense.input as tf.SymbolicTensor }), dense };
    } catch {
      split = null;
    }
    headSplits.set(head, split);
  }
  return headSplits.get(head) ?? null;
}
