import * as tf from '@tensorflow/tfjs';
import { BackboneError, errorText } from './errors';
import { isObject, prepareBackboneTopology } from './kerasTopology';
import { loadKeptWeights } from './shardedWeights';

export { BackboneError } from './errors';

export interface ConvertedBackboneSource {
  /** the parsed model.json written by `tensorflowjs_converter --input_format keras` (or by this app) */
  modelJson: unknown;
  /**
   * bytes of one weight file, by the path model.json's weightsManifest gives (relative to model.json);
   * `maxBytes` is the most it may hold by the manifest (a download stops there)
   */
  loadShard: (path: string, maxBytes: number) => Promise<ArrayBuffer>;
}

export interface ConvertedBackboneInfo {
  params: number;
  /** name of the layer the network was cut at (its output is the feature map) */
  cutAt: string;
  layers: number;
  kerasVersion?: string;
}

/** Keras topologies nest a dozen levels; hostile JSON nested thousands deep would overflow the stack later. */
const MAX_JSON_DEPTH = 64;

/** Depth of nested arrays and objects, walked without recursion; stops counting past `limit`. */
export function jsonDepth(v: unknown, limit = MAX_JSON_DEPTH): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[v, 1]];
  while (stack.length > 0) {
    const [x, d] = stack.pop()!;
    if (typeof x !== 'object' || x === null) continue;
    deepest = Math.max(deepest, d);
    if (deepest > limit) return deepest;
    for (const child of Object.values(x)) if (typeof child === 'object' && child !== null) stack.push([child, d + 1]);
  }
  return deepest;
}

/** JSON.parse with a sentence naming the file instead of "Unexpected token". */
export function parseModelJson(text: string, name: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new BackboneError(`${name} is not valid JSON (${errorText(e)}): give the model.json written by tensorflowjs_converter.`);
  }
}

function checkModelJson(json: unknown): { modelTopology: unknown; weightsManifest: unknown } {
  if (!isObject(json)) throw new BackboneError('model.json is not a JSON object.');
  if (jsonDepth(json) > MAX_JSON_DEPTH) throw new BackboneError(`model.json is nested more than ${MAX_JSON_DEPTH} levels deep: it is not a converted Keras model.`);
  const format = json.format;
  const topology = json.modelTopology;
  const graphLike = format === 'graph-model' || (isObject(topology) && Array.isArray(topology.node));
  if (graphLike) {
    throw new BackboneError(
      'This model.json is a TensorFlow.js graph model (from a SavedModel), which cannot be fine-tuned. ' +
        'Save the Keras model as .h5 and convert it with `tensorflowjs_converter --input_format keras`.',
    );
  }
  if (format !== undefined && format !== 'layers-model') {
    throw new BackboneError(`model.json has format "${String(format)}", not "layers-model".`);
  }
  return { modelTopology: topology, weightsManifest: json.weightsManifest };
}

/**
 * Loads a converted Keras image model as a backbone: cut before its classification top (pooling, flatten,
 * dense), open to any input size, with only the weights of the kept layers read into memory.
 */
export async function loadConvertedBackbone(
  src: ConvertedBackboneSource,
): Promise<{ backbone: tf.LayersModel; info: ConvertedBackboneInfo }> {
  const { modelTopology, weightsManifest } = checkModelJson(src.modelJson);
  const prepared = prepareBackboneTopology(modelTopology);
  const weights = await loadKeptWeights(weightsManifest, src.loadShard, prepared.allLayers, prepared.keptLayers);
  const artifacts: tf.io.ModelArtifacts = {
    modelTopology: prepared.topology,
    format: 'layers-model',
    weightSpecs: weights.specs,
    weightData: weights.data,
  };

  let backbone: tf.LayersModel;
  try {
    // A custom IOHandler: the artifacts are already in memory, no URL or file is involved.
    backbone = await tf.loadLayersModel({ load: async () => artifacts });
  } catch (e) {
    throw new BackboneError(`TensorFlow.js could not build the network from this model.json: ${errorText(e)}`);
  }
  const shape = backbone.outputs[0].shape;
  if (shape.length !== 4) {
    backbone.dispose();
    throw new BackboneError(`The network's features at "${prepared.cutAt}" have shape [${shape.join(', ')}], not a 4-D feature map.`);
  }
  return {
    backbone,
    info: {
      params: backbone.countParams(),
      cutAt: prepared.cutAt,
      layers: backbone.layers.length,
      kerasVersion: prepared.kerasVersion,
    },
  };
}
