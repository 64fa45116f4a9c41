import * as tf from '@tensorflow/tfjs';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { BackboneError, loadConvertedBackbone } from './convertedBackbone';
import { buildResNet50 } from './resnet50';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

interface Spec { name: string; shape: number[]; dtype: string }
interface ModelJson { modelTopology: Record<string, unknown>; weightsManifest: { paths: string[]; weights: Spec[] }[] }

const SHARD = 4 * 1024 * 1024; // tensorflowjs_converter's default shard size
const numel = (s: Spec): number => s.shape.reduce((a, b) => a * b, 1);
// A float's value is a function of its position in the concatenated shards, so tests can tell where
// every weight was read from.
const valueAt = (i: number): number => (i % 4099) * 1e-5;

function fixture(folder: string): ModelJson {
  const url = new URL(`../../../../shared/fixtures/keras-resnet50/${folder}/model.json`, import.meta.url);
  return JSON.parse(readFileSync(url, 'utf8')) as ModelJson;
}

/** Shards generated on request, each of the size the converter would have written. */
function patternShards(json: ModelJson): (path: string) => Promise<ArrayBuffer> {
  const { paths, weights } = json.weightsManifest[0];
  const total = weights.reduce((a, w) => a + 4 * numel(w), 0);
  return async (path) => {
    const i = paths.indexOf(path);
    if (i < 0) throw new Error(`no such file: ${path}`);
    const start = i * SHARD;
    const floats = new Float32Array(Math.min(SHARD, total - start) / 4);
    for (let k = 0; k < floats.length; k++) floats[k] = valueAt(start / 4 + k);
    return floats.buffer;
  };
}

async function artifactsOf(model: tf.LayersModel): Promise<{ topology: Record<string, unknown>; specs: tf.io.WeightsManifestEntry[]; data: ArrayBuffer }> {
  let saved: tf.io.ModelArtifacts | undefined;
  await model.save(tf.io.withSaveHandler(async (a) => {
    saved = a;
    return { modelArtifactsInfo: tf.io.getModelArtifactsInfoForJSON(a) };
  }));
  const a = saved as tf.io.ModelArtifacts;
  return { topology: a.modelTopology as Record<string, unknown>, specs: a.weightSpecs ?? [], data: tf.io.concatenateArrayBuffers(a.weightData as ArrayBuffer | ArrayBuffer[]) };
}

function maxAbsDiff(a: tf.Tensor, b: tf.Tensor): number {
  return tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]);
}

describe('loadConvertedBackbone on real Keras ResNet50 conversions', () => {
  it.each([
    ['keras-2.2.4-gap-top', 'activation_48', '2.2.4-tf'],
    ['keras-2.1.6-avgpool-flatten-top', 'activation_49', '2.1.6'],
  ])('%s: cuts the top, opens the input and reads the right bytes', async (folder, cutAt, kerasVersion) => {
    const json = fixture(folder);
    const specsAll = json.weightsManifest[0].weights;
    expect(specsAll.reduce((a, w) => a + 4 * numel(w), 0)).toBe(102_546_848);
    expect(json.weightsManifest[0].paths).toHaveLength(25);
    const { backbone, info } = await loadConvertedBackbone({ modelJson: json, loadShard: patternShards(json) });
    expect(info).toMatchObject({ params: 23_587_712, cutAt, kerasVersion });
    expect(backbone.inputs[0].shape).toEqual([null, null, null, 3]);
    expect(backbone.outputs[0].shape).toEqual([null, null, null, 2048]);

    // conv1's kernel must hold the floats at its offset in the manifest, fc1000 must be gone.
    const index = specsAll.findIndex((s) => s.name === 'conv1/kernel');
    const offset = specsAll.slice(0, index).reduce((a, s) => a + numel(s), 0);
    const kernel = backbone.getLayer('conv1').getWeights()[0].dataSync();
    expect(kernel.length).toBe(7 * 7 * 3 * 64);
    for (const k of [0, 1, 5000, kernel.length - 1]) expect(kernel[k]).toBeCloseTo(valueAt(offset + k), 7);
    expect(backbone.layers.some((l) => l.name === 'fc1000' || l.name === 'avg_pool')).toBe(false);

    const x = tf.randomUniform([1, 64, 64, 3], -100, 100);
    const y = backbone.predict(x) as tf.Tensor;
    expect(y.shape).toEqual([1, 2, 2, 2048]);
    tf.dispose([x, y]);
    backbone.dispose();
  });
});

/** The tiny builder's model with a classification top, as Keras 3 would describe it. */
async function keras3Style(withTop: boolean, newNodes: boolean) {
  const body = buildResNet50({ variant: 'resnet50-tiny', seed: 11 });
  let model = body;
  if (withTop) {
    const pooled = tf.layers.globalAveragePooling2d({ name: 'avg_pool' }).apply(body.outputs[0]) as tf.SymbolicTensor;
    const probs = tf.layers.dense({ units: 5, activation: 'softmax', name: 'predictions' }).apply(pooled) as tf.SymbolicTensor;
    model = tf.model({ inputs: body.inputs, outputs: probs });
  }
  const { topology, specs, data } = await artifactsOf(model);
  const config = topology.config as { layers: { class_name: string; config: Record<string, unknown>; inbound_nodes: unknown[] }[] };
  topology.class_name = 'Functional';
  for (const layer of config.layers) {
    if (layer.class_name === 'InputLayer') {
      layer.config.batch_shape = layer.config.batch_input_shape;
      delete layer.config.batch_input_shape;
    }
    if (newNodes) {
      layer.config.dtype = { module: 'keras', class_name: 'DTypePolicy', config: { name: 'float32' }, registered_name: null };
      layer.inbound_nodes = (layer.inbound_nodes as [string, number, number, unknown][][]).map((node) => {
        const tensors = node.map(([name, n, t]) => ({ class_name: '__keras_tensor__', config: { shape: [null], dtype: 'float32', keras_history: [name, n, t] } }));
        return { args: tensors.length === 1 ? tensors : [tensors], kwargs: {} };
      });
    }
  }
  const modelJson = { format: 'layers-model', modelTopology: topology, weightsManifest: [{ paths: ['group1-shard1of1.bin'], weights: specs }] };
  return { body, modelJson, data };
}

describe('loadConvertedBackbone on Keras 3 style topologies', () => {
  it.each([
    ['batch_shape, no top', false, false],
    ['batch_shape, DTypePolicy, {args, kwargs} nodes, with top', true, true],
  ])('%s: loads and computes exactly what the source model computes', async (_label, withTop, newNodes) => {
    const { body, modelJson, data } = await keras3Style(withTop, newNodes);
    const { backbone, info } = await loadConvertedBackbone({ modelJson, loadShard: async () => data });
    expect(info.cutAt).toBe('conv5_block1_out');
    expect(info.params).toBe(body.countParams());
    const x = tf.randomUniform([2, 32, 32, 3], 0, 255, 'float32', 1);
    const [a, b] = [body.predict(x) as tf.Tensor, backbone.predict(x) as tf.Tensor];
    expect(maxAbsDiff(a, b)).toBe(0);
    tf.dispose([x, a, b]);
    backbone.dispose();
    body.dispose();
  });
});

describe('loadConvertedBackbone refuses what it cannot use', () => {
  it('a shard of the wrong length, naming expected and actual bytes', async () => {
    const { modelJson, data } = await keras3Style(false, false);
    const short = data.slice(0, data.byteLength - 4);
    const err = await loadConvertedBackbone({ modelJson, loadShard: async () => short }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BackboneError);
    const fmt = (n: number) => n.toLocaleString('en-US');
    expect((err as Error).message).toContain(`hold ${fmt(data.byteLength - 4)} bytes`);
    expect((err as Error).message).toContain(`describes ${fmt(data.byteLength)} bytes`);
  });

  it('a missing shard, naming the file', async () => {
    const json = fixture('keras-2.2.4-gap-top');
    const shards = patternShards(json);
    const loadShard = (p: string) => (p === 'group1-shard7of25.bin' ? Promise.reject(new Error('not found')) : shards(p));
    await expect(loadConvertedBackbone({ modelJson: json, loadShard })).rejects.toThrow(/"group1-shard7of25\.bin" is missing/);
  });

  it('a model of Dense layers only', async () => {
    const input = tf.input({ shape: [10] });
    const out = tf.layers.dense({ units: 2 }).apply(tf.layers.dense({ units: 4 }).apply(input)) as tf.SymbolicTensor;
    const { topology, specs, data } = await artifactsOf(tf.model({ inputs: input, outputs: out }));
    const modelJson = { format: 'layers-model', modelTopology: topology, weightsManifest: [{ paths: ['w.bin'], weights: specs }] };
    await expect(loadConvertedBackbone({ modelJson, loadShard: async () => data })).rejects.toThrow(/no convolution layer/);
  });

  it('graph models, Sequential models, recurrent layers and non-RGB inputs', async () => {
    const load = (modelJson: unknown) => loadConvertedBackbone({ modelJson, loadShard: async () => new ArrayBuffer(0) });
    await expect(load({ format: 'graph-model', modelTopology: { node: [] } })).rejects.toThrow(/graph model/);
    await expect(load({ modelTopology: { class_name: 'Sequential', config: { layers: [] } } })).rejects.toThrow(/Sequential/);
    const json = fixture('keras-2.2.4-gap-top');
    type LayerJson = { class_name: string; config: Record<string, unknown> };
    const layersOf = (j: ModelJson) => (j.modelTopology.model_config as { config: { layers: LayerJson[] } }).config.layers;
    const gray = structuredClone(json);
    layersOf(gray)[0].config.batch_input_shape = [null, 224, 224, 1];
    await expect(load(gray)).rejects.toThrow(/1-channel/);
    const rnn = structuredClone(json);
    layersOf(rnn)[5].class_name = 'LSTM';
    await expect(load(rnn)).rejects.toThrow(/LSTM/);
    await expect(load('nonsense')).rejects.toBeInstanceOf(BackboneError);
  });
});
