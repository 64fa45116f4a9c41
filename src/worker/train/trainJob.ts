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
import { fit } from './fit';
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

/**
 * One fine_tune run on the stored dataset: fresh backbone + a head for the dataset's classes, the fastai
 * recipe over the progressive schedule, a stream of events, and the result adopted for Classify.
 */
export async function runTraining(
  session: ModelSession,
  dataset: string,
  recipe: TrainRecipe,
  control: TrainControl,
  post: (m: FromWorker) => void,
): Promise<void> {
  // Fast mode stays on the current backend (wasm where it was chosen): only the head gets gradients.
  if (recipe.mode === 'fast') return runFastTraining(session, dataset, recipe, control, post);
  const split = await loadStoredSplit(dataset);
  const epochPlan = planEpochs(recipe, split.train.length);
  const batchSize = Math.max(1, Math.min(recipe.batchSize, split.train.length));
  const stepsPerEpoch = Math.floor(split.train.length / batchSize);
  const info: TrainPlanInfo = {
    classNames: split.classNames, trainImages: split.train.length, validImages: split.valid.length, stepsPerEpoch,
    stages: epochPlan.stages, perEpoch: epochPlan.perEpoch, warnings: epochPlan.warnings,
  };
  if (!session.info) throw new Error('No backbone is loaded yet.');
  await ensureTrainingBackend(post);
  post({ type: 'trainStarted', plan: info });

  const loaded = await session.freshBackbone(recipe.seed);
  let classifier: Classifier | null = buildClassifier(loaded.backbone, split.classNames, { seed: recipe.seed + 1 });
  const sizeAt = (epoch: number) => epochPlan.perEpoch[Math.min(epoch, epochPlan.perEpoch.length - 1)].size;
  const classes = split.classNames.length;
  const rate = new Rate();
  let lastSize = 0;
  let bestEpoch: number | null = null;
  let bestAccuracy = -1;
  try {
    const result = await fit({
      classifier,
      preprocessing: loaded.preprocessing,
      train: storedBatchSource(split.train, { batchSize, classes, sizeAt, shuffleSeed: recipe.seed, dropLast: true }),
      valid: split.valid.length ? storedBatchSource(split.valid, { batchSize, classes, sizeAt }) : undefined,
      plan: fineTunePlan({ epochs: epochPlan.epochs, freezeEpochs: epochPlan.freezeEpochs, baseLr: recipe.baseLr }),
      stepsPerEpoch,
      augment: anyAugmentation(recipe.augment) ? toAugmentOptions(recipe.augment) : false,
      labelSmoothing: recipe.labelSmoothing,
      seed: recipe.seed,
      control,
      // ~256 images: enough for stable statistics, a fraction of an epoch's cost (forward only).
      preciseBnBatches: Math.min(stepsPerEpoch, Math.ceil(256 / batchSize)),
      onBatch: (e) => {
        if (e.imageSize !== lastSize) rate.reset(); // a new size has its own speed (and compiles new shaders)
        lastSize = e.imageSize;
        const imagesPerSecond = e.batch === 0 ? 0 : rate.add(e.batchSize, e.ms);
        const eta = etaSeconds({
          plan: epochPlan.perEpoch, epoch: e.epoch, batchesDone: e.batch + 1, batchSize, trainImages: stepsPerEpoch * batchSize,
          validImages: split.valid.length, imagesPerSecond,
        });
        post({ type: 'trainProgress', progress: { ...e, imagesPerSecond, etaSeconds: eta } });
      },
      onEpoch: (e) => {
        const planned = epochPlan.perEpoch[e.epoch];
        if (e.validAccuracy !== null && e.validAccuracy > bestAccuracy) {
          bestAccuracy = e.validAccuracy;
          bestEpoch = e.epoch;
        }
        post({ type: 'trainEpoch', epoch: { ...e, size: planned.size, stage: planned.stage } });
        post({ type: 'memory', memory: e.memory });
      },
    });
    // Even a stopped run keeps what it learned, as fastai does; a run stopped before its first epoch
    // ended is still marked untrained.
    const trained = result.epochs.length > 0;
    session.adopt(classifier, loaded.preprocessing, {
      ...session.info,
      pretrained: loaded.pretrained,
      weightsNote: loaded.weightsNote,
      params: loaded.backbone.countParams(),
      classNames: split.classNames,
      headTrained: trained,
      preprocessing: loaded.preprocessing,
      inputSize: trained ? sizeAt(result.epochs.length - 1) : sizeAt(0),
    });
    const adopted = classifier;
    classifier = null;
    post({ type: 'modelReady', requestId: null, model: session.info! });
    const target = { classifier: adopted, classNames: split.classNames, valid: split.valid, size: session.info!.inputSize, batchSize };
    if (trained) await evaluateAfterRun(target, loaded.preprocessing, recipe.tta ?? false, post);
    post({ type: 'trainDone', stopped: result.stopped, bestEpoch });
  } finally {
    classifier?.model.dispose(); // only when training failed: the session keeps its previous model
  }
}
