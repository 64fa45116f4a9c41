// The one module that owns the compute worker. It turns worker events into store actions; components
// call the functions below and read the store, never postMessage.
import {
  assertNever, type BackboneSource, type BackendName, type BundleExportMeta, type Float16Check, type BundleSource, type BundleSummary, type FromWorker,
  type ReplyOf, type ToWorker, type TrainAction,
} from '../shared/protocol';
import type { GradCamResult, GradCamTarget, PredictItem, PredictOptions, PredictResult } from '../shared/predict';
import type { AugToggles } from '../shared/train/augToggles';
import { policyAllows, workerScriptQuery } from '../shared/csp';
import { faultAt, faultsFromSearch } from '../shared/faults';
import { isBundleLoad, LOAD_STALL_MS, LoadWatchdog, sourceAfterStall, stallMessage } from '../shared/loadWatchdog';
import { parseFaultSpecs, type FaultSpec } from '../shared/train/faults';
import type { TrainRecipe } from '../shared/train/recipe';
import type { ProbeResult } from '../shared/train/trainMode';
import { parseThreads } from '../shared/wasmThreads';
import { baselineForEvaluation } from './features/evaluate/baselineRun';
import { setAddressParam } from './address';
import { DATASET_BUSY, tryLockDataset } from './datasetLock';
import { markStalled } from './features/share/stalledLinks';
import { workerScriptGone, STALE_TEXT } from './pwa/serviceWorker';
import { Requests } from './requests';
import COMPUTE_WORKER_URL from '../worker/compute.worker.ts?worker&url';
import { useStore } from './store';

let worker: Worker | null = null;
// Kept so a backend switch reloads the same backbone, files included.
let currentSource: BackboneSource | null = null;
// TEST ONLY: `?fault=` for the worker's inference and checkpoint recovery paths (shared/train/faults.ts).
const TEST_FAULTS: FaultSpec[] = parseFaultSpecs(new URLSearchParams(window.location.search).get('fault'));
// `?threads=N`: the wasm backend's thread count (null: one per logical core when the page is isolated).
const WASM_THREADS = parseThreads(new URLSearchParams(window.location.search).get('threads'));
// The backend the worker was last started with (null: its own choice), for a restart after a stalled load.
let currentBackend: BackendName | null = null;
// The page's address when the worker started: its CSP connect-src (src/shared/csp.ts) was fixed from it.
let workerPage = '';
// The bundle being imported, so a stalled `?model=` link is remembered (stalledLinks.ts).
let importing: BundleSource | null = null;

// A model load that sends nothing for this long hung the worker (shared/loadWatchdog.ts). TEST ONLY: `?fault=watchdog@N` makes it N s.
const STALL_MS = (faultAt(faultsFromSearch(window.location.search), 'watchdog') ?? 0) * 1000 || LOAD_STALL_MS;
const watchdog = new LoadWatchdog(STALL_MS, restartAfterStall);

/** Stops the hung worker and starts a new one without what hung it; the sentence goes where the load was asked. */
function restartAfterStall(what: string): void {
  const sentence = stallMessage(what, STALL_MS);
  const bundle = isBundleLoad(what);
  if (bundle && importing?.kind === 'url') markStalled(importing.url);
  const next = bundle ? currentSource : currentSource && sourceAfterStall(currentSource);
  stopWorker(sentence); // a bundle import's request fails with the sentence (Share, or Classify for a link)
  if (next) startWorker(currentBackend, next);
  if (!bundle || !next) useStore.getState().workerFailed(sentence);
}

function send(msg: ToWorker): void {
  if (!worker) throw new Error('The compute worker is not running.');
  worker.postMessage(msg);
}

// Every request with a reply (requests.ts): typed by REPLY_TYPES in protocol.ts, settled once, abortable.
const requests = new Requests(send);

function onMessage(msg: FromWorker): void {
  const s = useStore.getState();
  watchdog.beat();
  switch (msg.type) {
    case 'backend':
      s.backendReady(msg.info);
      return;
    case 'ready':
      s.workerReady();
      return;
    case 'modelLoading':
      watchdog.started(msg.backbone);
      s.modelLoading(msg.backbone);
      return;
    case 'modelReady':
      watchdog.stopped();
      s.modelReady(msg.model);
      return;
    case 'modelError':
      watchdog.stopped();
      s.modelFailed(msg.backbone, msg.message);
      return;
    case 'predictResults':
    case 'predictDone':
    case 'gradCamResult':
    case 'benchResult':
    case 'estimateResult':
    case 'estimateProgress':
    case 'lrFindProgress':
    case 'lrFindDone':
    case 'augmentPreviewResult':
    case 'bundleExported':
    case 'bundleImported':
      requests.reply(msg); // a reply or event for an aborted request is dropped
      return;
    case 'memory':
      s.memoryChanged(msg.memory);
      return;
    case 'trainStarted':
      s.evaluationCleared();
      s.trainStarted(msg.plan);
      s.runRecipeSet(msg.recipe); // the recipe the worker runs: a resumed run's own
      return;
    case 'trainProgress':
      s.trainProgressed(msg.progress);
      return;
    case 'trainEpoch':
      s.trainEpochEnded(msg.epoch);
      return;
    case 'trainDone':
      releaseTrainingLock();
      s.trainFinished(msg.stopped, msg.bestEpoch);
      s.trainKept(msg.keptEpoch ?? null);
      requests.reply(msg);
      return;
    case 'trainRun':
      s.trainRunStarted(msg.runId, msg.epochs, msg.lossPoints);
      return;
    case 'trainNotice':
      s.trainNoticed(msg.level, msg.message);
      return;
    case 'trainError':
      releaseTrainingLock();
      s.trainFailed(msg.message);
      requests.reply(msg);
      return;
    // An evaluation's events reach the store whoever asked (an `evaluate` request, or a run just ended).
    case 'evaluationProgress':
      s.evaluationProgressed({ done: msg.done, total: msg.total, tta: msg.tta, etaSeconds: msg.etaSeconds, stage: msg.stage ?? 'predict' });
      requests.reply(msg);
      return;
    case 'evaluation':
      s.evaluationReceived(msg.evaluation);
      void baselineForEvaluation(msg.evaluation);
      requests.reply(msg);
      return;
    case 'evaluationError':
      s.evaluationFailed(msg.message);
      requests.reply(msg);
      return;
    case 'inferenceNotice':
      if (msg.job === 'evaluate') s.evaluationNoticed(msg.message);
      else if (msg.requestId !== null && requests.has(msg.requestId)) s.predictNoticed(msg.message);
      return;
    case 'trainFeatures':
      s.featuresProgressed({ done: msg.done, total: msg.total, etaSeconds: msg.etaSeconds });
      return;
    case 'bundleProgress':
      s.bundleProgressed(msg);
      return;
    case 'error':
      // Only an error no request owns reaches the app-wide banner; an aborted request's is dropped.
      if (requests.fail(msg.requestId, msg.message) === 'unowned') s.workerFailed(msg.message);
      return;
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
  currentBackend = backend;
  stopWorker();
  workerPage = window.location.href;
  useStore.getState().workerStarting(backend);
  // Its script URL names the address's model URLs: the service worker allows their origins in its connect-src.
  const w = new Worker(`${COMPUTE_WORKER_URL}${workerScriptQuery(window.location.search)}`, { type: 'module', name: 'compute' });
  worker = w;
  w.onmessage = (e: MessageEvent<FromWorker>) => onMessage(e.data);
  w.onerror = (e) => {
    e.preventDefault();
    const reason = `The compute worker failed: ${e.message || 'it could not start'}`;
    // Its script gone from the server: a deploy replaced this tab's build, and only a reload helps.
    void workerScriptGone(COMPUTE_WORKER_URL).then((gone) => {
      if (worker === w) useStore.getState().workerFailed(gone ? STALE_TEXT : reason);
    });
  };
  send({ type: 'init', backend, baseUrl: document.baseURI, backbone, faults: TEST_FAULTS, threads: WASM_THREADS });
}

// The dataset lock a training run of this tab holds (datasetLock.ts), released when the run ends.
let trainingLock: (() => void) | null = null;

function releaseTrainingLock(): void {
  trainingLock?.();
  trainingLock = null;
}

/** Takes the dataset's lock for a run; false (and the reason in the Train step) when something else holds it. */
async function lockForTraining(dataset: string): Promise<boolean> {
  const release = await tryLockDataset(dataset);
  if (!release) {
    useStore.getState().trainFailed(DATASET_BUSY);
    return false;
  }
  releaseTrainingLock();
  trainingLock = release;
  return true;
}

/** For `.catch` on a job whose failure the store shows already (the Train or Evaluate step): nothing more to do. */
export function shownInStore(): void {
  return undefined;
}

/**
 * Starts a fine_tune run on a stored dataset; progress arrives as store updates (trainSlice). Resolves with
 * `trainDone` when the run ends (completed, or stopped by `controlTraining('stop')`: a run is stopped, not
 * aborted, so it keeps its best epoch); rejects when it fails or the dataset is locked (the Train step says why).
 */
export async function startTraining(dataset: string, recipe: TrainRecipe, fault: FaultSpec | null = null): Promise<ReplyOf<'train'>> {
  if (!(await lockForTraining(dataset))) throw new Error(DATASET_BUSY);
  cancelEstimate(); // the run compiles the same kernels; it need not wait for the timing
  useStore.getState().trainRequested();
  const withTta = { ...recipe, tta: useStore.getState().ttaAfterRun };
  useStore.getState().featuresProgressed(null);
  return requests.request({ type: 'train', requestId: requests.id(), dataset, recipe: withTta, fault });
}

/**
 * Predicts the last run's validation images again (tta: also under the 8 flips and rotations); progress and
 * the result arrive as store updates (evalSlice). Resolves with the evaluation, rejects when it fails.
 */
export async function evaluate(tta: boolean): Promise<ReplyOf<'evaluate'>> {
  useStore.getState().evaluationRequested();
  return requests.request({ type: 'evaluate', requestId: requests.id(), tta });
}

/**
 * The mode probe in flight: a newer probe, a run, lr_find or an augmentation preview cancels it (it would hold
 * them up in the worker's queue, minutes for a ResNet50 on a software GPU); the Mode box then asks again, and
 * that probe waits behind the user's job.
 */
let probing: AbortController | null = null;

/** Cancels the mode probe in flight, if any: it stops at its next timed call; its promise rejects with an AbortError. */
export function cancelEstimate(): void {
  probing?.abort();
  probing = null;
}

/**
 * Times both training modes' costs in the worker (see src/worker/train/probe.ts); `onProgress` hears what it
 * is timing. Starting a probe cancels the one before it.
 */
export async function estimateModes(
  sizes: number[], batch: number, dataset: string | null, timeTraining = false,
  onProgress?: (what: string, done: number, total: number) => void,
): Promise<ProbeResult> {
  cancelEstimate();
  const controller = new AbortController();
  probing = controller;
  try {
    return (await requests.request({ type: 'estimate', requestId: requests.id(), sizes, batch, dataset, timeTraining }, {
      signal: controller.signal,
      onEvent: (m) => {
        if (m.type === 'estimateProgress') onProgress?.(m.what, m.done, m.total);
      },
    })).probe;
  } finally {
    if (probing === controller) probing = null;
  }
}

/** fastai lr_find in the worker; the curve grows in the store, abort cancels (the weights are restored). */
export async function runLrFind(dataset: string, recipe: TrainRecipe, signal: AbortSignal): Promise<void> {
  cancelEstimate(); // the user asked for this one: the Mode box's timing starts again behind it
  const s = useStore.getState();
  s.lrFindStarted();
  try {
    const done = await requests.request({ type: 'lrFind', requestId: requests.id(), dataset, recipe }, {
      signal,
      onEvent: (m) => {
        if (m.type === 'lrFindProgress') useStore.getState().lrFindStepped({ lr: m.lr, loss: m.loss });
      },
    });
    useStore.getState().lrFindFinished(done.lrs, done.losses, done.suggestion, done.cancelled);
  } catch (e) {
    useStore.getState().lrFindFailed(e instanceof Error ? e.message : String(e), signal.aborted);
  }
}

/** 8 augmented versions of a training image (null: a random one), rendered by the worker. */
export function augmentPreview(dataset: string, hash: string | null, size: number, augment: AugToggles, seed: number): Promise<ReplyOf<'augmentPreview'>> {
  cancelEstimate();
  return requests.request({ type: 'augmentPreview', requestId: requests.id(), dataset, hash, size, augment, seed });
}

/** Continues an interrupted run from its checkpoint (see runsDb); the same events and promise as startTraining. */
export async function resumeTraining(dataset: string, runId: string, fault: FaultSpec | null = null): Promise<ReplyOf<'resumeTraining'>> {
  if (!(await lockForTraining(dataset))) throw new Error(DATASET_BUSY);
  cancelEstimate();
  useStore.getState().trainRequested();
  return requests.request({ type: 'resumeTraining', requestId: requests.id(), dataset, runId, fault });
}

export function controlTraining(action: TrainAction): void {
  send({ type: 'trainControl', action });
  if (action !== 'stop') useStore.getState().trainPaused(action === 'pause');
}

export function stopWorker(reason = 'The compute worker was restarted.'): void {
  worker?.terminate();
  worker = null;
  watchdog.stopped();
  releaseTrainingLock();
  const s = useStore.getState();
  if (s.trainState === 'running' || s.trainState === 'paused') s.trainFailed('The compute worker was restarted during training.');
  if (s.evalState === 'running') s.evaluationFailed('The compute worker was restarted during the evaluation.');
  requests.rejectAll(reason);
}

/**
 * A model URL on a site the running worker's policy does not name (typed after it started) goes into the
 * address (`?backbone=`/`?model=`, as a link would carry it) and a new worker starts, whose script the
 * service worker (or the server) serves with that origin in connect-src. True when it restarted.
 */
function restartForUrl(url: string, param: 'backbone' | 'model', backbone: BackboneSource | null): boolean {
  if (policyAllows(url, workerPage || window.location.href)) return false;
  setAddressParam(param, url);
  startWorker(currentBackend, backbone);
  return true;
}

export function loadBackbone(source: BackboneSource): void {
  currentSource = source;
  // The new worker loads it as its start-up backbone.
  if (source.kind === 'url' && restartForUrl(source.url, 'backbone', source)) return;
  send({ type: 'loadBackbone', requestId: requests.id(), source });
}

/**
 * Classifies many files in the worker; result batches go to `onResults` as they come. Resolves when every
 * file was handled; rejects if the job failed, or at once with an AbortError when `signal` aborts (the worker
 * stops between two batches, and no batch reaches `onResults` after that).
 */
export async function predictFiles(
  items: PredictItem[],
  options: PredictOptions,
  onResults: (results: PredictResult[], classNames: string[]) => void,
  signal?: AbortSignal,
): Promise<void> {
  await requests.request({ type: 'predictFiles', requestId: requests.id(), items, options }, {
    signal,
    onEvent: (m) => {
      if (m.type === 'predictResults') onResults(m.results, m.classNames);
    },
  });
}

/** Grad-CAM heat map of one image (a file, or a dataset image by hash), computed in the worker. */
export async function gradCam(target: GradCamTarget, signal?: AbortSignal): Promise<GradCamResult> {
  const { type: _type, requestId: _id, ...result } = await requests.request({ type: 'gradCam', requestId: requests.id(), ...target }, { signal });
  return result;
}

/** Benchmarks only (npm run bench): predict timings in the worker, on the loaded model. */
export async function benchPredict(size: number, batch: number, runs: number): Promise<number[]> {
  return (await requests.request({ type: 'benchPredict', requestId: requests.id(), size, batch, runs })).timesMs;
}

/** Benchmarks only (npm run bench): per-step training times in the worker, app loop or bare minimize. */
export async function benchTrain(mode: 'loop' | 'bare', size: number, batch: number, steps: number): Promise<number[]> {
  return (await requests.request({ type: 'benchTrain', requestId: requests.id(), mode, size, batch, steps })).timesMs;
}

/** Zips the loaded classifier in the worker; the bytes come back transferred, not copied. */
export async function exportBundle(meta: BundleExportMeta): Promise<{ bytes: ArrayBuffer; fileName: string; float16: Float16Check | null }> {
  const { bytes, fileName, float16 } = await requests.request({ type: 'exportBundle', requestId: requests.id(), meta });
  return { bytes, fileName, float16: float16 ?? null };
}

/** Loads a model bundle as the classifier Classify uses. */
export async function importBundle(source: BundleSource): Promise<BundleSummary> {
  // The model in use is replaced by the bundle anyway; the restarted worker starts from the backbone.
  if (source.kind === 'url') restartForUrl(source.url, 'model', currentSource);
  importing = source;
  try {
    return (await requests.request({ type: 'importBundle', requestId: requests.id(), source })).bundle;
  } finally {
    if (importing === source) importing = null;
  }
}
