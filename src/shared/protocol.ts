// The one contract between the UI thread and the compute worker. Both sides import it; every
// message is a discriminated union on `type`, and both sides switch on it exhaustively.

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

export type ToWorker =
  | { type: 'init'; backend: BackendName | null; baseUrl: string; backbone: BackboneSource }
  | { type: 'loadBackbone'; requestId: number; source: BackboneSource }
  | { type: 'classify'; requestId: number; file: Blob; name: string; topK: number }
  | { type: 'cancel'; requestId: number }
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
  | { type: 'error'; requestId: number | null; message: string };

/** Compile-time exhaustiveness check for switches over the unions above. */
export function assertNever(value: never): never {
  throw new Error(`Unhandled message: ${JSON.stringify(value)}`);
}
