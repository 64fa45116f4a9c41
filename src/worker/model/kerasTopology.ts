// Edits the Keras topology JSON of a converted model (model.json's modelTopology) so that tfjs-layers 4.22
// loads it as a backbone: Keras 3 spellings rewritten to Keras 2 ones, the classification top cut off, the
// input opened to any image size. Pure JSON work; no tfjs.
import { layerGraphProblem } from '../../shared/models/loaderGuard';
import { BackboneError } from './errors';

export type Json = Record<string, unknown>;

interface KerasLayer {
  class_name: string;
  name: string;
  config: Json;
  inbound_nodes: unknown[];
}

export interface PreparedTopology {
  /** topology to hand to tf.loadLayersModel (same nesting as the input: with or without model_config) */
  topology: Json;
  /** the layer whose 4-D output becomes the backbone's output */
  cutAt: string;
  keptLayers: Set<string>;
  allLayers: Set<string>;
  kerasVersion?: string;
}

const CONV_CLASSES = new Set(['Conv2D', 'SeparableConv2D', 'DepthwiseConv2D']);
const FEATURE_CLASSES = new Set([...CONV_CLASSES, 'Add']);
const HEAD_CLASSES = new Set(['GlobalAveragePooling2D', 'GlobalMaxPooling2D', 'AveragePooling2D', 'MaxPooling2D', 'Flatten', 'Dense']);
const SEQUENCE_CLASSES = new Set(['LSTM', 'GRU', 'SimpleRNN', 'RNN', 'Bidirectional', 'TimeDistributed', 'Embedding', 'ConvLSTM2D', 'Conv1D']);

export function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const NOT_FUNCTIONAL =
  'Use a Keras functional image model such as keras.applications.ResNet50, converted with ' +
  '`tensorflowjs_converter --input_format keras`.';

function modelConfigOf(modelTopology: Json): { config: Json; nested: boolean } {
  if (isObject(modelTopology.model_config)) return { config: modelTopology.model_config, nested: true };
  if (typeof modelTopology.class_name === 'string') return { config: modelTopology, nested: false };
  throw new BackboneError(`model.json's modelTopology holds no Keras model_config. ${NOT_FUNCTIONAL}`);
}

/** Keras 3 writes the dtype as a DTypePolicy object; Keras 2 and tfjs use the plain name. */
function plainDtype(dtype: unknown): unknown {
  if (isObject(dtype) && isObject(dtype.config) && typeof dtype.config.name === 'string') return dtype.config.name;
  return dtype;
}

/** Every [layer, node, tensor] `keras_history` inside a Keras 3 call's args, in order. */
function kerasHistories(v: unknown, out: unknown[][]): unknown[][] {
  if (Array.isArray(v)) v.forEach((x) => kerasHistories(x, out));
  else if (isObject(v)) {
    if (v.class_name === '__keras_tensor__' && isObject(v.config) && Array.isArray(v.config.keras_history)) {
      const [layer, node, tensor] = v.config.keras_history as unknown[];
      out.push([layer, node, tensor, {}]);
    } else Object.values(v).forEach((x) => kerasHistories(x, out));
  }
  return out;
}

/** Keras 3 inbound node `{args, kwargs}` → Keras 2 `[[layer, node, tensor, {}], ...]`. */
function keras2Nodes(nodes: unknown): unknown[] {
  if (!Array.isArray(nodes)) return [];
  return nodes.map((node) => (isObject(node) ? kerasHistories(node.args, []) : node));
}

/** `["input_1", 0, 0]` (Keras 3, single tensor) → `[["input_1", 0, 0]]`. */
function tensorList(v: unknown): unknown[][] {
  if (!Array.isArray(v)) return [];
  return typeof v[0] === 'string' ? [v] : (v as unknown[][]);
}

function normaliseLayer(raw: unknown, index: number): KerasLayer {
  if (!isObject(raw) || typeof raw.class_name !== 'string' || !isObject(raw.config)) {
    throw new BackboneError(`Layer ${index} of model.json is not a Keras layer description. ${NOT_FUNCTIONAL}`);
  }
  const config: Json = { ...raw.config };
  const name = typeof raw.name === 'string' ? raw.name : String(config.name ?? `layer_${index}`);
  config.name = name;
  if ('dtype' in config) config.dtype = plainDtype(config.dtype);
  if (raw.class_name === 'InputLayer' && config.batch_shape !== undefined && config.batch_input_shape === undefined) {
    // Keras 3 spelling; tfjs 4.22 rejects an InputLayer without batch_input_shape.
    config.batch_input_shape = config.batch_shape;
  }
  delete config.batch_shape;
  return { class_name: raw.class_name, name, config, inbound_nodes: keras2Nodes(raw.inbound_nodes) };
}

function inboundNames(layer: KerasLayer): string[] {
  const names: string[] = [];
  for (const node of layer.inbound_nodes) {
    if (!Array.isArray(node)) continue;
    for (const t of node) if (Array.isArray(t) && typeof t[0] === 'string') names.push(t[0]);
  }
  return names;
}

/** The input of the first pooling/flatten/dense layer after the last conv/add: where the top begins. */
function findCut(layers: KerasLayer[], outputs: unknown[][]): string {
  let lastFeature = -1;
  layers.forEach((l, i) => {
    if (FEATURE_CLASSES.has(l.class_name)) lastFeature = i;
  });
  for (let i = lastFeature + 1; i < layers.length; i++) {
    if (HEAD_CLASSES.has(layers[i].class_name)) {
      const input = inboundNames(layers[i])[0];
      if (input) return input;
    }
  }
  if (outputs.length === 1 && typeof outputs[0][0] === 'string') return outputs[0][0];
  return layers[layers.length - 1].name;
}

function ancestors(cut: string, byName: Map<string, KerasLayer>): Set<string> {
  const kept = new Set<string>();
  const stack = [cut];
  while (stack.length > 0) {
    const name = stack.pop() as string;
    if (kept.has(name)) continue;
    const layer = byName.get(name);
    if (!layer) throw new BackboneError(`model.json refers to a layer "${name}" that it does not define.`);
    kept.add(name);
    stack.push(...inboundNames(layer));
  }
  return kept;
}

/**
 * tfjs-layers builds a functional model by retrying layers until their inputs exist: a reference that is not
 * `[layerName, nodeIndex, tensorIndex]` to an existing node, or a cycle, makes it retry forever (the tab
 * hangs). Checked here, with a topological sort, so such a file fails with a sentence instead.
 */
function checkGraph(kept: KerasLayer[]): void {
  // The same check every model source gets (shared/models/loaderGuard.ts).
  const problem = layerGraphProblem(kept);
  if (problem) throw new BackboneError(`model.json cannot be built: ${problem}. It is not a valid Keras model.`);
}

function checkImageInput(input: KerasLayer): number {
  const shape = input.config.batch_input_shape;
  if (!Array.isArray(shape) || shape.length !== 4) {
    throw new BackboneError(
      `The model's input "${input.name}" has shape ${JSON.stringify(shape ?? null)}, not [batch, height, width, 3]: ` +
        'a backbone must take RGB images.',
    );
  }
  const channels = shape[3] as unknown;
  if (channels !== 3 && channels !== null) {
    throw new BackboneError(`The model takes ${String(channels)}-channel input; a backbone must take 3-channel (RGB) images.`);
  }
  return 3;
}

/**
 * Validates a converted Keras model's topology and returns an edited copy that ends at the last 4-D
 * feature map and accepts images of any size.
 */
export function prepareBackboneTopology(modelTopology: unknown): PreparedTopology {
  if (!isObject(modelTopology)) throw new BackboneError(`model.json has no modelTopology. ${NOT_FUNCTIONAL}`);
  const { config: modelConfig, nested } = modelConfigOf(modelTopology);
  const kerasVersion =
    typeof modelTopology.keras_version === 'string' ? modelTopology.keras_version
    : typeof modelConfig.keras_version === 'string' ? modelConfig.keras_version : undefined;
  const className = String(modelConfig.class_name);
  if (className === 'Sequential') {
    throw new BackboneError(`This is a Sequential Keras model; the backbone loader needs a functional one. ${NOT_FUNCTIONAL}`);
  }
  if (className !== 'Model' && className !== 'Functional') {
    throw new BackboneError(`model.json describes a "${className}", not a Keras model. ${NOT_FUNCTIONAL}`);
  }
  const inner = isObject(modelConfig.config) ? modelConfig.config : {};
  const rawLayers = Array.isArray(inner.layers) ? inner.layers : [];
  const layers = rawLayers.map(normaliseLayer);
  const sequence = layers.find((l) => SEQUENCE_CLASSES.has(l.class_name));
  if (sequence) {
    throw new BackboneError(`The model contains a ${sequence.class_name} layer ("${sequence.name}"): it is not an image backbone.`);
  }
  if (!layers.some((l) => CONV_CLASSES.has(l.class_name))) {
    throw new BackboneError('The model has no convolution layer (Conv2D): it is not an image backbone.');
  }

  const byName = new Map(layers.map((l) => [l.name, l]));
  const cutAt = findCut(layers, tensorList(inner.output_layers));
  const keptLayers = ancestors(cutAt, byName);
  const kept = layers.filter((l) => keptLayers.has(l.name));
  const inputs = kept.filter((l) => l.class_name === 'InputLayer');
  if (inputs.length !== 1) {
    throw new BackboneError(`The model has ${inputs.length} image inputs before "${cutAt}"; a backbone needs exactly one.`);
  }
  checkGraph(kept);
  const channels = checkImageInput(inputs[0]);
  // Any image size: progressive resizing feeds 64 px, then 128 px, ... through the same weights.
  inputs[0].config.batch_input_shape = [null, null, null, channels];

  const editedConfig: Json = {
    ...modelConfig,
    class_name: className,
    config: {
      ...inner,
      layers: kept,
      input_layers: [[inputs[0].name, 0, 0]],
      output_layers: [[cutAt, 0, 0]],
    },
  };
  const topology = nested ? { ...modelTopology, model_config: editedConfig } : editedConfig;
  return { topology, cutAt, keptLayers, allLayers: new Set(byName.keys()), kerasVersion };
}
