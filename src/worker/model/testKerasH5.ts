// Test helper (imported by tests only): writes a model's weights as a Keras HDF5 file, the way Keras 2's
// `save_weights` (or `model.save`, under model_weights/) lays them out, with known random values.
import type * as tf from '@tensorflow/tfjs';
import type { Group } from 'h5wasm';
import type { H5Module } from './kerasH5';

export interface KerasH5WriteOptions {
  /** 'legacy': Keras ≤ 2.2 names (conv1, bn_conv1, res2a_branch2a, …) */
  names?: 'modern' | 'legacy';
  /** 'model': weights under model_weights/ as `model.save` writes them */
  layout?: 'weights' | 'model';
  /** add a classification top (fc1000 / predictions) the loader must skip */
  top?: boolean;
  /** write this layer's first weight with a wrong shape */
  wrongShapeLayer?: string;
  /** leave this layer out of the file */
  dropLayer?: string;
  seed?: number;
}

export interface KerasH5Written {
  bytes: ArrayBuffer;
  /** values written, by the model's weight name (`conv1_conv/kernel`) */
  values: Map<string, Float32Array>;
}

/** Keras ≤ 2.2 name of a modern ResNet layer name (inverse of layerNames.modernLayerName). */
export function legacyLayerName(modern: string): string {
  if (modern === 'conv1_conv') return 'conv1';
  if (modern === 'conv1_bn') return 'bn_conv1';
  const m = /^conv(\d)_block(\d+)_(\d)_(conv|bn)$/.exec(modern);
  if (!m) return modern;
  const [, stage, block, index, kind] = m;
  const letter = String.fromCharCode('a'.charCodeAt(0) + Number(block) - 1);
  const branch = index === '0' ? '1' : `2${'abc'[Number(index) - 1]}`;
  return `${kind === 'conv' ? 'res' : 'bn'}${stage}${letter}_branch${branch}`;
}

function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

let counter = 0;

export async function writeKerasH5(model: tf.LayersModel, h5: H5Module, opts: KerasH5WriteOptions = {}): Promise<KerasH5Written> {
  const { FS } = await h5.ready;
  const rand = random(opts.seed ?? 1);
  const path = `/write-keras-${++counter}.h5`;
  const file = new h5.File(path, 'w');
  const values = new Map<string, Float32Array>();
  const root: Group = opts.layout === 'model' ? file.create_group('model_weights') : file;
  const entries: { name: string; weights: { short: string; shape: number[]; key?: string }[] }[] = [];
  for (const layer of model.layers) {
    if (layer.name === opts.dropLayer) continue;
    const name = opts.names === 'legacy' ? legacyLayerName(layer.name) : layer.name;
    entries.push({
      name,
      weights: layer.weights.map((w, i) => {
        const short = w.originalName.split('/').pop() as string;
        const shape = layer.name === opts.wrongShapeLayer && i === 0 ? [...w.shape.slice(0, -1), (w.shape.at(-1) ?? 1) + 1] : w.shape;
        return { short, shape: shape as number[], key: w.originalName };
      }),
    });
  }
  if (opts.top) {
    const top = opts.names === 'legacy' ? 'fc1000' : 'predictions';
    entries.push({ name: top, weights: [{ short: 'kernel', shape: [4, 10] }, { short: 'bias', shape: [10] }] });
  }
  const names = entries.map((e) => e.name);
  // Keras writes fixed-length byte strings (numpy 'S').
  root.create_attribute('layer_names', names, null, `S${Math.max(...names.map((n) => n.length))}`);
  root.create_attribute('backend', 'tensorflow');
  root.create_attribute('keras_version', opts.names === 'legacy' ? '2.1.6' : '2.13.1');
  for (const e of entries) {
    const group = root.create_group(e.name);
    if (e.weights.length === 0) {
      // What h5py makes of Keras' empty weight_names list: a float64 array of length 0.
      group.create_attribute('weight_names', new Float64Array(0));
      continue;
    }
    const weightNames = e.weights.map((w) => `${e.name}/${w.short}:0`);
    group.create_attribute('weight_names', weightNames, null, `S${Math.max(...weightNames.map((n) => n.length))}`);
    const inner = group.create_group(e.name);
    for (const w of e.weights) {
      const data = new Float32Array(w.shape.reduce((a, b) => a * b, 1));
      // Positive values keep BN variances valid, so predictions stay finite.
      for (let i = 0; i < data.length; i++) data[i] = 0.05 + rand() * 0.1;
      inner.create_dataset({ name: `${w.short}:0`, data, shape: w.shape, dtype: '<f' });
      if (w.key) values.set(w.key, data);
    }
  }
  file.close();
  const bytes = FS.readFile(path) as Uint8Array;
  FS.unlink(path);
  return { bytes: bytes.slice().buffer, values };
}
