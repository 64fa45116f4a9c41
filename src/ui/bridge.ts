// The one module that owns the compute worker. It turns worker events into store actions; components
// call the functions below and read the store, never postMessage.
import {
  assertNever, type BackboneSource, type BackendName, type FromWorker, type Prediction, type ToWorker, type TrainAction,
} from '../shared/protocol';
import type { FaultSpec } from '../shared/train/faults';
import type { TrainRecipe } from '../shared/train/recipe';
import { useStore } from './store';

interface Pending {
  resolve: (value: never) => void;
  reject: (e: Error) => void;
}

let worker: Worker | null = null;
let nextId = 1;
// Kept so a backend switch reloads the same backbone, files included.
let currentSource: BackboneSource | null = null;
const pending = new Map<number, Pending>();

function send(msg: ToWorker): void {
  if (!worker) throw new Error('The compute worker is not running.');
  worker.postMessage(msg);
}

function settle(requestId: number, value: unknown): void {
  pending.get(requestId)?.resolve(value as never);
  pending.delete(requestId);
}

/** Sends a request whose answer comes back with the same requestId. */
function request<T>(requestId: number, msg: ToWorker, signal?: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    if (signal?.aborted) return reject(new DOMException('Aborted', 'AbortError'));
    pending.set(requestId, { resolve: resolve as (v: never) => void, reject });
    signal?.addEventListener('abort', () => {
      send({ type: 'cancel', requestId });
      pending.delete(requestId);
      reject(new DOMException('Aborted', 'AbortError'));
    });
    send(msg);
  });
}

function onMessage(msg: FromWorker): void {
  const s = useStore.getState();
  switch (msg.type) {
    case 'backend':
      s.backendReady(msg.info);
      return;
    case 'ready':
      s.workerReady();
      return;
    case 'modelLoading':
      s.modelLoading(msg.backbone);
      return;
    case 'modelReady':
      s.modelReady(msg.model);
      return;
    case 'modelError':
      s.modelFailed(msg.backbone, msg.message);
      return;
    case 'classified':
      settle(msg.requestId, msg.top);
      return;
    case 'benchResult':
      settle(msg.requestId, msg.timesMs);
      return;
    case 'memory':
      s.memoryChanged(msg.memory);
      return;
    case 'trainStarted':
      s.trainStarted(msg.plan);
      return;
    case 'trainProgress':
      s.trainProgressed(msg.progress);
      return;
    case 'trainEpoch':
      s.trainEpochEnded(msg.epoch);
      return;
    case 'trainDone':
      s.trainFinished(msg.stopped, msg.bestEpoch);
      s.trainKept(msg.keptEpoch ?? null);
      return;
    case 'trainRun':
      s.trainRunStarted(msg.runId, msg.epochs, msg.lossPoints);
      return;
    case 'trainNotice':
      s.trainNoticed(msg.level, msg.message);
      return;
    case 'trainError':
      s.trainFailed(msg.message);
      return;
    case 'error': {
      const p = msg.requestId === null ? undefined : pending.get(msg.requestId);
      if (p && msg.requestId !== null) {
        p.reject(new Error(msg.message));
        pending.delete(msg.requestId);
      } else {
        s.workerFailed(msg.message);
      }
      return;
    }
    default:
      assertNever(msg);
  }
}

export function backboneSourceFromParam(backbone: string, pretrained: 'auto' | 'none'): BackboneSource {
  return backbone === 'resnet50' || backbone === 'resnet50-tiny'
    ? { kind: 'builtin', id: backbone, pretrained }
    : { kind: 'url', url: backbone };
}

/** Starts (or restarts) the worker on a backend; null lets the worker choose. */
export function startWorker(backend: BackendName | null, backbone: BackboneSource | null = currentSource): void {
  if (!backbone) throw new Error('No backbone to start the compute worker with.');
  currentSource = backbone;
  stopWorker();
  useStore.getState().workerStarting(backend);
  worker = new Worker(new URL('../worker/compute.worker.ts', import.meta.url), { type: 'module', name: 'compute' });
  worker.onmessage = (e: MessageEvent<FromWorker>) => onMessage(e.data);
  worker.onerror = (e) => {
    e.preventDefault();
    useStore.getState().workerFailed(`The compute worker failed: ${e.message || 'it could not start'}`);
  };
  send({ type: 'init', backend, baseUrl: document.baseURI, backbone });
}

/** Starts a fine_tune run on a stored dataset; progress arrives as store updates (trainSlice). */
export function startTraining(dataset: string, recipe: TrainRecipe, fault: FaultSpec | null = null): void {
  useStore.getState().trainRequested();
  send({ type: 'train', dataset, recipe, fault });
}

/** Continues an interrupted run from its checkpoint (see runsDb); the same events follow as for a new run. */
export function resumeTraining(dataset: string, runId: string, fault: FaultSpec | null = null): void {
  useStore.getState().trainRequested();
  send({ type: 'resumeTraining', dataset, runId, fault });
}

export function controlTraining(action: TrainAction): void {
  send({ type: 'trainControl', action });
  if (action !== 'stop') useStore.getState().trainPaused(action === 'pause');
}

export function stopWorker(): void {
  worker?.terminate();
  worker = null;
  const s = useStore.getState();
  if (s.trainState === 'running' || s.trainState === 'paused') s.trainFailed('The compute worker was restarted during training.');
  for (const p of pending.values()) p.reject(new Error('The compute worker was restarted.'));
  pending.clear();
}

export function loadBackbone(source: BackboneSource): void {
  currentSource = source;
  send({ type: 'loadBackbone', requestId: nextId++, source });
}

/** Classifies one image file in the worker; aborting drops it from the worker's queue. */
export function classify(file: File, signal?: AbortSignal, topK = 3): Promise<Prediction[]> {
  const requestId = nextId++;
  return request(requestId, { type: 'classify', requestId, file, name: file.name, topK }, signal);
}

/** Benchmarks only (npm run bench): predict timings in the worker, on the loaded model. */
export function benchPredict(size: number, batch: number, runs: number): Promise<number[]> {
  const requestId = nextId++;
  return request(requestId, { type: 'benchPredict', requestId, size, batch, runs });
}
