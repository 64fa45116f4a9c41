// The one contract between the UI thread and the compute worker. Both sides import it; every
// message is a discriminated union on `type`, and both sides switch on it exhaustively.

import type { RunLossPoint } from './storage/runsDb';
import type { BatchEvent, EpochEvent } from './train/events';
import type { FaultSpec } from './train/faults';
import type { PlannedEpoch, TrainRecipe } from './train/recipe';
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
  /** wasm only: how many threads the backend runs with (1 when the page is not cross-origin isolated). */
  threads?: number;
}

export interface MemoryInfo {
  numTensors: number;
  numBytes: number;
  /** GPU bytes where the backend reports them (webgl, webgpu). */
  numBytesInGPU?: number;
}

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
  params: number;
  classNames: string[];
  /** False while the head has random weights: predictions mean nothing until it is trained. */
  headTrained: boolean;
  preprocessing: string;
  inputSize: number;
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

export type ToWorker =
  | { type: 'init'; backend: BackendName | null; baseUrl: string; backbone: BackboneSource }
  | { type: 'loadBackbone'; requestId: number; source: BackboneSource }
  | { type: 'classify'; requestId: number; file: Blob; name: string; topK: number }
  | { type: 'cancel'; requestId: number }
  /** Fine-tunes the loaded backbone on a stored dataset; answered by a stream of train* events. */
  | { type: 'train'; dataset: string; recipe: TrainRecipe; fault?: FaultSpec | null }
  /** Continues an interrupted run from its last checkpoint (runs database); the same train* events follow. */
  | { type: 'resumeTraining'; dataset: string; runId: string; fault?: FaultSpec | null }
  /** Overtakes the job queue: acts between two batches of the running training. */
  | { type: 'trainControl'; action: TrainAction }
  /** Benchmarks only: time model.predict on zeros at one size and batch (npm run bench). */
  | { type: 'benchPredict'; requestId: number; size: number; batch: number; runs: number };

export type FromWorker =
  | { type: 'backend'; info: BackendInfo }
  | { type: 'ready' }
  | { type: 'modelLoading'; backbone: string; message: string }
  | { type: 'modelReady'; requestId: number | null; model: ModelInfo }
  | { type: 'modelError'; requestId: number | null; backbone: string; message: string }
  | { type: 'classified'; requestId: number; name: string; top: Prediction[]; ms: number }
  | { type: 'memory'; memory: MemoryInfo }
  | { type: 'benchResult'; requestId: number; timesMs: number[] }
  | { type: 'trainStarted'; plan: TrainPlanInfo }
  | { type: 'trainProgress'; progress: TrainProgress }
  | { type: 'trainEpoch'; epoch: TrainEpoch }
  /**
   * bestEpoch: 0-based epoch with the lowest validation loss, null without validation; keptEpoch: the epoch
   * whose weights the model now has (the best one when stopped early, else the last)
   */
  | { type: 'trainDone'; stopped: boolean; bestEpoch: number | null; keptEpoch?: number | null }
  /** The run's id in the runs database, and its history so far (empty for a new run, the checkpoint's on resume). */
  | { type: 'trainRun'; runId: string; resumedFrom: number | null; epochs: TrainEpoch[]; lossPoints: RunLossPoint[] }
  /** Something the user should know that does not end training (out of memory, lost device, storage full). */
  | { type: 'trainNotice'; level: 'info' | 'warning' | 'error'; message: string }
  | { type: 'trainError'; message: string }
  | { type: 'error'; requestId: number | null; message: string };

/** Compile-time exhaustiveness check for switches over the unions above. */
export function assertNever(value: never): never {
  throw new Error(`Unhandled message: ${JSON.stringify(value)}`);
}
