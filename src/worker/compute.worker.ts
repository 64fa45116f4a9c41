/// <reference lib="webworker" />
import { assertNever, type FromWorker, type ToWorker } from '../shared/protocol';
import { initBackend } from './backends';
import { requestWasmThreads } from './wasmStart';
import { benchTrain, disposeBenchTrain } from './bench/benchTrain';
import { TrainControl } from '../shared/train/control';
import { RECIPE_DEFAULTS } from '../shared/train/recipe';
import { describeSource, ModelSession } from './session';
import { evaluateLastRun } from './train/evaluate';
import { augmentPreview } from './train/augPreview';
import { runLrFind } from './train/lrFindJob';
import { probeModes } from './train/probe';
import { armFaults, faultFires } from './train/deviceRecovery';
import { runTraining } from './train/trainJob';
import { runGradCam } from './predict/gradCamJob';
import { runPredictJob } from './predict/predictJob';
import { runBundleJob } from './bundle/jobs';
import { memoryInfo } from './memory';

declare const self: DedicatedWorkerGlobalScope;

const session = new ModelSession();
// Requests the UI cancelled (aborted): a queued one is skipped, a running one stops at its next check.
const cancelled = new Set<number>();
let baseUrl = self.location.href;
// The running training's pause/stop switch; null when no training runs (Stop is trainControl, not cancel:
// the run ends with trainDone and keeps its best epoch).
let training: TrainControl | null = null;
// Every job runs in this one queue, one at a time: tfjs work on one backend is sequential anyway, and
// ordering keeps the model stable (a Grad-CAM never runs while a training run replaces and disposes it).
let queue: Promise<void> = Promise.resolve();

function post(msg: FromWorker): void {
  self.postMessage(msg);
}

function postMemory(): void {
  post({ type: 'memory', memory: memoryInfo() });
}

/** The dataset's data-bar setting, which a model trained on it keeps (Classify feeds it so). */
function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

// Model loads so far (for `?fault=stall-load@n`, test builds only).
let loads = 0;

/** TEST ONLY: `stall-load@n` blocks the worker in load n, as a model that hangs tfjs would; the bridge's watchdog ends it. */
function stallIfAsked(): void {
  if (!faultFires('stall-load', loads++)) return;
  for (let spin = 0; spin >= 0; spin = (spin + 1) % 1024);
}

// A heartbeat for the bridge's load watchdog (a memory report, at most one a second) while a download goes on.
let lastBeat = 0;
function beat(): void {
  if (performance.now() - lastBeat < 1000) return;
  lastBeat = performance.now();
  postMemory();
}

async function loadModel(requestId: number | null, source: Parameters<ModelSession['load']>[0]): Promise<void> {
  const name = describeSource(source);
  post({ type: 'modelLoading', backbone: name, message: `loading ${name}` });
  stallIfAsked();
  try {
    const model = await session.load(source, baseUrl, beat);
    disposeBenchTrain();
    postMemory(); // the warm-up (shader compilation on a GPU) gets the watchdog's whole limit
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
      armFaults(msg.faults);
      requestWasmThreads(msg.threads ?? null);
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
    case 'predictFiles':
      try {
        await runPredictJob(msg.requestId, msg.items, msg.options, session, post, () => cancelled.has(msg.requestId));
      } catch (e) {
        post({ type: 'error', requestId: msg.requestId, message: message(e) });
      }
      postMemory();
      return;
    case 'gradCam': {
      try {
        const result = await runGradCam(session, msg, post);
        self.postMessage({ type: 'gradCamResult', requestId: msg.requestId, ...result } satisfies FromWorker, [result.heat.buffer]);
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
    case 'benchTrain':
      try {
        post({ type: 'benchResult', requestId: msg.requestId, timesMs: await benchTrain(session, msg, post) });
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
      const { requestId } = msg;
      training = control;
      try {
        if (msg.type === 'train') await runTraining(session, msg.dataset, msg.recipe, control, post, { requestId, fault: msg.fault });
        else await runTraining(session, msg.dataset, RECIPE_DEFAULTS, control, post, { requestId, resumeRunId: msg.runId, fault: msg.fault });
      } catch (e) {
        post({ type: 'trainError', requestId, message: message(e) });
      } finally {
        training = null;
      }
      postMemory();
      return;
    }
    case 'evaluate':
      await evaluateLastRun(session, msg.tta, msg.requestId, post);
      postMemory();
      return;
    case 'estimate': {
      const id = msg.requestId;
      const hooks = {
        progress: (what: string, done: number, total: number) => post({ type: 'estimateProgress', requestId: id, what, done, total }),
        aborted: () => cancelled.has(id),
      };
      try {
        post({ type: 'estimateResult', requestId: id, probe: await probeModes(session, msg.sizes, msg.batch, msg.dataset, msg.timeTraining, hooks) });
      } catch (e) {
        post({ type: 'error', requestId: msg.requestId, message: message(e) });
      }
      postMemory();
      return;
    }
    case 'lrFind': {
      const id = msg.requestId;
      try {
        await runLrFind(session, id, msg.dataset, msg.recipe, { get aborted() { return cancelled.has(id); } }, post);
      } catch (e) {
        post({ type: 'error', requestId: id, message: message(e) });
      }
      postMemory();
      return;
    }
    case 'augmentPreview':
      try {
        const r = await augmentPreview(msg.dataset, msg.hash, msg.size, msg.augment, msg.seed);
        post({ type: 'augmentPreviewResult', requestId: msg.requestId, ...r });
      } catch (e) {
        post({ type: 'error', requestId: msg.requestId, message: message(e) });
      }
      return;
    case 'exportBundle':
    case 'importBundle':
      await runBundleJob(session, msg, baseUrl, (m, transfer) => {
        self.postMessage(m, transfer ?? []);
        if (m.type === 'modelLoading') stallIfAsked();
      });
      postMemory();
      return;
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
  // Every other message is a job of the one queue; one cancelled while it waited is skipped (its request was
  // rejected in the UI already), and a job that ran forgets its cancel.
  const requestId = 'requestId' in msg ? msg.requestId : null;
  queue = queue
    .then(() => (requestId !== null && cancelled.has(requestId) ? undefined : handle(msg)))
    .catch((err) => post({ type: 'error', requestId, message: message(err) }))
    .finally(() => {
      if (requestId !== null) cancelled.delete(requestId);
    });
};
