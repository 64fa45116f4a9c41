import * as tf from '@tensorflow/tfjs';
import type { BackendInfo, FromWorker, TrainPlanInfo } from '../../shared/protocol';
import type { TrainControl } from '../../shared/train/control';
import { anyAugmentation, toAugmentOptions } from '../../shared/train/augToggles';
import { fastStepsPerEpoch } from '../../shared/train/fastBatches';
import { fineTunePlan, type FineTunePhase } from '../../shared/train/fineTune';
import { planEpochs, type TrainRecipe } from '../../shared/train/recipe';
import { trainedOrigin, UNTRAINED } from '../../shared/modelOrigin';
import { initBackend } from '../backends';
import { buildClassifier, type Classifier } from '../model/classifier';
import type { LoadedBackbone, ModelSession } from '../session';
import { evaluateAfterRun, prepareNovelty } from './evaluate';
import { getCheckpoint, getRun, newRunId, type CheckpointRecord, type RunRecord } from '../../shared/storage/runsDb';
import { isDeviceLost, type FaultSpec } from '../../shared/train/faults';
import { deviceCallback, progressCallback, recorderCallback } from './callbacks';
import { restoreClassifierWeights, restoreState, type WeightScope } from './checkpoint';
import { faultFires, faultInjector, resetBackend, watchDevice } from './deviceRecovery';
import { fastFeatures, fastSetup, featureKey, featureSources } from './fastData';
import { fit, type FeatureFitOptions, type FitOptions, type FitResult, type ImageFitOptions } from './fit';
import { headGroup, layerGroups, type ParamGroup } from './layerGroups';
import { AdamW } from './optimizer';
import { RunRecorder } from './runRecorder';
import { loadStoredSplit, storedBatchSource, type StoredSplit } from './storedDataset';

/**
 * wasm registers no Conv2DBackpropFilter/Input kernels, so it cannot train a conv net. On such a backend
 * the worker switches to the best one that can (WebGL first on software adapters, see backendChoice) and
 * stays there: the trained weights live on that backend, and the status bar says so.
 */
async function ensureTrainingBackend(post: (m: FromWorker) => void): Promise<void> {
  if (tf.getBackend() !== 'wasm') return;
  const info: BackendInfo = await initBackend(null, 'training');
  post({ type: 'backend', info: { ...info, reason: `training: wasm cannot compute convolution gradients, switched to ${info.backend}; ${info.reason}` } });
}

export interface TrainJobOptions {
  /** the `train`/`resumeTraining` request: trainDone and the post-run evaluation's events carry it */
  requestId: number;
  /** continue this run of the runs database from its checkpoint instead of starting a new one */
  resumeRunId?: string | null;
  /** TEST ONLY: a synthetic fault (`?fault=`) */
  fault?: FaultSpec | null;
}

/** Gives up after this many lost devices in one run: a device that keeps failing will not train. */
const MAX_DEVICE_RESTARTS = 2;

/** What differs between the modes: the plan, the data source fit trains on, and which weights change. */
interface ModeSetup {
  plan: TrainPlanInfo;
  phases: FineTunePhase[];
  firstBatchSize: number;
  /** training batches per epoch at a batch size */
  stepsFor: (batchSize: number) => number;
  /** image size the model predicts at when it kept `epoch` */
  sizeAt: (epoch: number) => number;
  scope: WeightScope;
  groups: (c: Classifier) => ParamGroup[];
  /** fit's data options for a freshly built classifier; null: stopped before training began (fast mode's features) */
  data: (c: Classifier, loaded: LoadedBackbone, batchSize: number) => Promise<FitData | null>;
}

type FitData =
  | Pick<ImageFitOptions, 'inputs' | 'train' | 'valid' | 'stepsPerEpoch' | 'rebatch' | 'augment' | 'preciseBnBatches'>
  | Pick<FeatureFitOptions, 'inputs' | 'featureSize' | 'train' | 'valid' | 'stepsPerEpoch' | 'rebatch'>;

function fullSetup(recipe: TrainRecipe, split: StoredSplit): ModeSetup {
  const epochPlan = planEpochs(recipe, split.train.length);
  const firstBatchSize = Math.max(1, Math.min(recipe.batchSize, split.train.length));
  const stepsFor = (bs: number) => Math.floor(split.train.length / bs);
  const sizeAt = (epoch: number) => epochPlan.perEpoch[Math.min(epoch, epochPlan.perEpoch.length - 1)].size;
  const classes = split.classNames.length;
  const sources = (bs: number) => ({
    train: storedBatchSource(split.train, { batchSize: bs, classes, sizeAt, shuffleSeed: recipe.seed, dropLast: true }),
    valid: split.valid.length ? storedBatchSource(split.valid, { batchSize: bs, classes, sizeAt }) : undefined,
    stepsPerEpoch: stepsFor(bs),
  });
  return {
    plan: {
      classNames: split.classNames, trainImages: split.train.length, validImages: split.valid.length, stepsPerEpoch: stepsFor(firstBatchSize),
      stages: epochPlan.stages, perEpoch: epochPlan.perEpoch, warnings: epochPlan.warnings,
    },
    phases: fineTunePlan({ epochs: epochPlan.epochs, freezeEpochs: epochPlan.freezeEpochs, baseLr: recipe.baseLr, scratch: recipe.scratch }),
    firstBatchSize, stepsFor, sizeAt, scope: 'all', groups: (c) => layerGroups(c),
    data: async (_c, _loaded, batchSize) => ({
      ...sources(batchSize),
      rebatch: sources,
      augment: anyAugmentation(recipe.augment) ? toAugmentOptions(recipe.augment) : false,
      // ~256 images: enough for stable statistics, a fraction of an epoch's cost (forward only).
      preciseBnBatches: Math.min(stepsFor(batchSize), Math.ceil(256 / batchSize)),
    }),
  };
}

function fastModeSetup(
  recipe: TrainRecipe, split: StoredSplit, session: ModelSession, control: TrainControl, post: (m: FromWorker) => void,
): ModeSetup {
  const fast = fastSetup(recipe, split);
  const classes = split.classNames.length;
  return {
    plan: fast.plan, phases: [fast.phase], firstBatchSize: fast.batchSize,
    stepsFor: (bs) => fastStepsPerEpoch(split.train.length, fast.views, bs),
    sizeAt: () => fast.size, scope: 'head', groups: (c) => [headGroup(layerGroups(c))],
    data: async (c, loaded, batchSize) => {
      const key = featureKey({ split, setup: fast, recipe, backbone: session.backboneName, pretrained: loaded.pretrained });
      const features = await fastFeatures({ key, classifier: c, preprocessing: loaded.preprocessing, split, setup: fast, recipe, control, post });
      if (!features) return null;
      const sources = (bs: number) => featureSources(features, { classes, seed: recipe.seed, batchSize: bs });
      return { inputs: 'features', featureSize: fast.size, ...sources(batchSize), rebatch: sources };
    },
  };
}

/**
 * One training run on the stored dataset, in either mode, through the one fit loop: fresh backbone + a head
 * for the dataset's classes, the fastai recipe (full: fine_tune over the progressive schedule; fast: the head
 * alone on cached backbone features), a stream of events, and the result adopted for Classify. The run is
 * recorded in the runs database with a checkpoint after every epoch; a resumed run starts from its
 * checkpoint, and a lost GPU device restarts the backend and goes on from the last checkpoint. Stop keeps
 * the lowest-validation-loss epoch's weights. `trainDone` is posted before the post-run evaluation starts.
 */
export async function runTraining(
  session: ModelSession,
  dataset: string,
  recipeArg: TrainRecipe,
  control: TrainControl,
  post: (m: FromWorker) => void,
  opts: TrainJobOptions,
): Promise<void> {
  const resumed = opts.resumeRunId ? await loadRunToResume(opts.resumeRunId) : null;
  const recipe = resumed?.run.recipe ?? recipeArg;
  const split = await loadStoredSplit(dataset);
  // Fast mode stays on the current backend (wasm where it was chosen): only the head gets gradients.
  const mode = recipe.mode === 'fast' ? fastModeSetup(recipe, split, session, control, post) : fullSetup(recipe, split);
  const info = mode.plan;
  if (resumed) checkSameData(resumed.run.plan, info);
  if (!session.info) throw new Error('No backbone is loaded yet.');
  if (recipe.mode !== 'fast') await ensureTrainingBackend(post);
  post({ type: 'trainStarted', plan: info, recipe });

  const recorder = new RunRecorder(
    resumed?.run ?? RunRecorder.create({ id: newRunId(), dataset, recipe, plan: info, backend: tf.getBackend(), backbone: session.backboneName, datasetRevision: split.revision }),
    post,
    (epoch) => faultFires('slow-checkpoint', epoch),
    mode.scope,
  );
  let checkpoint = resumed?.checkpoint ?? null;
  if (resumed) recorder.rewind(checkpoint);
  await recorder.start();
  const unsubscribe = control.onPauseChange((paused) => void recorder.setPaused(paused).catch(() => undefined));

  const progress = progressCallback({
    perEpoch: info.perEpoch, stepsFor: mode.stepsFor, validImages: recipe.mode === 'fast' ? 0 : split.valid.length, post,
  });
  const injectFault = faultInjector(opts.fault);
  let loaded: LoadedBackbone | null = null;
  let classifier: Classifier | null = null;
  let optimizer: AdamW | null = null;
  let result: FitResult | null = null;
  try {
    for (let restarts = 0; ; restarts++) {
      loaded = await session.freshBackbone(recipe.seed);
      classifier = buildClassifier(loaded.backbone, split.classNames, { seed: recipe.seed + 1 });
      const groups = mode.groups(classifier);
      optimizer = new AdamW(groups);
      if (checkpoint) await restoreState(classifier, optimizer, checkpoint, mode.scope);
      const batchSize = checkpoint?.next.batchSize ?? mode.firstBatchSize;
      post({ type: 'trainRun', runId: recorder.run.id, resumedFrom: checkpoint?.epoch ?? null, epochs: recorder.run.epochs, lossPoints: recorder.run.lossPoints });
      const c = classifier;
      const o = optimizer;
      const device = watchDevice();
      try {
        const data = await mode.data(c, loaded, batchSize);
        if (!data) {
          result = { epochs: [], stopped: true, batchSize: null };
          break;
        }
        result = await fit({
          ...data,
          classifier: c,
          optimizer: o,
          groups,
          preprocessing: loaded.preprocessing,
          plan: mode.phases,
          labelSmoothing: recipe.labelSmoothing,
          seed: recipe.seed,
          control,
          start: checkpoint?.next,
          onNotice: (n) => post({ type: 'trainNotice', ...n }),
          callbacks: [
            deviceCallback(device, injectFault),
            progress,
            recorderCallback({ recorder, perEpoch: info.perEpoch, classifier: c, optimizer: o, post }),
          ],
        } as FitOptions);
        break;
      } catch (e) {
        if (!isDeviceLost(e) || restarts >= MAX_DEVICE_RESTARTS) throw e;
        // Everything on the lost backend goes; the session's previous model too (a lost device took it).
        disposeQuietly(() => o.dispose());
        disposeQuietly(() => c.model.dispose());
        classifier = null;
        optimizer = null;
        disposeQuietly(() => session.dispose());
        checkpoint = await recorder.lastCheckpoint();
        const from = checkpoint ? `epoch ${checkpoint.epoch + 1} (from the checkpoint of epoch ${checkpoint.epoch})` : 'the start (no checkpoint yet)';
        post({ type: 'trainNotice', level: 'warning', message: `${(e instanceof Error ? e.message : String(e)).replace(/\.?$/, '.')} Restarted the ${tf.getBackend()} backend; training goes on at ${from}.` });
        const backend = await resetBackend();
        post({ type: 'backend', info: { ...backend, reason: `restarted after a lost device; ${backend.reason}` } });
        recorder.rewind(checkpoint);
      } finally {
        device.dispose();
      }
    }
    optimizer?.dispose();
    optimizer = null;
    const bestEpoch = recorder.run.bestEpoch;
    // Even a stopped run keeps what it learned, as fastai does. The one rule (shared/modelOrigin.ts): a run
    // that completes keeps its last epoch; Stop keeps the lowest-validation-loss epoch. A run stopped before
    // its first epoch ended is still marked untrained.
    const epochsDone = recorder.run.epochs.length;
    const trained = epochsDone > 0;
    let keptEpoch: number | null = trained ? recorder.run.epochs[epochsDone - 1].epoch : null;
    if (result!.stopped && recorder.best) {
      restoreClassifierWeights(classifier!, recorder.best.weights, mode.scope);
      keptEpoch = recorder.best.epoch;
      post({ type: 'trainNotice', level: 'info', message: `Stopped: kept the weights of epoch ${keptEpoch + 1} (counted from 1), the lowest valid_loss (${recorder.best.validLoss.toFixed(4)}).` });
    }
    const inputSize = mode.sizeAt(trained ? keptEpoch! : 0);
    session.adopt(classifier!, loaded!.preprocessing, {
      backbone: session.backboneName,
      pretrained: loaded!.pretrained,
      weightsNote: loaded!.weightsNote,
      params: loaded!.backbone.countParams(),
      modelParams: classifier!.model.countParams(),
      classNames: split.classNames,
      headTrained: trained,
      preprocessing: loaded!.preprocessing,
      inputSize,
      origin: trained
        ? trainedOrigin({
          runId: recorder.run.id, recipe, plan: info, epochs: recorder.run.epochs, keptEpoch: keptEpoch!, stopped: result!.stopped,
          normalization: loaded!.preprocessing, inputSize, dataBarCrop: split.cropDataBar,
        })
        : UNTRAINED,
    });
    classifier = null;
    await recorder.finish(result!.stopped ? 'stopped' : 'done', { keptEpoch });
    post({ type: 'modelReady', requestId: null, model: session.info! });
    // The run is over (Stop has nothing left to stop, the UI unlocks) before the Evaluate step's per-image
    // results on the validation images are computed with the kept weights (never fails the run).
    post({ type: 'trainDone', requestId: opts.requestId, stopped: result!.stopped, bestEpoch, keptEpoch });
    const target = { modelId: session.modelId, classNames: split.classNames, valid: split.valid, size: session.info!.inputSize, batchSize: mode.firstBatchSize };
    if (trained) {
      // the training images' features first: the evaluation then measures the unfamiliar-image check's false alarms
      await prepareNovelty(session, target, split.train, opts.requestId, post);
      await evaluateAfterRun(session, target, recipe.tta ?? false, opts.requestId, post);
    }
  } catch (e) {
    await recorder.finish('error', { message: e instanceof Error ? e.message : String(e) }).catch(() => undefined);
    throw e;
  } finally {
    unsubscribe();
    optimizer?.dispose();
    classifier?.model.dispose(); // only when training failed: the session keeps its previous model
  }
}

function disposeQuietly(f: () => void): void {
  try {
    f();
  } catch {
    // the backend that held it is gone
  }
}

async function loadRunToResume(runId: string): Promise<{ run: RunRecord; checkpoint: CheckpointRecord }> {
  const [run, checkpoint] = await Promise.all([getRun(runId), getCheckpoint(runId)]);
  if (!run) throw new Error('This run is no longer stored: it cannot be resumed.');
  if (!checkpoint) throw new Error('This run has no checkpoint (it stopped before its first epoch ended, or storage was full): start a new run.');
  return { run, checkpoint };
}

/** A checkpoint only fits the data it was trained on: same classes, same split sizes. */
function checkSameData(was: TrainPlanInfo, now: TrainPlanInfo): void {
  if (was.classNames.join('\n') !== now.classNames.join('\n') || was.trainImages !== now.trainImages || was.validImages !== now.validImages) {
    throw new Error(
      `The dataset changed since this run started (it had ${was.trainImages} training and ${was.validImages} validation images of ` +
      `${was.classNames.join(', ')}; now ${now.trainImages} and ${now.validImages} of ${now.classNames.join(', ')}): start a new run.`,
    );
  }
}
