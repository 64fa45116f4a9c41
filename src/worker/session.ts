import * as tf from '@tensorflow/tfjs';
import type { BackboneSource, BackendInfo, ModelInfo } from '../shared/protocol';
import { classifierFromArtifacts } from './bundle/loadBundle';
import { saveArtifacts } from './model/layersModelFiles';
import { armedFaults, resetBackend } from './train/deviceRecovery';
import { buildClassifier, type Classifier } from './model/classifier';
import { checkModelUrl } from '../shared/modelUrl';
import { derivedUrl, DownloadTooLarge, LOADER_LIMITS, readCapped, redactUrl, redirectProblem } from '../shared/models/loaderGuard';
import { BackboneError, loadConvertedBackbone, parseModelJson } from './model/convertedBackbone';
import { parseModelsManifest, type BackboneEntry } from './model/manifest';
import type { Preprocessing } from './model/preprocessing';
import { normalise } from './preprocess/input';
import { buildResNet50 } from './model/resnet50';
import type { BundleJson } from '../shared/bundle/format';
import { UNTRAINED } from '../shared/modelOrigin';
import type { NoveltyReference } from '../shared/novelty';

/** The parts of an imported bundle.json that describe how its model came to be. */
export type BundleProvenance = Pick<BundleJson, 'name' | 'training' | 'metrics'> & { dataBarCrop: boolean | null };

/** The NFFA SEM categories (Modarres et al. 2017): the head's classes until a dataset or bundle gives others. */
export const REFERENCE_CLASSES = [
  'Biological', 'Fibres', 'Films_Coated_Surface', 'MEMS_devices_and_electrodes', 'Nanowires',
  'Particles', 'Patterned_surface', 'Porous_Sponge', 'Powder', 'Tips',
];

export const NO_WEIGHTS_NOTE = 'no pretrained weights: training from scratch';

export interface LoadedBackbone {
  backbone: tf.LayersModel;
  pretrained: boolean;
  weightsNote: string;
  preprocessing: Preprocessing;
}

async function fetchOk(url: string): Promise<Response> {
  let res: Response;
  try {
    res = await fetch(url);
  } catch (e) {
    throw new Error(`${redactUrl(url)}: ${e instanceof Error ? e.message : String(e)}`);
  }
  const moved = redirectProblem(url, res);
  if (moved) {
    await res.body?.cancel().catch(() => undefined);
    throw new BackboneError(moved);
  }
  if (!res.ok) throw new Error(`${redactUrl(url)}: HTTP ${res.status}`);
  return res;
}

/** Called as download bytes arrive (the compute worker turns it into a heartbeat for the bridge's watchdog). */
type Progress = () => void;

async function fetchJson(url: string, progress?: Progress): Promise<unknown> {
  const bytes = await readCapped(await fetchOk(url), LOADER_LIMITS.jsonBytes, redactUrl(url), progress).catch((e: unknown) => {
    throw e instanceof DownloadTooLarge ? new BackboneError(e.message) : e;
  });
  return parseModelJson(new TextDecoder().decode(bytes), redactUrl(url));
}

/** A shard named by model.json: by the one URL rule, and read no further than the bytes it may hold. */
async function fetchShard(path: string, modelUrl: string, baseUrl: string, maxBytes: number, progress?: Progress): Promise<ArrayBuffer> {
  const rule = derivedUrl(path, modelUrl, baseUrl);
  if (!rule.ok) throw new BackboneError(rule.reason);
  const bytes = await readCapped(await fetchOk(rule.url.href), maxBytes, path, progress).catch((e: unknown) => {
    throw e instanceof DownloadTooLarge ? new BackboneError(`${e.message.replace(/\.$/, '')}, by what model.json's weightsManifest says it holds.`) : e;
  });
  return bytes.buffer as ArrayBuffer;
}

async function fromUrl(url: string, baseUrl: string, progress?: Progress): Promise<tf.LayersModel> {
  const json = await fetchJson(url, progress);
  const { backbone } = await loadConvertedBackbone({
    modelJson: json,
    loadShard: (path, maxBytes) => fetchShard(path, url, baseUrl, maxBytes, progress),
  });
  return backbone;
}

/** The deployer's pretrained weights for this architecture, if models/manifest.json lists any. */
async function findPretrained(baseUrl: string, arch: string): Promise<{ entry: BackboneEntry; url: string } | null> {
  const manifestUrl = new URL('models/manifest.json', baseUrl).href;
  let json: unknown;
  try {
    json = await fetchJson(manifestUrl);
  } catch {
    return null; // No manifest deployed: random init, said plainly by the caller.
  }
  const entry = parseModelsManifest(json).models.find((m): m is BackboneEntry => m.kind === 'backbone' && m.arch === arch);
  return entry ? { entry, url: new URL(entry.path, manifestUrl).href } : null;
}

async function fromFiles(files: File[]): Promise<LoadedBackbone> {
  const h5 = files.find((f) => /\.(h5|hdf5|keras)$/i.test(f.name));
  if (h5) {
    const { loadKerasH5Weights } = await import('./model/kerasH5');
    const backbone = buildResNet50({ variant: 'resnet50' });
    try {
      const r = await loadKerasH5Weights(backbone, await h5.arrayBuffer());
      return { backbone, pretrained: true, weightsNote: `Keras weights from ${h5.name} (${r.loaded} layers)`, preprocessing: 'caffe' };
    } catch (e) {
      backbone.dispose();
      throw e;
    }
  }
  const jsonFile = files.find((f) => f.name.toLowerCase().endsWith('.json'));
  if (!jsonFile) throw new Error('Give a converted model.json together with its weight files, or a Keras .h5 weights file.');
  const byName = new Map(files.map((f) => [f.name, f]));
  const { backbone } = await loadConvertedBackbone({
    modelJson: parseModelJson(await jsonFile.text(), jsonFile.name),
    loadShard: async (path) => {
      const file = byName.get(path.split('/').pop() ?? path);
      if (!file) throw new Error(`weight file ${path} is missing: select it together with ${jsonFile.name}`);
      return file.arrayBuffer();
    },
  });
  return { backbone, pretrained: true, weightsNote: `converted weights from ${jsonFile.name}`, preprocessing: 'caffe' };
}

/** `seed` makes a randomly initialised built-in backbone reproducible (pretrained weights overwrite it). */
async function loadBackbone(source: BackboneSource, baseUrl: string, seed?: number, progress?: Progress): Promise<LoadedBackbone> {
  if (source.kind === 'url') {
    const checked = checkModelUrl(source.url, baseUrl);
    if (!checked.ok) throw new BackboneError(checked.reason);
    const url = checked.url;
    return { backbone: await fromUrl(url, baseUrl, progress), pretrained: true, weightsNote: `converted weights from ${redactUrl(source.url)}`, preprocessing: 'caffe' };
  }
  if (source.kind === 'files') return fromFiles(source.files);
  if (source.pretrained === 'auto') {
    const found = await findPretrained(baseUrl, source.id);
    if (found) {
      return {
        backbone: await fromUrl(found.url, baseUrl, progress),
        pretrained: true,
        weightsNote: `pretrained on ${found.entry.trainedOn}`,
        preprocessing: found.entry.preprocessing,
      };
    }
  }
  return { backbone: buildResNet50({ variant: source.id, seed }), pretrained: false, weightsNote: NO_WEIGHTS_NOTE, preprocessing: 'caffe' };
}

export function describeSource(source: BackboneSource): string {
  if (source.kind === 'builtin') return source.id;
  if (source.kind === 'url') return source.url;
  return source.files.map((f) => f.name).join(', ');
}

/** The worker's one loaded classifier: backbone + head, and what the UI shows about it. */
export class ModelSession {
  private classifier: Classifier | null = null;
  private preprocessing: Preprocessing = 'caffe';
  private source: BackboneSource | null = null;
  private baseUrl = '';
  info: ModelInfo | null = null;
  /** What an imported bundle said about its training (kept when it is exported again); null otherwise. */
  provenance: BundleProvenance | null = null;
  /**
   * Whether the model was trained on images with the data bar cut off (a bundle's preprocessing, or the
   * dataset's setting for a run here); null when not known. Classify and Grad-CAM feed the model so, whatever
   * the UI's toggle says; the toggle applies only to a model that does not know.
   */
  dataBarCrop: boolean | null = null;
  /**
   * The training images' features for the unfamiliar-image check (src/shared/novelty.ts): computed after a run
   * here, or read from a bundle; null for an untrained head or a bundle without one.
   */
  novelty: NoveltyReference | null = null;
  /** Changes when another model is set (load, adopt), not when a lost device rebuilds the same one. */
  modelId = 0;
  /** Changes when a lost device rebuilds the model: jobs that failed under one generation share one rebuild. */
  generation = 0;
  /**
   * A CPU copy of the classifier (tfjs model artifacts), to rebuild it after a lost GPU device took every tensor
   * of the backend. Taken whenever the model is set, only on backends that can lose a device (WebGL, WebGPU):
   * one read-back per new model, against re-training or re-importing; it costs the weights' size in worker
   * memory (94 MB for ResNet50). A bundle import hands over the bytes it read, for free. Sources cannot stand
   * in: a built-in backbone without pretrained weights and a fresh head are random, trained weights have no
   * source. wasm and cpu have no device to lose: no copy there, unless a test fault (`?fault=`) asks for one.
   */
  private copy: Promise<tf.io.ModelArtifacts | null> | null = null;
  private rebuilding: Promise<BackendInfo | null> | null = null;

  /**
   * The classifier Classify uses now, with its preprocessing and info (export, evaluation and probes use it;
   * nothing may change its weights); null before a model is loaded.
   */
  get current(): { classifier: Classifier; preprocessing: Preprocessing; info: ModelInfo } | null {
    return this.classifier && this.info ? { classifier: this.classifier, preprocessing: this.preprocessing, info: this.info } : null;
  }

  /** The loaded backbone's name (id or URL), whatever classifier is in use (a bundle's name is not it). */
  get backboneName(): string {
    return this.source ? describeSource(this.source) : '';
  }

  /** `progress` is called as download bytes arrive. */
  async load(source: BackboneSource, baseUrl: string, progress?: () => void): Promise<ModelInfo> {
    const loaded = await loadBackbone(source, baseUrl, undefined, progress);
    this.source = source;
    this.baseUrl = baseUrl;
    const classifier = buildClassifier(loaded.backbone, REFERENCE_CLASSES);
    this.dispose();
    this.provenance = null;
    this.dataBarCrop = null;
    this.novelty = null;
    this.classifier = classifier;
    this.keepCopy();
    this.preprocessing = loaded.preprocessing;
    this.info = {
      backbone: describeSource(source),
      pretrained: loaded.pretrained,
      weightsNote: loaded.weightsNote,
      params: loaded.backbone.countParams(),
      modelParams: classifier.model.countParams(),
      classNames: classifier.classNames,
      headTrained: false,
      preprocessing: loaded.preprocessing,
      inputSize: 224,
      origin: UNTRAINED,
    };
    return this.info;
  }

  /**
   * The loaded backbone again, as it came from its source (not the fine-tuned weights of an earlier run),
   * built on the current tfjs backend: every training run starts from the same weights, and a run on a
   * different backend than the one the model was loaded on gets its variables there.
   */
  async freshBackbone(seed: number): Promise<LoadedBackbone> {
    if (!this.source) throw new Error('No backbone is loaded yet.');
    return loadBackbone(this.source, this.baseUrl, seed);
  }

  /**
   * Makes a trained classifier the one Classify uses, with its origin in `info` (a run's, or a bundle's with
   * its `provenance`); `copy`: its saved form when the caller has it (a bundle).
   */
  adopt(
    classifier: Classifier, preprocessing: Preprocessing, info: ModelInfo, provenance: BundleProvenance | null = null, copy?: tf.io.ModelArtifacts,
    novelty: NoveltyReference | null = null,
  ): void {
    this.dispose();
    this.provenance = provenance;
    this.novelty = novelty;
    this.dataBarCrop = provenance?.dataBarCrop ?? (info.origin.kind === 'trained' ? info.origin.preprocessing.dataBarCrop : null);
    this.classifier = classifier;
    this.keepCopy(copy);
    this.preprocessing = preprocessing;
    this.info = info;
  }

  private keepCopy(given?: tf.io.ModelArtifacts): void {
    this.modelId += 1;
    const backend = tf.getBackend();
    const canLose = backend === 'webgl' || backend === 'webgpu' || armedFaults().some((f) => f.kind === 'predict-device-lost' || f.kind === 'evaluate-device-lost');
    if (given) this.copy = Promise.resolve(given);
    else if (canLose && this.classifier) this.copy = saveArtifacts(this.classifier.model).catch(() => null);
    else this.copy = null;
  }

  /**
   * After a lost device: throws the backend away, starts it afresh and rebuilds the classifier on it from the
   * CPU copy (same weights, same class names). `seen` is the generation the caller's batch ran under: when
   * another job already rebuilt since, nothing is done and null comes back.
   */
  rebuildAfterDeviceLoss(seen: number, restart: () => Promise<BackendInfo> = () => resetBackend('inference')): Promise<BackendInfo | null> {
    if (seen !== this.generation) return Promise.resolve(null);
    this.rebuilding ??= this.rebuild(restart).finally(() => {
      this.rebuilding = null;
    });
    return this.rebuilding;
  }

  private async rebuild(restart: () => Promise<BackendInfo>): Promise<BackendInfo> {
    const copy = await this.copy;
    const old = this.classifier;
    this.classifier = null;
    try {
      old?.model.dispose();
    } catch {
      // the lost backend took it
    }
    const backend = await restart();
    this.generation += 1;
    if (!copy || !old) {
      this.copy = null;
      throw new Error(`The GPU device was lost and no copy of the model was kept to rebuild it on the restarted ${backend.backend} backend: load the model again.`);
    }
    this.classifier = await classifierFromArtifacts(copy, old.classNames);
    return backend;
  }

  /** One prediction at the input size, so shaders and kernels are compiled before the user's first image. */
  async warmUp(): Promise<void> {
    if (!this.classifier || !this.info) return;
    const size = this.info.inputSize;
    const out = tf.tidy(() => this.classifier!.model.predict(normalise(tf.zeros([1, size, size, 3]), this.preprocessing)) as tf.Tensor);
    await out.data();
    out.dispose();
  }

  /** Wall time of predict on zeros, after one untimed run that compiles kernels for this shape. */
  async benchPredict(size: number, batch: number, runs: number): Promise<number[]> {
    if (!this.classifier) throw new Error('No model is loaded yet.');
    const model = this.classifier.model;
    const x = tf.zeros([batch, size, size, 3]);
    const once = async () => {
      const y = model.predict(x) as tf.Tensor;
      await y.data();
      y.dispose();
    };
    try {
      await once();
      const times: number[] = [];
      for (let i = 0; i < runs; i++) {
        const t0 = performance.now();
        await once();
        times.push(performance.now() - t0);
      }
      return times;
    } finally {
      x.dispose();
    }
  }

  /** The classifier that Classify and Grad-CAM use, and how to feed it; throws before a model is loaded. */
  predictor(): { classifier: Classifier; preprocessing: Preprocessing; inputSize: number } {
    if (!this.classifier || !this.info) throw new Error('No model is loaded yet.');
    return { classifier: this.classifier, preprocessing: this.preprocessing, inputSize: this.info.inputSize };
  }

  dispose(): void {
    this.copy = null;
    if (!this.classifier) return;
    this.classifier.model.dispose();
    this.classifier = null;
  }
}
