// bundle.json: what a model bundle says about itself, next to its model.json and weights.
import { isPreprocessing, type Preprocessing } from '../models/preprocessingKinds';
import { BundleError } from './zip';
import { parseNoveltyReference, type NoveltyReference } from '../novelty';

export const BUNDLE_FORMAT = 'sem-classifier-bundle';
export const BUNDLE_FORMAT_VERSION = 1;

export interface BundleTrainingEpoch {
  epoch: number;
  phase: string;
  size: number;
  trainLoss: number;
  validLoss: number | null;
  validAccuracy: number | null;
}

/** How the model was trained, when this app trained it (fastai names). */
export interface BundleTraining {
  recipe: Record<string, string | number | boolean | null>;
  trainImages: number;
  validImages: number;
  stopped: boolean;
  epochs: BundleTrainingEpoch[];
  /** the epoch whose weights the model holds (a stopped run: the lowest validation loss); absent in older bundles: the last */
  keptEpoch?: number | null;
  /** the run of this app that trained it (runs database id); absent in older bundles */
  runId?: string;
  /** image sizes the finished epochs ran at, in order; absent in older bundles */
  sizesRun?: { size: number; epochs: number }[];
  /** epochs the run planned (more than ran when it was stopped); absent in older bundles */
  plannedEpochs?: number;
}

/** The epoch whose weights a bundle's model holds: `keptEpoch`, or the last one (older bundles). */
export function keptTrainingEpoch(t: BundleTraining): BundleTrainingEpoch | undefined {
  return t.epochs.find((e) => e.epoch === t.keptEpoch) ?? t.epochs[t.epochs.length - 1];
}

export interface BundleMetrics {
  validAccuracy: number | null;
  /** per class, when the Evaluate step computed them */
  perClass?: { class: string; precision: number; recall: number; f1: number; support: number }[];
}

export interface BundlePreprocessing {
  /** square side the model was last trained at and predicts at */
  inputSize: number;
  /** keras.applications preprocess_input mode applied to 0..255 RGB */
  normalization: Preprocessing;
  /** how an image becomes the input square */
  resize: 'center-square-bilinear';
  /** whether the SEM data bar was cut off the training images (null: not known) */
  dataBarCrop: boolean | null;
}

export interface BundleJson {
  format: typeof BUNDLE_FORMAT;
  formatVersion: number;
  name: string;
  createdAt: string;
  appVersion: string;
  classNames: string[];
  /** the tfjs layers-model file in the bundle */
  modelFile: 'model.json';
  backbone: { name: string; pretrained: boolean; weightsNote: string; params: number };
  preprocessing: BundlePreprocessing;
  training: BundleTraining | null;
  metrics: BundleMetrics | null;
  /** the training images' features for the unfamiliar-image check; absent in older bundles (no check) */
  novelty?: NoveltyReference | null;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function bad(field: string, what: string, got: unknown): never {
  throw new BundleError(`bundle.json: ${field} ${what} (got ${JSON.stringify(got) ?? String(got)}).`);
}

/** Validates bundle.json, with messages that name the field at fault. */
export function parseBundleJson(json: unknown): BundleJson {
  if (!isObj(json)) bad('the top level', 'must be an object', json);
  if (json.format !== BUNDLE_FORMAT) bad('format', `must be "${BUNDLE_FORMAT}"`, json.format);
  const version = json.formatVersion;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) bad('formatVersion', 'must be a positive integer', version);
  if (version > BUNDLE_FORMAT_VERSION) {
    throw new BundleError(`bundle.json: format version ${version} is newer than this app reads (${BUNDLE_FORMAT_VERSION}); update the app.`);
  }
  const names = json.classNames;
  if (!Array.isArray(names) || names.length < 2 || !names.every((n) => typeof n === 'string' && n.trim() !== '')) {
    bad('classNames', 'must list at least two non-empty class names', names);
  }
  if (new Set(names).size !== names.length) bad('classNames', 'must not repeat a name', names);
  const pre = json.preprocessing;
  if (!isObj(pre)) bad('preprocessing', 'must be an object', pre);
  const size = pre.inputSize;
  if (typeof size !== 'number' || !Number.isInteger(size) || size < 8 || size > 2048) bad('preprocessing.inputSize', 'must be a whole number of pixels, 8..2048', size);
  if (!isPreprocessing(pre.normalization)) bad('preprocessing.normalization', 'must be one of caffe, tf, torch, none', pre.normalization);
  if (pre.resize !== 'center-square-bilinear') bad('preprocessing.resize', 'must be "center-square-bilinear"', pre.resize);
  const crop = pre.dataBarCrop;
  if (crop !== null && crop !== undefined && typeof crop !== 'boolean') bad('preprocessing.dataBarCrop', 'must be true, false or null', crop);
  if (json.modelFile !== 'model.json') bad('modelFile', 'must be "model.json"', json.modelFile);
  const b = isObj(json.backbone) ? json.backbone : {};
  const str = (v: unknown, fallback: string) => (typeof v === 'string' ? v : fallback);
  const novelty = parseNoveltyReference(json.novelty, names.length);
  return {
    format: BUNDLE_FORMAT,
    formatVersion: version,
    name: str(json.name, 'model'),
    createdAt: str(json.createdAt, ''),
    appVersion: str(json.appVersion, ''),
    classNames: [...(names as string[])],
    modelFile: 'model.json',
    backbone: {
      name: str(b.name, 'unknown'),
      pretrained: b.pretrained === true,
      weightsNote: str(b.weightsNote, ''),
      params: typeof b.params === 'number' ? b.params : 0,
    },
    preprocessing: { inputSize: size, normalization: pre.normalization, resize: 'center-square-bilinear', dataBarCrop: crop ?? null },
    training: isObj(json.training) ? (json.training as unknown as BundleTraining) : null,
    metrics: isObj(json.metrics) ? (json.metrics as unknown as BundleMetrics) : null,
    ...(novelty ? { novelty } : {}),
  };
}

/** A file name for the bundle from its model name: letters, digits, '-', '_' and '.' only. */
export function bundleFileName(name: string, createdAt: string): string {
  const safe = name.trim().replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'model';
  return `${safe}-${createdAt.slice(0, 10)}.zip`;
}
