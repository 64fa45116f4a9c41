import { strToU8, zipSync, type Zippable } from 'fflate';
import { describe, expect, it } from 'vitest';
import { BUNDLE_FORMAT, BUNDLE_FORMAT_VERSION, parseBundleJson, type BundleJson } from './format';
import { packBundle } from './pack';
import { assembleBundle, checkFileList, DEFAULT_LIMITS, looksLikeZip, outputUnits, unpackBundleZip, unsafePathReason } from './validate';
import { inflateEntry, readZipDirectory } from './zip';

const bundle: BundleJson = {
  format: BUNDLE_FORMAT,
  formatVersion: BUNDLE_FORMAT_VERSION,
  name: 'test model',
  createdAt: '2026-01-02T03:04:05.000Z',
  appVersion: '0.1.0',
  classNames: ['a', 'b', 'c'],
  modelFile: 'model.json',
  backbone: { name: 'resnet50-tiny', pretrained: false, weightsNote: 'none', params: 12 },
  preprocessing: { inputSize: 32, normalization: 'caffe', resize: 'center-square-bilinear', dataBarCrop: true },
  training: null,
  metrics: { validAccuracy: 0.5 },
};

// A functional model: input [4] → dense(3) → softmax, nested the way the app's classifier nests its head.
function modelJson(units = 3) {
  const head = {
    class_name: 'Functional',
    name: 'head',
    config: {
      name: 'head',
      layers: [
        { class_name: 'InputLayer', name: 'head_input', config: { name: 'head_input', batch_input_shape: [null, 4] }, inbound_nodes: [] },
        { class_name: 'Dense', name: 'head_predictions', config: { name: 'head_predictions', units, activation: 'linear' }, inbound_nodes: [[['head_input', 0, 0, {}]]] },
        { class_name: 'Activation', name: 'softmax', config: { name: 'softmax', activation: 'softmax' }, inbound_nodes: [[['head_predictions', 0, 0, {}]]] },
      ],
      input_layers: [['head_input', 0, 0]],
      output_layers: [['softmax', 0, 0]],
    },
    inbound_nodes: [[['input', 0, 0, {}]]],
  };
  return {
    format: 'layers-model',
    modelTopology: {
      class_name: 'Functional',
      config: {
        name: 'classifier',
        layers: [{ class_name: 'InputLayer', name: 'input', config: { name: 'input', batch_input_shape: [null, 4] }, inbound_nodes: [] }, head],
        input_layers: [['input', 0, 0]],
        output_layers: [['head', 0, 0]],
      },
    },
    weightsManifest: [{
      paths: ['group1-shard1of2.bin', 'group1-shard2of2.bin'],
      weights: [
        { name: 'head_predictions/kernel', shape: [4, units], dtype: 'float32' },
        { name: 'head_predictions/bias', shape: [units], dtype: 'float32' },
      ],
    }],
  };
}

const weightBytes = (units = 3) => new Uint8Array((4 * units + units) * 4).map((_, i) => i % 251);
function shards(units = 3) {
  const all = weightBytes(units);
  return [{ path: 'group1-shard1of2.bin', data: all.subarray(0, 20) }, { path: 'group1-shard2of2.bin', data: all.subarray(20) }];
}

function goodZip(): Uint8Array {
  return packBundle({ modelJson: modelJson(), shards: shards(), bundle });
}

function zipOf(files: Record<string, Uint8Array | string>): Uint8Array {
  const z: Zippable = {};
  for (const [k, v] of Object.entries(files)) z[k] = typeof v === 'string' ? strToU8(v) : v;
  return zipSync(z);
}

function filesOf(zip: Uint8Array): Record<string, Uint8Array | string> {
  const good = unpackBundleZip(zip);
  return {
    'model.json': JSON.stringify(good.modelJson),
    'bundle.json': JSON.stringify(good.bundle),
    'group1-shard1of2.bin': good.weights.get('group1-shard1of2.bin')!,
    'group1-shard2of2.bin': good.weights.get('group1-shard2of2.bin')!,
  };
}

/** Sets the uncompressed size of every entry in the central directory and local headers. */
function patchDeclaredSize(zip: Uint8Array, name: string, size: number): Uint8Array {
  const out = zip.slice();
  const view = new DataView(out.buffer);
  const e = readZipDirectory(zip).find((x) => x.name === name)!;
  view.setUint32(e.localHeaderOffset + 22, size, true);
  for (let p = 0; p < out.byteLength - 4; p++) {
    if (view.getUint32(p, true) === 0x02014b50 && view.getUint32(p + 42, true) === e.localHeaderOffset) view.setUint32(p + 24, size, true);
  }
  return out;
}

describe('a good bundle', () => {
  it('round-trips: pack, then unpack with every check passing', () => {
    const zip = goodZip();
    expect(looksLikeZip(zip)).toBe(true);
    const back = unpackBundleZip(zip);
    expect(back.bundle).toEqual(bundle);
    expect(back.weights.get('group1-shard1of2.bin')).toEqual(weightBytes().subarray(0, 20));
    expect(back.weights.get('group1-shard2of2.bin')).toEqual(weightBytes().subarray(20));
    expect(back.card).toContain('# test model');
    expect(back.card).toContain('0. a');
    // model.json carries a copy of bundle.json, so a model.json on its own still knows its classes.
    expect(back.modelJson.userDefinedMetadata?.bundle).toEqual(bundle);
  });

  it('is also accepted from loose files without bundle.json, by the copy in model.json', () => {
    const files = filesOf(goodZip());
    const map = new Map(Object.entries(files).filter(([n]) => n !== 'bundle.json').map(([n, v]) => [n, typeof v === 'string' ? strToU8(v) : v]));
    expect(assembleBundle(map).bundle.classNames).toEqual(['a', 'b', 'c']);
  });

  it('may sit in one folder of the zip', () => {
    const files = filesOf(goodZip());
    const nested = Object.fromEntries(Object.entries(files).map(([n, v]) => [`my model/${n}`, v]));
    expect(unpackBundleZip(zipOf({ ...nested, '__MACOSX/my model/._model.json': 'x' })).bundle.name).toBe('test model');
  });

  it('reads the output width through nested models and activations', () => {
    expect(outputUnits(modelJson(7).modelTopology)).toBe(7);
  });
});

describe('refused bundles, with a message naming the problem', () => {
  it('missing files', () => {
    const files = filesOf(goodZip());
    const { 'group1-shard2of2.bin': _drop, ...noShard } = files;
    expect(() => unpackBundleZip(zipOf(noShard))).toThrow(/weight file group1-shard2of2\.bin named in model\.json is missing/);
    const { 'model.json': _m, ...noModel } = files;
    expect(() => unpackBundleZip(zipOf(noModel))).toThrow(/model\.json is missing/);
    const { 'bundle.json': _b, ...noBundle } = files;
    expect(() => unpackBundleZip(zipOf(noBundle))).toThrow(/bundle\.json is missing/);
  });

  it('weights that do not match the shapes', () => {
    const files = filesOf(goodZip());
    expect(() => unpackBundleZip(zipOf({ ...files, 'group1-shard2of2.bin': new Uint8Array(8) }))).toThrow(/need 60 bytes by their shapes, but its files .* hold 28/);
    const wrongShape = modelJson();
    wrongShape.weightsManifest[0].weights[0].shape = [5, 3];
    expect(() => unpackBundleZip(zipOf({ ...files, 'model.json': JSON.stringify(wrongShape) }))).toThrow(/need 72 bytes/);
    const badShape = modelJson();
    (badShape.weightsManifest[0].weights[0] as { shape: unknown }).shape = [4, -1];
    expect(() => unpackBundleZip(zipOf({ ...files, 'model.json': JSON.stringify(badShape) }))).toThrow(/shape \[4,-1\], not a list of whole numbers/);
  });

  it('a class list that does not match the network', () => {
    const files = filesOf(goodZip());
    const two = { ...bundle, classNames: ['a', 'b'] };
    expect(() => unpackBundleZip(zipOf({ ...files, 'bundle.json': JSON.stringify(two) }))).toThrow(/3 outputs but bundle\.json names 2 classes/);
  });

  it('a bundle.json that breaks the schema', () => {
    expect(() => parseBundleJson({ ...bundle, format: 'other' })).toThrow(/bundle\.json: format must be "sem-classifier-bundle"/);
    expect(() => parseBundleJson({ ...bundle, classNames: ['a', 'a'] })).toThrow(/classNames must not repeat/);
    expect(() => parseBundleJson({ ...bundle, preprocessing: { ...bundle.preprocessing, inputSize: 0 } })).toThrow(/preprocessing\.inputSize/);
    expect(() => parseBundleJson({ ...bundle, preprocessing: { ...bundle.preprocessing, normalization: 'x' } })).toThrow(/preprocessing\.normalization/);
    expect(() => parseBundleJson({ ...bundle, formatVersion: 99 })).toThrow(/newer than this app reads/);
  });

  it('paths that are absolute, climb out with "..", or use backslashes', () => {
    const files = filesOf(goodZip());
    expect(() => unpackBundleZip(zipOf({ ...files, '../evil.bin': new Uint8Array(4) }))).toThrow(/"\.\.\/evil\.bin" climbs out of the bundle/);
    expect(() => unpackBundleZip(zipOf({ ...files, 'a\\b.bin': new Uint8Array(4) }))).toThrow(/contains a backslash/);
    expect(unsafePathReason('/etc/passwd')).toMatch(/absolute/);
    expect(unsafePathReason('C:/x.bin')).toMatch(/absolute/);
    expect(unsafePathReason('ok/model.json')).toBeNull();
  });

  it('unexpected file types', () => {
    const files = filesOf(goodZip());
    expect(() => unpackBundleZip(zipOf({ ...files, 'run.sh': 'rm -rf /' }))).toThrow(/Unexpected file "run\.sh"/);
  });

  it('oversized files and bundles, from the declared sizes alone', () => {
    expect(() => checkFileList([{ name: 'model.json', size: 1 }, { name: 'w.bin', size: DEFAULT_LIMITS.weightBytes + 1 }])).toThrow(/w\.bin is 500 MB, over the 500 MB allowed/);
    const limits = { ...DEFAULT_LIMITS, totalBytes: 100 };
    expect(() => unpackBundleZip(goodZip(), limits)).toThrow(/unpacks to 0\.\d+ MB, over the 0\.00 MB limit/);
    // A declared size over the limit is refused before anything is inflated.
    const huge = patchDeclaredSize(goodZip(), 'group1-shard1of2.bin', 0xfffffff0);
    expect(() => unpackBundleZip(huge)).toThrow(/group1-shard1of2\.bin is \d+ MB, over the 500 MB allowed/);
  });

  it('a zip bomb that declares a small size and inflates far past it', () => {
    const model = { ...modelJson(), weightsManifest: [{ paths: ['w.bin'], weights: [{ name: 'head_predictions/kernel', shape: [250], dtype: 'float32' }] }] };
    const bomb = zipSync({ 'model.json': strToU8(JSON.stringify(model)), 'bundle.json': strToU8(JSON.stringify(bundle)), 'w.bin': [new Uint8Array(64 * 1024 * 1024), { level: 9 }] });
    expect(bomb.byteLength).toBeLessThan(100_000);
    const lying = patchDeclaredSize(bomb, 'w.bin', 1000);
    expect(() => unpackBundleZip(lying)).toThrow(/w\.bin inflates to more than the 1000 bytes the zip declares: refused as a possible zip bomb/);
    // Work bound, not time: inflating stops within the first 16 KB step of ~64 KB compressed (64 MB inflated).
    const entry = readZipDirectory(lying).find((x) => x.name === 'w.bin')!;
    const work = { inputBytes: 0 };
    expect(() => inflateEntry(lying, entry, work)).toThrow(/possible zip bomb/);
    expect(entry.compressedSize).toBeGreaterThan(60_000);
    expect(work.inputBytes).toBeGreaterThan(0);
    expect(work.inputBytes).toBeLessThanOrEqual(16 * 1024);
  });

  it('corrupt or foreign files', () => {
    expect(() => unpackBundleZip(strToU8('not a zip at all, just some text that is long enough'))).toThrow(/not a zip archive/);
    const zip = goodZip();
    expect(() => unpackBundleZip(zip.subarray(0, zip.byteLength - 30))).toThrow(/not a zip archive, or it is truncated|corrupt/);
    const flipped = zip.slice();
    const e = readZipDirectory(zip).find((x) => x.name === 'group1-shard1of2.bin')!;
    flipped[e.localHeaderOffset + 30 + e.name.length + 3] ^= 0xff;
    expect(() => unpackBundleZip(flipped)).toThrow(/group1-shard1of2\.bin fails its CRC-32 check/);
    expect(() => unpackBundleZip(zipOf({ ...filesOf(zip), 'model.json': '{"format": "graph-model"' }))).toThrow(/model\.json is not valid JSON/);
  });
});

describe('hostile bundles (issue 15)', () => {
  const withLayers = (edit: (layers: Record<string, unknown>[]) => void) => {
    const m = modelJson();
    const head = m.modelTopology.config.layers[1] as unknown as { config: { layers: Record<string, unknown>[] } };
    edit(head.config.layers);
    return zipOf({ ...filesOf(goodZip()), 'model.json': JSON.stringify(m) });
  };

  it('a dangling layer reference is refused before tfjs sees it (it would wait for it forever)', () => {
    const zip = withLayers((layers) => { layers[1].inbound_nodes = [[['no_such_layer', 0, 0, {}]]]; });
    expect(() => unpackBundleZip(zip)).toThrow(/model\.json cannot be built: layer "head_predictions" refers to an input .*no_such_layer/);
  });

  it('a cycle between layers is refused', () => {
    const zip = withLayers((layers) => {
      layers[1].inbound_nodes = [[['softmax', 0, 0, {}]]];
    });
    expect(() => unpackBundleZip(zip)).toThrow(/cycle/);
  });

  it('a node index past the layer\'s nodes is refused', () => {
    const zip = withLayers((layers) => { layers[2].inbound_nodes = [[['head_predictions', 5, 0, {}]]]; });
    expect(() => unpackBundleZip(zip)).toThrow(/refers to an input/);
  });

  it('models nested past the cap are refused', () => {
    const m = modelJson();
    let inner: Record<string, unknown> = m.modelTopology.config.layers[1] as unknown as Record<string, unknown>;
    for (let i = 0; i < 12; i++) {
      const input = { class_name: 'InputLayer', name: `in${i}`, config: { name: `in${i}`, batch_input_shape: [null, 4] }, inbound_nodes: [] };
      const wrapped = { ...inner, inbound_nodes: [[[`in${i}`, 0, 0, {}]]] };
      inner = { class_name: 'Functional', name: `n${i}`, config: { name: `n${i}`, layers: [input, wrapped], input_layers: [[`in${i}`, 0, 0]], output_layers: [[inner.name, 0, 0]] }, inbound_nodes: [[['input', 0, 0, {}]]] };
    }
    (m.modelTopology.config.layers as unknown[])[1] = inner;
    m.modelTopology.config.output_layers = [['n11', 0, 0]];
    expect(() => unpackBundleZip(zipOf({ ...filesOf(goodZip()), 'model.json': JSON.stringify(m) }))).toThrow(/nested more than 8 deep/);
  });

  it('a bundle holding both model.json and Model.json is refused', () => {
    const files = filesOf(goodZip());
    expect(() => unpackBundleZip(zipOf({ ...files, 'Model.json': files['model.json'] }))).toThrow(/two files named/);
  });

  it('weight files whose declared size model.json does not need are refused before inflating them', () => {
    // A weight entry whose compressed stream is garbage: reaching the inflater would say "does not inflate".
    const files = filesOf(goodZip());
    const big = zipSync({ ...Object.fromEntries(Object.entries(files).map(([k, v]) => [k, typeof v === 'string' ? strToU8(v) : v])), 'group1-shard2of2.bin': [new Uint8Array(4 * 1024 * 1024), { level: 9 }] });
    const e = readZipDirectory(big).find((x) => x.name === 'group1-shard2of2.bin')!;
    for (let i = 0; i < 16; i++) big[e.localHeaderOffset + 30 + e.name.length + i] ^= 0x5a;
    expect(() => unpackBundleZip(big)).toThrow(/need \d+ bytes by their shapes/);
    const stray = zipOf({ ...files, 'extra.bin': new Uint8Array(16) });
    expect(() => unpackBundleZip(stray)).toThrow(/extra\.bin is not one of the weight files/);
  });

  it('a weight dtype named like an Object.prototype member is refused', () => {
    const m = modelJson();
    m.weightsManifest[0].weights[0].dtype = 'constructor';
    expect(() => unpackBundleZip(zipOf({ ...filesOf(goodZip()), 'model.json': JSON.stringify(m) }))).toThrow(/unsupported dtype "constructor"/);
  });
});
