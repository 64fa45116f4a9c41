import * as tf from '@tensorflow/tfjs';
import type { BackendInfo, FromWorker, TrainPlanInfo } from '../../shared/protocol';
import type { TrainControl } from '../../shared/train/control';
import { anyAugmentation, toAugmentOptions } from '../../shared/train/augToggles';
import { fineTunePlan } from '../../shared/train/fineTune';
import { etaSeconds, planEpochs, type TrainRecipe } from '../../shared/train/recipe';
import { initBackend } from '../backends';
import { buildClassifier, type Classifier } from '../model/classifier';
import type { ModelSession } from '../session';
import { evaluateAfterRun } from './evaluate';
import { runFastTraining } from './fastTrain';
import { getCheckpoint, getRun, newRunId, type CheckpointRecord, type RunRecord } from '../../shared/storage/runsDb';
import { isDeviceLost, type FaultSpec } from '../../shared/train/faults';
import { restoreClassifierWeights, restoreState } from './checkpoint';
import { faultFires, faultInjector, resetBackend, watchDevice } from './deviceRecovery';
import { fit, type FitResult } from './fit';
import { layerGroups } from './layerGroups';
import { AdamW } from './optimizer';
import { RunRecorder } from './runRecorder';
import { loadStoredSplit, storedBatchSource } from './storedDataset';

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

/** Images per second, smoothed over recent batches so the ETA does not jump. */
class Rate {
  private value = 0;
  add(images: number, ms: number): number {
    const now = images / Math.max(ms / 1000, 1e-6);
    this.value = this.value === 0 ? now : 0.8 * this.value + 0.2 * now;
    return this.value;
  }
  reset(): void {
    this.value = 0;
  }
}

export interface TrainJobOptions {
  /** continue this run of the runs database from its checkpoint instead of starting a new one */
  resumeRunId?: string | null;
  /** TEST ONLY: a synthetic fault (`?fault=`) */
  fault?: FaultSpec | null;
}

/** Gives up after this many lost devices in one run: a device that keeps failing will not train. */
const MAX_DEVICE_RESTARTS = 2;

/**
 * One fine_tune run on the stored dataset: fresh backbone + a head for the dataset's classes, the fastai
 * recipe over the progressive schedule, a stream of events, and the result adopted for Classify.
 * The run is recorded in the runs database with a checkpoint after every epoch; a resumed run starts from
 * its checkpoint, and a lost GPU device restarts the backend and goes on from the last checkpoint.
 */
export async function runTraining(
  session: ModelSession,
  dataset: string,
  recipeArg: TrainRecipe,
  control: TrainControl,
  post: (m: FromWorker) => void,
  opts: TrainJobOptions = {},
): Promise<void> {
  const resumed = opts.resumeRunId ? await loadRunToResume(opts.resumeRunId) : null;
  const recipe = resumed?.run.recipe ?? recipeArg;
  // Fast mode stays on the current backend (wasm where it was chosen): only the head gets gradients.
  if (recipe.mode === 'fast') return runFastTraining(session, dataset, recipe, control, post);
  const split = await loadStoredSplit(dataset);
  const epochPlan = planEpochs(recipe, split.train.length);
  const firstBatchSize = Math.max(1, Math.min(recipe.batchSize, split.train.length));
  const stepsFor = (bs: number) => Math.floor(split.train.length / bs);
  const info: TrainPlanInfo = {
    classNames: split.classNames, trainImages: split.train.length, validImages: split.valid.length, stepsPerEpoch: stepsFor(firstBatchSize),
    stages: epochPlan.stages, perEpoch: epochPlan.perEpoch, warnings: epochPlan.warnings,
  };
  if (resumed) checkSameData(resumed.run.plan, info);
  if (!session.info) throw new Error('No backbone is loaded yet.');
  await ensureTrainingBackend(post);
  post({ type: 'trainStarted', plan: info });

  const recorder = new RunRecorder(
    resumed?.run ?? RunRecorder.create({ id: newRunId(), dataset, recipe, plan: info, backend: tf.getBackend(), backbone: session.info.backbone }),
    post,
    (epoch) => faultFires('slow-checkpoint', epoch),
  );
  let checkpoint = resumed?.checkpoint ?? null;
  if (resumed) recorder.rewind(checkpoint);
  await recorder.start();
  const unsubscribe = control.onPauseChange((paused) => void recorder.setPaused(paused).catch(() => undefined));

  const sizeAt = (epoch: number) => epochPlan.perEpoch[Math.min(epoch, epochPlan.perEpoch.length - 1)].size;
  const classes = split.classNames.length;
  const sources = (bs: number) => ({
    train: storedBatchSource(split.train, { batchSize: bs, classes, sizeAt, shuffleSeed: recipe.seed, dropLast: true }),
    valid: split.valid.length ? storedBatchSource(split.valid, { batchSize: bs, classes, sizeAt }) : undefined,
    stepsPerEpoch: stepsFor(bs),
  });
  const rate = new Rate();
  const injectFault = faultInjector(opts.fault);
  let lastSize = 0;
  let loaded: Awaited<ReturnType<ModelSession['freshBackbone']>> | null = null;
  let classifier: Classifier | null = null;
  let optimizer: AdamW | null = null;
  let result: FitResult | null = null;
  try {
    for (let restarts = 0; ; restarts++) {
      loaded = await session.freshBackbone(recipe.seed);
      classifier = buildClassifier(loaded.backbone, split.classNames, { seed: recipe.seed + 1 });
      optimizer = new AdamW(layerGroups(classifier));
      if (checkpoint) await restoreState(classifier, optimizer, checkpoint);
      const batchSize = checkpoint?.next.batchSize ?? firstBatchSize;
      post({ type: 'trainRun', runId: recorder.run.id, resumedFrom: checkpoint?.epoch ?? null, epochs: recorder.run.epochs, lossPoints: recorder.run.lossPoints });
      const c = classifier;
      const o = optimizer;
      const device = watchDevice();
      try {
        result = await fit({
          classifier: c,
          optimizer: o,
          preprocessing: loaded.preprocessing,
          ...sources(batchSize),
          rebatch: sources,
          plan: fineTunePlan({ epochs: epochPlan.epochs, freezeEpochs: epochPlan.freezeEpochs, baseLr: recipe.baseLr }),
          augment: anyAugmentation(recipe.augment) ? toAugmentOptions(recipe.augment) : false,
          labelSmoothing: recipe.labelSmoothing,
          seed: recipe.seed,
          control,
          start: checkpoint?.next,
          // ~256 images: enough for stable statistics, a fraction of an epoch's cost (forward only).
          preciseBnBatches: Math.min(stepsFor(batchSize), Math.ceil(256 / batchSize)),
          beforeStep: (step) => {
            device.check();
            injectFault(step);
          },
          onNotice: (n) => post({ type: 'trainNotice', ...n }),
          onBatch: (e) => {
            if (e.imageSize !== lastSize) rate.reset(); // a new size has its own speed (and compiles new shaders)
            lastSize = e.imageSize;
            recorder.addLossPoint({ step: e.step, loss: e.loss, smoothLoss: e.smoothLoss });
            const imagesPerSecond = e.batch === 0 ? 0 : rate.add(e.batchSize, e.ms);
            const steps = stepsFor(e.batchSize);
            const eta = etaSeconds({
              plan: epochPlan.perEpoch, epoch: e.epoch, batchesDone: e.batch + 1, batchSize: e.batchSize, trainImages: steps * e.batchSize,
              validImages: split.valid.length, imagesPerSecond,
            });
            post({ type: 'trainProgress', progress: { ...e, imagesPerSecond, etaSeconds: eta } });
          },
          onEpoch: (e) => {
            const planned = epochPlan.perEpoch[e.epoch];
            post({ type: 'trainEpoch', epoch: { ...e, size: planned.size, stage: planned.stage } });
            post({ type: 'memory', memory: e.memory });
          },
          afterEpoch: (e, next) => {
            const planned = epochPlan.perEpoch[e.epoch];
            return recorder.afterEpoch({ ...e, size: planned.size, stage: planned.stage }, next, c, o);
          },
        });
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
    // Even a stopped run keeps what it learned, as fastai does, and the best epoch of it by validation loss;
    // a run stopped before its first epoch ended is still marked untrained.
    const epochsDone = recorder.run.epochs.length;
    const trained = epochsDone > 0;
    let keptEpoch: number | null = trained ? recorder.run.epochs[epochsDone - 1].epoch : null;
    if (result!.stopped && recorder.best) {
      restoreClassifierWeights(classifier!, recorder.best.weights);
      keptEpoch = recorder.best.epoch;
      post({ type: 'trainNotice', level: 'info', message: `Stopped: kept the weights of epoch ${keptEpoch + 1} (counted from 1), the lowest valid_loss (${recorder.best.validLoss.toFixed(4)}).` });
    }
    session.adopt(classifier!, loaded!.preprocessing, {
      ...session.info,
      pretrained: loaded!.pretrained,
      weightsNote: loaded!.weightsNote,
      params: loaded!.backbone.countParams(),
      classNames: split.classNames,
      headTrained: trained,
      preprocessing: loaded!.preprocessing,
      inputSize: trained ? sizeAt(keptEpoch!) : sizeAt(0),
    });
    classifier = null;
    await recorder.finish(result!.stopped ? 'stopped' : 'done', { keptEpoch });
    post({ type: 'modelReady', requestId: null, model: session.info! });
    // The Evaluate step's per-image results on the validation images (never fails the run).
    const target = { modelId: session.modelId, classNames: split.classNames, valid: split.valid, size: session.info!.inputSize, batchSize: firstBatchSize };
    if (trained) await evaluateAfterRun(session, target, recipe.tta ?? false, post);
    post({ type: 'trainDone', stopped: result!.stopped, bestEpoch, keptEpoch });
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
