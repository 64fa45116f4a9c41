// The one contract between the UI thread and the compute worker. Both sides import it; every
// message is a discriminated union on `type`, and both sides switch on it exhaustively.

import type { GradCamResult, GradCamTarget, PredictItem, PredictOptions, PredictResult } from './predict';
import type { Evaluation } from './eval/types';
import type { BundleMetrics } from './bundle/format';
import type { ModelOrigin } from './modelOrigin';
import type { BatchEvent, EpochEvent, MemoryInfo } from './train/events';
import type { AugToggles } from './train/augToggles';
import type { LrSuggestion } from './train/lrSuggest';
import type { RunLossPoint } from './storage/runsDb';
import type { FaultSpec, InferenceJob } from './train/faults';
import type { PlannedEpoch, TrainRecipe } from './train/recipe';
import type { ProbeResult, TrainMode } from './train/trainMode';
import type { ResolvedStage } from './train/schedule';

export type BackendName = 'webgpu' | 'webgl' | 'wasm' | 'cpu';
export const BACKENDS: readonly BackendName[] = ['webgpu', 'webgl', 'wasm', 'cpu'];
export type PretrainedMode = 'auto' | 'none';
export type BuiltinBackbone = 'resnet50' | 'resnet50-tiny';
export const BUILTIN_BACKBONES: readonly BuiltinBackbone[] = ['resnet50', 'resnet50-tiny'];

export interface BackendInfo {
  backend: BackendName;
  /** GPU adapter description, or 'none' when the backend does not use a GPU adapter. */
  adapter: string;
  /** True when the GPU adapter is a software rasteriser (SwiftShader, a fallback adapter). */
  software: boolean;
  /** Plain-language reason the backend was chosen, shown in the status bar. */
  reason: string;
  /** wasm only: how many threads the backend runs with (1 when the page is not cross-origin isolated; `reason` says why). */
  threads?: number;
}

export type { MemoryInfo } from './train/events';

/** Where the backbone comes from: the model zoo (built in), a converted model.json URL, or files the user gave. */
export type BackboneSource =
  | { kind: 'builtin'; id: BuiltinBackbone; pretrained: PretrainedMode }
  | { kind: 'url'; url: string }
  | { kind: 'files'; files: File[] };

export interface ModelInfo {
  /** Backbone id or URL, as the user named it. */
  backbone: string;
  pretrained: boolean;
  /** What the pretrained weights were trained on, or why there are none. */
  weightsNote: string;
  /** the backbone's parameter count (`model.status` `data-params`) */
  params: number;
  /** every weight of the whole classifier (backbone, head, BatchNorm statistics): what an exported bundle stores */
  modelParams: number;
  classNames: string[];
  /** False while the head has random weights: predictions mean nothing until it is trained. */
  headTrained: boolean;
  preprocessing: string;
  inputSize: number;
  /**
   * Where the weights came from: a run here (which run, which epoch, recipe, history, metrics), a bundle, or
   * nothing yet. What bundles, project files and the kept model write; `backbone` is only its display name.
   */
  origin: ModelOrigin;
}

export interface Prediction {
  label: string;
  probability: number;
}

/** Everything the UI knows about a training run before its first batch. */
export interface TrainPlanInfo {
  classNames: string[];
  trainImages: number;
  validImages: number;
  /** training batches per epoch (the last partial batch is dropped) */
  stepsPerEpoch: number;
  stages: ResolvedStage[];
  perEpoch: PlannedEpoch[];
  warnings: string[];
  /** absent: full (older workers) */
  mode?: TrainMode;
}

/** RGBA pixels, row-major (an ImageData's fields, without needing DOM types here). */
export interface RgbaImage {
  width: number;
  height: number;
  data: Uint8ClampedArray;
}

/** A batch of training, with throughput and time left. */
export interface TrainProgress extends BatchEvent {
  imagesPerSecond: number;
  /** null until a rate is measured */
  etaSeconds: number | null;
}

export interface TrainEpoch extends EpochEvent {
  size: number;
  stage: number;
}

export type TrainAction = 'pause' | 'resume' | 'stop';

/** A model bundle to load: files the user chose (a .zip, or model.json with its weights), or a URL. */
export type BundleSource = { kind: 'files'; files: File[] } | { kind: 'url'; url: string };

/**
 * What the UI adds to bundle.json. How the model was trained, its metrics and preprocessing come from the
 * worker's model origin (ModelInfo.origin), never from the UI.
 */
export interface BundleExportMeta {
  name: string;
  appVersion: string;
  /** the Evaluate step's per-class numbers, when it evaluated this model (its run id matches the origin's) */
  perClass?: BundleMetrics['perClass'];
  /** store the weights as float16 (half the size); the worker measures what that changes in the predictions */
  float16?: boolean;
}

/** What float16 weights change: the same validation images predicted with both sets of weights. */
export interface Float16Check {
  images: number;
  /** largest difference of any class probability, 0..1 */
  maxProbDiff: number;
  /** images whose most probable class is the same with both */
  sameTop1: number;
}

/** What the UI shows about a loaded bundle. */
export interface BundleSummary {
  name: string;
  createdAt: string;
  appVersion: string;
  classNames: string[];
  inputSize: number;
  /** absolute URL when it came from a link or the site's models/, null when from a file */
  url: string | null;
  /** the file name(s) or URL it came from */
  from: string;
  /** whether bundle.json records how the model was trained */
  hasTraining: boolean;
  validAccuracy: number | null;
  card: string | null;
}

export type ToWorker =
  /** faults: TEST ONLY, the page's `?fault=` (inference and checkpoint faults; training-step ones come with `train`) */
  | { type: 'init'; backend: BackendName | null; baseUrl: string; backbone: BackboneSource; faults?: FaultSpec[]; threads?: number | null }
  | { type: 'loadBackbone'; requestId: number; source: BackboneSource }
  | { type: 'cancel'; requestId: number }
  /** Fine-tunes the loaded backbone on a stored dataset; train* events, then trainDone (or trainError). */
  | { type: 'train'; requestId: number; dataset: string; recipe: TrainRecipe; fault?: FaultSpec | null }
  /** Continues an interrupted run from its last checkpoint (runs database); the same train* events follow. */
  | { type: 'resumeTraining'; requestId: number; dataset: string; runId: string; fault?: FaultSpec | null }
  /** Overtakes the job queue: acts between two batches of the running training. */
  | { type: 'trainControl'; action: TrainAction }
  /** Classifies many files; answered by predictResults batches, then predictDone (cancel stops it). */
  | { type: 'predictFiles'; requestId: number; items: PredictItem[]; options: PredictOptions }
  /** Grad-CAM heat map of one image (a file, or a stored dataset image by hash); answered by gradCamResult. */
  | ({ type: 'gradCam'; requestId: number } & GradCamTarget)
  /** Predicts the last run's validation images again with the trained model (tta: mean over the 8 flips/rotations). */
  | { type: 'evaluate'; requestId: number; tta: boolean }
  /** Times a backbone forward (and a training step where the backend can train) per image at these sizes. */
  | { type: 'estimate'; requestId: number; sizes: number[]; batch: number; dataset: string | null; /** full mode chosen: time its steps on the training backend too */ timeTraining?: boolean }
  /** fastai lr_find on the frozen model (fresh head) over the stored dataset; cancel with `cancel`. */
  | { type: 'lrFind'; requestId: number; dataset: string; recipe: TrainRecipe }
  /** 8 augmented versions of a training image (hash null: a random one drawn with `seed`). */
  | { type: 'augmentPreview'; requestId: number; dataset: string; hash: string | null; size: number; augment: AugToggles; seed: number }
  /** Zips the loaded classifier with bundle.json and a model card; answered by bundleExported (bytes transferred). */
  | { type: 'exportBundle'; requestId: number; meta: BundleExportMeta }
  /** Makes a bundle the classifier Classify uses; answered by bundleImported (and modelReady). */
  | { type: 'importBundle'; requestId: number; source: BundleSource }
  /** Benchmarks only: time model.predict on zeros at one size and batch (npm run bench). */
  | { type: 'benchPredict'; requestId: number; size: number; batch: number; runs: number }
  /** Benchmarks only: per-step times of the app's training loop or of a bare optimizer.minimize loop. */
  | { type: 'benchTrain'; requestId: number; mode: 'loop' | 'bare'; size: number; batch: number; steps: number };

export type FromWorker =
  | { type: 'backend'; info: BackendInfo }
  | { type: 'ready' }
  | { type: 'modelLoading'; backbone: string; message: string }
  | { type: 'modelReady'; requestId: number | null; model: ModelInfo }
  | { type: 'modelError'; requestId: number | null; backbone: string; message: string }
  | { type: 'predictResults'; requestId: number; results: PredictResult[]; classNames: string[] }
  | { type: 'predictDone'; requestId: number; cancelled: boolean }
  | ({ type: 'gradCamResult'; requestId: number } & GradCamResult)
  | { type: 'memory'; memory: MemoryInfo }
  | { type: 'benchResult'; requestId: number; timesMs: number[] }
  /** recipe: the one the run uses (a resumed run's own, not the form's) */
  | { type: 'trainStarted'; plan: TrainPlanInfo; recipe: TrainRecipe }
  | { type: 'trainProgress'; progress: TrainProgress }
  | { type: 'trainEpoch'; epoch: TrainEpoch }
  /**
   * bestEpoch: 0-based epoch with the lowest validation loss, null without validation; keptEpoch: the epoch
   * whose weights the model now has (the best one when stopped early, else the last)
   */
  | { type: 'trainDone'; requestId: number; stopped: boolean; bestEpoch: number | null; keptEpoch?: number | null }
  /** The run's id in the runs database, and its history so far (empty for a new run, the checkpoint's on resume). */
  | { type: 'trainRun'; runId: string; resumedFrom: number | null; epochs: TrainEpoch[]; lossPoints: RunLossPoint[] }
  /** Something the user should know that does not end training (out of memory, lost device, storage full). */
  | { type: 'trainNotice'; level: 'info' | 'warning' | 'error'; message: string }
  | { type: 'trainError'; requestId: number; message: string }
  /**
   * Prediction of the validation images, on request (`evaluate`'s requestId) or after a run (the run's
   * requestId; its request settled at trainDone, so only the store takes them); etaSeconds null until measured.
   */
  /** `stage` 'reference': the training images' features for the unfamiliar-image check, before the validation images */
  | { type: 'evaluationProgress'; requestId: number; done: number; total: number; tta: boolean; etaSeconds: number | null; stage?: 'predict' | 'reference' }
  | { type: 'evaluation'; requestId: number; evaluation: Evaluation }
  | { type: 'evaluationError'; requestId: number; message: string }
  /** Inference went on after trouble (out of memory, lost device): said in Classify (requestId: the job) or Evaluate. */
  | { type: 'inferenceNotice'; job: InferenceJob; requestId: number | null; message: string }
  /** fast mode: backbone features computed so far (images × views, then validation images) */
  | { type: 'trainFeatures'; done: number; total: number; etaSeconds: number | null }
  | { type: 'estimateResult'; requestId: number; probe: ProbeResult }
  /** what the mode probe is timing now; done of total timed calls */
  | { type: 'estimateProgress'; requestId: number; what: string; done: number; total: number }
  | { type: 'lrFindProgress'; requestId: number; iteration: number; total: number; lr: number; loss: number }
  | { type: 'lrFindDone'; requestId: number; lrs: number[]; losses: number[]; suggestion: LrSuggestion | null; cancelled: boolean }
  | { type: 'augmentPreviewResult'; requestId: number; name: string; images: RgbaImage[] }
  | { type: 'bundleProgress'; requestId: number; stage: string; done: number; total: number }
  | { type: 'bundleExported'; requestId: number; bytes: ArrayBuffer; fileName: string; float16?: Float16Check | null }
  | { type: 'bundleImported'; requestId: number; model: ModelInfo; bundle: BundleSummary }
  | { type: 'error'; requestId: number | null; message: string };

/**
 * Requests answered by one reply with the same requestId: request `type` → reply `type`. The bridge's
 * `request()` returns `ReplyOf<K>` for a `RequestOf<K>`, so a reply is checked against its request at
 * compile time; an `error` (or the request's FAILURE_TYPES message) with that requestId rejects it instead.
 * Streaming jobs (train, resumeTraining, evaluate, predictFiles, lrFind) send events with the requestId
 * before their final reply. In the worker each runs as one job of its queue (only cancel and trainControl overtake it).
 */
export const REPLY_TYPES = {
  loadBackbone: 'modelReady',
  train: 'trainDone',
  resumeTraining: 'trainDone',
  evaluate: 'evaluation',
  predictFiles: 'predictDone',
  gradCam: 'gradCamResult',
  estimate: 'estimateResult',
  lrFind: 'lrFindDone',
  augmentPreview: 'augmentPreviewResult',
  exportBundle: 'bundleExported',
  importBundle: 'bundleImported',
  benchPredict: 'benchResult',
  benchTrain: 'benchResult',
} as const satisfies { [K in ToWorker['type']]?: FromWorker['type'] };

/** Jobs whose failure has its own message (the store shows it in the Train or Evaluate step): it rejects them like `error`. */
export const FAILURE_TYPES = {
  train: 'trainError',
  resumeTraining: 'trainError',
  evaluate: 'evaluationError',
} as const satisfies { [K in keyof typeof REPLY_TYPES]?: Extract<FromWorker, { message: string }>['type'] };

export type RequestType = keyof typeof REPLY_TYPES;
export type RequestOf<K extends RequestType> = Extract<ToWorker, { type: K }>;
export type ReplyOf<K extends RequestType> = Extract<FromWorker, { type: (typeof REPLY_TYPES)[K] }>;
/** Every worker message that answers or streams for one request. */
export type ReplyMessage = Extract<FromWorker, { requestId: number }>;

/** Compile-time exhaustiveness check for switches over the unions above. */
export function assertNever(value: never): never {
  throw new Error(`Unhandled message: ${JSON.stringify(value)}`);
}
