// models/manifest.json: the pretrained backbones and the trained model bundles deployed next to the app.
// No tfjs here: the worker reads the backbones, the UI offers the bundles.
import { isPreprocessing, type Preprocessing } from './preprocessingKinds';

export type ModelArch = 'resnet50' | 'resnet50-tiny';

export interface BackboneEntry {
  id: string;
  kind: 'backbone';
  arch: ModelArch;
  /** model.json of a tfjs layers-model, relative to models/ */
  path: string;
  preprocessing: Preprocessing;
  /** e.g. "ImageNet-1k (ILSVRC 2012)" */
  trainedOn: string;
  params: number;
  /** where the weights came from (URL or description), shown to the user */
  source: string;
}

/** A trained classifier exported by the Share step (a bundle .zip, or its unpacked model.json). */
export interface BundleEntry {
  id: string;
  kind: 'bundle';
  /** what the user sees ("open <name>") */
  name: string;
  /** the bundle .zip or its model.json, relative to models/ */
  path: string;
  description?: string;
}

export type ModelsManifestEntry = BackboneEntry | BundleEntry;

export interface ModelsManifest {
  models: ModelsManifestEntry[];
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function fail(where: string, what: string, got: unknown): never {
  throw new Error(`models/manifest.json: ${where} ${what} (got ${JSON.stringify(got) ?? String(got)}).`);
}

function text(e: Obj, key: string, where: string): string {
  const v = e[key];
  if (typeof v !== 'string' || v.trim() === '') fail(`${where}.${key}`, 'must be a non-empty string', v);
  return v;
}

// Relative to models/ and inside it: the app fetches it next to its own files, on any host or sub-path.
function insideModels(path: string): boolean {
  return !path.startsWith('/') && !path.includes('\\') && !path.split('/').includes('..') && !/^[a-z]+:/i.test(path);
}

function bundleEntry(raw: Obj, id: string, where: string): BundleEntry {
  const path = text(raw, 'path', where);
  if (!/\.(zip|json)$/i.test(path) || !insideModels(path)) {
    fail(`${where}.path`, 'must be a relative path to a bundle .zip (or its model.json) inside models/', path);
  }
  const description = raw.description;
  if (description !== undefined && typeof description !== 'string') fail(`${where}.description`, 'must be a string', description);
  return { id, kind: 'bundle', name: typeof raw.name === 'string' && raw.name.trim() ? raw.name : id, path, ...(description ? { description } : {}) };
}

function entry(raw: unknown, where: string): ModelsManifestEntry {
  if (!isObj(raw)) fail(where, 'must be an object', raw);
  const id = text(raw, 'id', where);
  if (!/^[A-Za-z0-9._-]+$/.test(id)) fail(`${where}.id`, 'may hold only letters, digits, ".", "_" and "-"', id);
  if (raw.kind === 'bundle') return bundleEntry(raw, id, where);
  if (raw.kind !== 'backbone') fail(`${where}.kind`, 'must be "backbone" or "bundle"', raw.kind);
  const arch = raw.arch;
  if (arch !== 'resnet50' && arch !== 'resnet50-tiny') fail(`${where}.arch`, 'must be "resnet50" or "resnet50-tiny"', arch);
  const path = text(raw, 'path', where);
  if (!path.endsWith('.json') || !insideModels(path)) {
    fail(`${where}.path`, 'must be a relative path to a model.json inside models/', path);
  }
  if (!isPreprocessing(raw.preprocessing)) fail(`${where}.preprocessing`, 'must be one of caffe, tf, torch, none', raw.preprocessing);
  const params = raw.params;
  if (typeof params !== 'number' || !Number.isInteger(params) || params <= 0) fail(`${where}.params`, 'must be a positive integer', params);
  return {
    id,
    kind: 'backbone',
    arch,
    path,
    preprocessing: raw.preprocessing,
    trainedOn: text(raw, 'trainedOn', where),
    params,
    source: text(raw, 'source', where),
  };
}

/** Validates models/manifest.json, with errors that name the field at fault. */
export function parseModelsManifest(json: unknown): ModelsManifest {
  if (!isObj(json) || !Array.isArray(json.models)) fail('the top level', 'must be an object with a "models" array', json);
  const models = json.models.map((m, i) => entry(m, `models[${i}]`));
  const seen = new Set<string>();
  for (const m of models) {
    if (seen.has(m.id)) throw new Error(`models/manifest.json: the id "${m.id}" appears twice.`);
    seen.add(m.id);
  }
  return { models };
}

/** The manifest with `model` added, or replacing the entry of the same id. */
export function upsertModel(manifest: ModelsManifest, model: ModelsManifestEntry): ModelsManifest {
  const i = manifest.models.findIndex((m) => m.id === model.id);
  const models = [...manifest.models];
  if (i >= 0) models[i] = model;
  else models.push(model);
  return { models };
}
