/// <reference lib="webworker" />
import * as tf from '@tensorflow/tfjs';
import { assertNever, type FromWorker, type ToWorker } from '../shared/protocol';
import { initBackend } from './backends';
import { TrainControl } from '../shared/train/control';
import { RECIPE_DEFAULTS } from '../shared/train/recipe';
import { describeSource, ModelSession } from './session';
import { runTraining } from './train/trainJob';

declare const self: DedicatedWorkerGlobalScope;

const session = new ModelSession();
const cancelled = new Set<number>();
let baseUrl = self.location.href;
// The running training's pause/stop switch; null when no training runs.
let training: TrainControl | null = null;
// Jobs run one at a time: tfjs work on one backend is sequential anyway, and ordering keeps the model stable.
let queue: Promise<void> = Promise.resolve();

function post(msg: FromWorker): void {
  self.postMessage(msg);
}

function postMemory(): void {
  const m = tf.memory() as tf.MemoryInfo & { numBytesInGPU?: number };
  post({ type: 'memory', memory: { numTensors: m.numTensors, numBytes: m.numBytes, numBytesInGPU: m.numBytesInGPU } });
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

async function loadModel(requestId: number | null, source: Parameters<ModelSession['load']>[0]): Promise<void> {
  const name = describeSource(source);
  post({ type: 'modelLoading', backbone: name, message: `loading ${name}` });
  try {
    const model = await session.load(source, baseUrl);
    await session.warmUp();
    post({ type: 'modelReady', requestId, model });
  } catch (e) {
    post({ type: 'modelError', requestId, backbone: name, message: message(e) });
  }
  postMemory();
}

async function handle(msg: ToWorker): Promise<void> {
  switch (msg.type) {
    case 'init': {
      baseUrl = msg.baseUrl;
      try {
        const info = await initBackend(msg.backend, 'inference');
        post({ type: 'backend', info });
      } catch (e) {
        post({ type: 'error', requestId: null, message: message(e) });
        return;
      }
      await loadModel(null, msg.backbone);
      post({ type: 'ready' });
      return;
    }
    case 'loadBackbone':
      await loadModel(msg.requestId, msg.source);
      return;
    case 'classify': {
      if (cancelled.delete(msg.requestId)) return;
      try {
        const t0 = performance.now();
        const top = await session.classify(msg.file, msg.name, msg.topK);
        post({ type: 'classified', requestId: msg.requestId, name: msg.name, top, ms: performance.now() - t0 });
      } catch (e) {
        post({ type: 'error', requestId: msg.requestId, message: message(e) });
      }
      postMemory();
      return;
    }
    case 'benchPredict':
      try {
        post({ type: 'benchResult', requestId: msg.requestId, timesMs: await session.benchPredict(msg.size, msg.batch, msg.runs) });
      } catch (e) {
        post({ type: 'error', requestId: msg.requestId, message: message(e) });
      }
      postMemory();
      return;
    case 'cancel':
      cancelled.add(msg.requestId);
      return;
    case 'train':
    case 'resumeTraining': {
      const control = new TrainControl();
      training = control;
      try {
        if (msg.type === 'train') await runTraining(session, msg.dataset, msg.recipe, control, post, { fault: msg.fault });
        else await runTraining(session, msg.dataset, RECIPE_DEFAULTS, control, post, { resumeRunId: msg.runId, fault: msg.fault });
      } catch (e) {
        post({ type: 'trainError', message: message(e) });
      } finally {
        training = null;
      }
      postMemory();
      return;
    }
    case 'trainControl':
      if (msg.action === 'pause') training?.pause();
      else if (msg.action === 'resume') training?.resume();
      else training?.stop();
      return;
    default:
      assertNever(msg);
  }
}

self.onmessage = (e: MessageEvent<ToWorker>) => {
  const msg = e.data;
  // A cancel must overtake the queue, or it would only run after the job it cancels.
  if (msg.type === 'cancel' || msg.type === 'trainControl') {
    void handle(msg);
    return;
  }
  queue = queue.then(() => handle(msg)).catch((err) => post({ type: 'error', requestId: null, message: message(err) }));
};
