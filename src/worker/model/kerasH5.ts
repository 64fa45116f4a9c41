// Reads Keras HDF5 weights (`save_weights`, keras-applications `*_notop.h5`, or a whole model saved with
// `model.save`) onto a model built by buildResNet50, matching layers by name (old Caffe-style names too).
import * as tf from '@tensorflow/tfjs';
import type h5wasmDefault from 'h5wasm';
import type { Dataset, Group } from 'h5wasm';
import { BackboneError } from './errors';
import { modernLayerName } from './layerNames';

/** The parts of h5wasm used here; injectable so Node scripts, tests and the worker pick their own build. */
export type H5Module = Pick<typeof h5wasmDefault, 'File' | 'Group' | 'Dataset' | 'ready'>;

export interface KerasH5LoadResult {
  /** layers of the model whose weights were set */
  loaded: number;
  /** layers in the file that the model does not have (e.g. the top: fc1000, predictions) */
  skipped: string[];
}

/** h5wasm's ESM build (wasm inlined, in-memory file system): works in Node and, as its own chunk, in a worker. */
export async function loadH5Module(): Promise<H5Module> {
  const mod = await import('h5wasm');
  await mod.default.ready;
  return mod.default;
}

type Attributed = Pick<Group, 'attrs'>;

/** A string-list attribute; Keras splits long ones into `name0`, `name1`, … (HDF5's 64 kB attribute limit). */
function stringList(entity: Attributed, name: string): string[] | undefined {
  const attrs = entity.attrs;
  const chunk = (k: string) => k.startsWith(name) && /^\d+$/.test(k.slice(name.length));
  const keys = name in attrs ? [name] : Object.keys(attrs).filter(chunk).sort((a, b) => Number(a.slice(name.length)) - Number(b.slice(name.length)));
  const parts = keys.map((k) => attrs[k]);
  if (parts.length === 0) return undefined;
  return parts.flatMap((a) => {
    const v = a.value;
    // h5py stores an empty list as a float64 array of length 0 (layers without weights).
    if (v === null || (ArrayBuffer.isView(v) && !(v instanceof Uint8Array))) return [];
    const list = Array.isArray(v) ? v : [v];
    return list.map((s) => (s instanceof Uint8Array ? new TextDecoder().decode(s) : String(s))).filter((s) => s !== '');
  });
}

interface FileWeight {
  /** short name: kernel, bias, gamma, beta, moving_mean, moving_variance */
  short: string;
  path: string;
}

/** Weights grouped by the layer that owns them (the token before the weight's own name). */
function fileWeightsByLayer(root: Group, h5: H5Module, layerNames: string[]): Map<string, FileWeight[]> {
  const byLayer = new Map<string, FileWeight[]>();
  for (const groupName of layerNames) {
    const group = root.get(groupName);
    if (!(group instanceof h5.Group)) continue;
    for (const wn of stringList(group, 'weight_names') ?? []) {
      const tokens = wn.split('/');
      // `conv1_conv/kernel:0`; a nested model's group holds many layers' weights, hence the token, not the group.
      const layer = tokens.length >= 2 ? tokens[tokens.length - 2] : groupName;
      const short = tokens[tokens.length - 1].replace(/:\d+$/, '');
      const list = byLayer.get(layer) ?? [];
      list.push({ short, path: `${groupName}/${wn}` });
      byLayer.set(layer, list);
    }
  }
  return byLayer;
}

function targetLayer(model: tf.LayersModel, fileLayer: string): tf.layers.Layer | undefined {
  const names = new Set(model.layers.map((l) => l.name));
  const name = names.has(fileLayer) ? fileLayer : modernLayerName(fileLayer);
  return name !== null && names.has(name) ? model.getLayer(name) : undefined;
}

function datasetAt(root: Group, h5: H5Module, w: FileWeight, label: string): Dataset {
  const ds = root.get(w.path);
  if (!(ds instanceof h5.Dataset)) throw new BackboneError(`Layer ${label}: weight "${w.path}" is missing from the file.`);
  return ds as Dataset;
}

interface LayerPlan {
  layer: tf.layers.Layer;
  /** the file's datasets in the order of layer.weights */
  datasets: Dataset[];
}

/** Pairs a layer's weights with the file's datasets and checks their shapes, reading no values yet. */
function planLayer(layer: tf.layers.Layer, weights: FileWeight[], root: Group, h5: H5Module, fileLayer: string): LayerPlan {
  const label = fileLayer === layer.name ? layer.name : `${layer.name} (${fileLayer} in the file)`;
  const targets = layer.weights;
  if (targets.length !== weights.length) {
    throw new BackboneError(`Layer ${label}: the file has ${weights.length} weights, the model ${targets.length}.`);
  }
  const shortOf = (v: tf.LayerVariable) => v.originalName.split('/').pop() ?? '';
  const byName = new Map(weights.map((w) => [w.short, w]));
  // Match by name (kernel, gamma, …); files from very old Keras use other names, then fall back to order.
  const ordered = targets.every((t) => byName.has(shortOf(t))) ? targets.map((t) => byName.get(shortOf(t)) as FileWeight) : weights;
  const datasets = ordered.map((w, i) => {
    const ds = datasetAt(root, h5, w, label);
    const shape = ds.shape ?? [];
    const want = targets[i].shape;
    if (shape.length !== want.length || shape.some((d, k) => d !== want[k])) {
      throw new BackboneError(
        `Layer ${label}: weight "${w.short}" has shape [${shape.join(', ')}] in the file but [${want.join(', ')}] in the model.`,
      );
    }
    return ds;
  });
  return { layer, datasets };
}

function applyPlan({ layer, datasets }: LayerPlan): void {
  const tensors = datasets.map((ds) => {
    const v = ds.value;
    if (!(v instanceof Float32Array || v instanceof Float64Array)) {
      throw new BackboneError(`Layer ${layer.name}: weight ${ds.path} has type ${String(ds.dtype)}; only float32/float64 can be read.`);
    }
    return tf.tensor(v instanceof Float32Array ? v : Float32Array.from(v), ds.shape ?? [], 'float32');
  });
  layer.setWeights(tensors); // copies into the layer's variables
  tf.dispose(tensors);
}

function weightRoot(file: Group, h5: H5Module): Group {
  // `model.save` puts the weights under model_weights/; `save_weights` at the root.
  const nested = file.keys().includes('model_weights') ? file.get('model_weights') : null;
  return nested instanceof h5.Group ? (nested as Group) : file;
}

let fileCounter = 0;

const HDF5_SIGNATURE = [0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a];

/** HDF5's signature sits at offset 0 or, after a user block, at 512, 1024, 2048, … */
function looksLikeHdf5(bytes: Uint8Array): boolean {
  for (let at = 0; at + 8 <= bytes.length; at = at === 0 ? 512 : at * 2) {
    if (HDF5_SIGNATURE.every((b, i) => bytes[at + i] === b)) return true;
  }
  return false;
}

/**
 * Copies the weights of a Keras HDF5 file onto `model` by layer name. Throws a BackboneError when a weight's
 * shape differs or when a layer of the model gets no weights from the file.
 */
export async function loadKerasH5Weights(model: tf.LayersModel, bytes: ArrayBuffer, h5?: H5Module): Promise<KerasH5LoadResult> {
  const data = new Uint8Array(bytes);
  // h5wasm does not fail cleanly on other files; check the signature first.
  if (!looksLikeHdf5(data)) throw new BackboneError('This file is not an HDF5 file (.h5) with Keras weights.');
  const lib = h5 ?? (await loadH5Module());
  const { FS } = await lib.ready;
  // h5wasm opens files by path in its in-memory file system.
  const path = `/keras-weights-${++fileCounter}.h5`;
  FS.writeFile(path, data);
  let file: InstanceType<H5Module['File']> | undefined;
  try {
    file = new lib.File(path, 'r');
    const root = weightRoot(file, lib);
    const layerNames = stringList(root, 'layer_names');
    if (!layerNames) {
      const hint = file.keys().includes('layers') ? ' It looks like a Keras 3 `.weights.h5`; save with tf_keras (Keras 2) instead.' : '';
      throw new BackboneError(`This HDF5 file has no Keras weights (no "layer_names" attribute).${hint}`);
    }
    const byLayer = fileWeightsByLayer(root, lib, layerNames);
    const plans: LayerPlan[] = [];
    const skipped: string[] = [];
    for (const [fileLayer, weights] of byLayer) {
      const layer = targetLayer(model, fileLayer);
      if (!layer || layer.weights.length === 0) skipped.push(fileLayer);
      else plans.push(planLayer(layer, weights, root, lib, fileLayer));
    }
    const done = new Set(plans.map((p) => p.layer.name));
    const missing = model.layers.filter((l) => l.weights.length > 0 && !done.has(l.name)).map((l) => l.name);
    if (missing.length > 0) {
      throw new BackboneError(
        `The weights file does not fit this network: ${missing.length} layers get no weights (${missing.slice(0, 5).join(', ')}` +
          `${missing.length > 5 ? ', …' : ''}). Use Keras ResNet50 weights (e.g. resnet50_weights_tf_dim_ordering_tf_kernels_notop.h5).`,
      );
    }
    // Only now touch the model: a file that does not fit leaves it as it was.
    plans.forEach(applyPlan);
    return { loaded: done.size, skipped };
  } finally {
    file?.close();
    FS.unlink(path);
  }
}
