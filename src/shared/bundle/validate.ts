// Checks a model bundle before anything of it reaches TensorFlow.js: file names and types, sizes (from the
// zip's directory or File.size, before reading or inflating), bundle.json's schema, and that model.json's
// weights manifest matches the weight files byte for byte and the class list in width.
import { parseBundleJson, type BundleJson } from './format';
import { topologyProblem } from '../models/loaderGuard';
import { BundleError, inflateEntry, readZipDirectory, type ZipEntryInfo } from './zip';

export { BundleError } from './zip';

const MiB = 1024 * 1024;

export interface BundleLimits {
  /** all files together, uncompressed */
  totalBytes: number;
  /** model.json and bundle.json each */
  jsonBytes: number;
  /** MODEL_CARD.md and other text */
  textBytes: number;
  /** one weight file */
  weightBytes: number;
  entries: number;
}

export const DEFAULT_LIMITS: BundleLimits = { totalBytes: 500 * MiB, jsonBytes: 32 * MiB, textBytes: 1 * MiB, weightBytes: 500 * MiB, entries: 1000 };

export type BundleFileKind = 'model' | 'bundle' | 'card' | 'weights';

export interface NamedSize {
  name: string;
  size: number;
}

/** Everything a bundle holds, read and checked, ready for tf.loadLayersModel. */
export interface BundleContents {
  bundle: BundleJson;
  modelJson: ModelJsonLike;
  /** weight files by base name */
  weights: Map<string, Uint8Array>;
  card: string | null;
}

export interface WeightSpecLike {
  name: string;
  shape: number[];
  dtype: string;
  quantization?: { dtype: string };
}

export interface ModelJsonLike {
  format?: string;
  modelTopology: Record<string, unknown>;
  weightsManifest: { paths: string[]; weights: WeightSpecLike[] }[];
  userDefinedMetadata?: Record<string, unknown>;
}

const mb = (n: number) => `${(n / MiB).toFixed(n < MiB ? 2 : 0)} MB`;
type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Why a path inside a bundle is unsafe, or null when it is a plain relative path. */
export function unsafePathReason(name: string): string | null {
  if (name.includes('\\')) return 'contains a backslash';
  if (name.startsWith('/') || /^[A-Za-z]:/.test(name)) return 'is an absolute path';
  if (name.split('/').some((p) => p === '..')) return 'climbs out of the bundle with ".."';
  if ([...name].some((ch) => ch.charCodeAt(0) < 0x20)) return 'contains control characters';
  return null;
}

export function fileKind(name: string): BundleFileKind | null {
  const base = name.split('/').pop()!.toLowerCase();
  if (base === 'model.json') return 'model';
  if (base === 'bundle.json') return 'bundle';
  if (base.endsWith('.md')) return 'card';
  if (base.endsWith('.bin')) return 'weights';
  return null;
}

/** Files that zip tools add on their own and that carry nothing of the bundle. */
function isZipNoise(name: string): boolean {
  return name.endsWith('/') || name.startsWith('__MACOSX/') || /(^|\/)\.DS_Store$/.test(name);
}

/**
 * Checks names, types and declared sizes of a bundle's files before any is read; returns each file's kind.
 * Files may sit in one common folder (a zipped folder); deeper layouts are refused.
 */
export function checkFileList(files: NamedSize[], limits: BundleLimits = DEFAULT_LIMITS): Map<string, BundleFileKind> {
  if (files.length > limits.entries) throw new BundleError(`The bundle has ${files.length} files; at most ${limits.entries} are accepted.`);
  const kinds = new Map<string, BundleFileKind>();
  const folders = new Set<string>();
  const seen = new Set<string>();
  let total = 0;
  for (const f of files) {
    const why = unsafePathReason(f.name);
    if (why) throw new BundleError(`Refused: the bundle entry "${f.name}" ${why}.`);
    const kind = fileKind(f.name);
    if (!kind) throw new BundleError(`Unexpected file "${f.name}" in the bundle: only model.json, bundle.json, MODEL_CARD.md and .bin weight files belong there.`);
    const parts = f.name.split('/');
    if (parts.length > 2) throw new BundleError(`"${f.name}" is nested too deep: put the bundle's files at the top of the zip (or in one folder).`);
    folders.add(parts.length === 2 ? parts[0] : '');
    const base = parts[parts.length - 1];
    // Case-insensitively: model.json and Model.json side by side would leave which one is read to chance.
    if (seen.has(base.toLowerCase())) throw new BundleError(`The bundle holds two files named ${base} (names are compared ignoring case).`);
    seen.add(base.toLowerCase());
    const limit = kind === 'weights' ? limits.weightBytes : kind === 'card' ? limits.textBytes : limits.jsonBytes;
    if (!(f.size >= 0) || f.size > limit) throw new BundleError(`${f.name} is ${mb(f.size)}, over the ${mb(limit)} allowed for such a file.`);
    total += f.size;
    kinds.set(base, kind);
  }
  if (folders.size > 1) throw new BundleError('The bundle\'s files are spread over several folders: keep them together.');
  if (total > limits.totalBytes) throw new BundleError(`The bundle unpacks to ${mb(total)}, over the ${mb(limits.totalBytes)} limit.`);
  if (![...kinds.values()].includes('model')) throw new BundleError('model.json is missing from the bundle.');
  return kinds;
}

// A Map: the dtype comes from the file, and `constructor` must not find Object.prototype's.
const DTYPE_BYTES = new Map<string, number>([['float32', 4], ['int32', 4], ['bool', 1], ['uint8', 1], ['uint16', 2], ['float16', 2], ['complex64', 8]]);

function product(shape: number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

/** model.json as the bundle needs it: a layers-model with a well-formed weights manifest. */
export function checkModelJson(json: unknown): ModelJsonLike {
  if (!isObj(json)) throw new BundleError('model.json is not a JSON object.');
  if (json.format !== undefined && json.format !== 'layers-model') {
    throw new BundleError(`model.json has format "${String(json.format)}"; a bundle holds a TensorFlow.js layers-model.`);
  }
  if (!isObj(json.modelTopology)) throw new BundleError('model.json has no modelTopology.');
  // tfjs-layers waits forever for a layer whose input never exists: checked before it sees the graph.
  const problem = topologyProblem(json.modelTopology);
  if (problem) throw new BundleError(`model.json cannot be built: ${problem}.`);
  const manifest = json.weightsManifest;
  if (!Array.isArray(manifest) || manifest.length === 0) throw new BundleError('model.json has no weightsManifest.');
  manifest.forEach((g: unknown, i) => {
    if (!isObj(g) || !Array.isArray(g.paths) || !Array.isArray(g.weights)) throw new BundleError(`model.json: weightsManifest[${i}] needs "paths" and "weights" lists.`);
    for (const p of g.paths) {
      if (typeof p !== 'string' || unsafePathReason(p) || p.includes('/')) throw new BundleError(`model.json: the weight path ${JSON.stringify(p)} must be a plain file name.`);
    }
    for (const w of g.weights as unknown[]) {
      if (!isObj(w) || typeof w.name !== 'string') throw new BundleError(`model.json: weightsManifest[${i}] has a weight without a name.`);
      if (!Array.isArray(w.shape) || !w.shape.every((d) => Number.isInteger(d) && d >= 0)) {
        throw new BundleError(`model.json: weight ${w.name} has the shape ${JSON.stringify(w.shape)}, not a list of whole numbers.`);
      }
      const dtype = isObj(w.quantization) ? w.quantization.dtype : w.dtype;
      if (typeof dtype !== 'string' || !DTYPE_BYTES.has(dtype)) throw new BundleError(`model.json: weight ${w.name} has the unsupported dtype ${JSON.stringify(dtype)}.`);
    }
  });
  return json as unknown as ModelJsonLike;
}

/** Checks every weight group's declared bytes (shapes × dtype sizes) against its files' sizes. */
export function checkWeightSizes(model: ModelJsonLike, sizes: Map<string, number>): void {
  model.weightsManifest.forEach((g, i) => {
    let expected = 0;
    for (const w of g.weights) expected += product(w.shape) * DTYPE_BYTES.get(w.quantization?.dtype ?? w.dtype)!;
    let actual = 0;
    for (const p of g.paths) {
      const size = sizes.get(p);
      if (size === undefined) throw new BundleError(`The weight file ${p} named in model.json is missing from the bundle.`);
      actual += size;
    }
    if (expected !== actual) {
      throw new BundleError(
        `model.json: the weights of group ${i + 1} need ${expected} bytes by their shapes, but its files (${g.paths.join(', ')}) hold ${actual}: ` +
          'a weight file is truncated or belongs to another model.',
      );
    }
  });
}

type LayerCfg = { class_name?: string; name?: string; config?: Obj; inbound_nodes?: unknown };

function layersOf(cfg: Obj): LayerCfg[] {
  return Array.isArray(cfg.layers) ? (cfg.layers as LayerCfg[]) : [];
}

function layerName(l: LayerCfg): string | undefined {
  return l.name ?? (l.config?.name as string | undefined);
}

/** Width of the network's output: the units of the dense layer that produces it, through nested models. */
export function outputUnits(topology: Obj): number | null {
  const root = isObj(topology.model_config) ? topology.model_config : topology;
  return unitsOfModel(root as LayerCfg, 0);
}

function unitsOfModel(model: LayerCfg, depth: number): number | null {
  if (depth > 8 || !isObj(model.config)) return null;
  const layers = layersOf(model.config);
  if (model.class_name === 'Sequential') return layers.length ? unitsOfLayer(layers[layers.length - 1], layers, depth) : null;
  const outs = model.config.output_layers;
  const first = Array.isArray(outs) ? outs[0] : null;
  const name = Array.isArray(first) ? first[0] : null;
  const layer = layers.find((l) => layerName(l) === name);
  return layer ? unitsOfLayer(layer, layers, depth) : null;
}

function unitsOfLayer(layer: LayerCfg, siblings: LayerCfg[], depth: number): number | null {
  const cls = layer.class_name ?? '';
  if (cls === 'Model' || cls === 'Functional' || cls === 'Sequential') return unitsOfModel(layer, depth + 1);
  if (cls === 'Dense') return typeof layer.config?.units === 'number' ? layer.config.units : null;
  // Activation, Softmax, Dropout and the like keep the width of their input: follow it back.
  const nodes = layer.inbound_nodes;
  const firstNode = Array.isArray(nodes) ? nodes[0] : null;
  const firstInput = Array.isArray(firstNode) ? firstNode[0] : null;
  const inboundName = Array.isArray(firstInput) ? firstInput[0] : null;
  const inbound = siblings.find((l) => layerName(l) === inboundName);
  return inbound && depth < 64 ? unitsOfLayer(inbound, siblings, depth + 1) : null;
}

/** The bundle.json of a set of files: the file itself, or the copy the app embeds in model.json. */
function findBundleJson(files: Map<string, Uint8Array>, model: ModelJsonLike): BundleJson {
  const raw = files.get('bundle.json');
  if (raw) return parseBundleJson(parseJson(raw, 'bundle.json'));
  const embedded = model.userDefinedMetadata?.bundle;
  if (embedded) return parseBundleJson(embedded);
  throw new BundleError('bundle.json is missing: it holds the class names and preprocessing. Give the whole bundle .zip, or bundle.json together with model.json and its weight files.');
}

function parseJson(bytes: Uint8Array, name: string): unknown {
  try {
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch (e) {
    throw new BundleError(`${name} is not valid JSON (${e instanceof Error ? e.message : String(e)}).`);
  }
}

/** Checks files already read (by base name) as one bundle and returns its contents. */
export function assembleBundle(files: Map<string, Uint8Array>): BundleContents {
  const modelBytes = files.get('model.json');
  if (!modelBytes) throw new BundleError('model.json is missing from the bundle.');
  const modelJson = checkModelJson(parseJson(modelBytes, 'model.json'));
  const bundle = findBundleJson(files, modelJson);
  const weights = new Map([...files].filter(([n]) => n.toLowerCase().endsWith('.bin')));
  checkWeightSizes(modelJson, new Map([...weights].map(([n, b]) => [n, b.byteLength])));
  const units = outputUnits(modelJson.modelTopology);
  if (units === null) throw new BundleError('model.json: the output layer\'s width could not be read (the network must end in a dense layer).');
  if (units !== bundle.classNames.length) {
    throw new BundleError(`The network has ${units} outputs but bundle.json names ${bundle.classNames.length} classes.`);
  }
  const cardName = [...files.keys()].find((n) => n.toLowerCase().endsWith('.md'));
  return { bundle, modelJson, weights, card: cardName ? new TextDecoder().decode(files.get(cardName)) : null };
}

/** Reads a bundle .zip: every check on names and declared sizes first, then guarded inflating. */
export function unpackBundleZip(zip: Uint8Array, limits: BundleLimits = DEFAULT_LIMITS): BundleContents {
  const entries = readZipDirectory(zip).filter((e) => !isZipNoise(e.name));
  checkFileList(entries.map((e) => ({ name: e.name, size: e.size })), limits);
  if (!entries.some((e) => fileKind(e.name) === 'bundle')) {
    throw new BundleError('bundle.json is missing from the zip: it holds the class names and preprocessing.');
  }
  // model.json and bundle.json first (small, capped above); the weight files' declared sizes are then
  // checked against what model.json says they hold, so a zip of zeros is refused before it is inflated.
  const files = new Map<string, Uint8Array>();
  const base = (e: ZipEntryInfo) => e.name.split('/').pop()!;
  for (const e of entries) if (fileKind(e.name) !== 'weights') files.set(base(e), inflateEntry(zip, e));
  const model = files.get('model.json');
  if (!model) throw new BundleError('model.json is missing from the bundle (its name must be model.json).');
  const modelJson = checkModelJson(parseJson(model, 'model.json'));
  const named = new Set(modelJson.weightsManifest.flatMap((g) => g.paths));
  const weightEntries = entries.filter((e) => fileKind(e.name) === 'weights');
  const stray = weightEntries.find((e) => !named.has(base(e)));
  if (stray) throw new BundleError(`${stray.name} is not one of the weight files model.json names: refused.`);
  checkWeightSizes(modelJson, new Map(weightEntries.map((e) => [base(e), e.size])));
  for (const e of entries) if (fileKind(e.name) === 'weights') files.set(base(e), inflateEntry(zip, e));
  return assembleBundle(files);
}

/** True when the bytes start like a zip archive (local file header or an empty archive's end record). */
export function looksLikeZip(bytes: Uint8Array): boolean {
  return bytes.byteLength >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 3 || bytes[2] === 5) && (bytes[3] === 4 || bytes[3] === 6);
}
