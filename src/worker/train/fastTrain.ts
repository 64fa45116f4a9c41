import { evaluateAfterRun } from './evaluate';
import * as tf from '@tensorflow/tfjs';
import type { FromWorker, TrainPlanInfo } from '../../shared/protocol';
import { anyAugmentation, toAugmentOptions } from '../../shared/train/augToggles';
import type { TrainControl } from '../../shared/train/control';
import type { EpochEvent } from '../../shared/train/events';
import { fastEpochBatches, fastStepsPerEpoch } from '../../shared/train/fastBatches';
import { phaseHyper, type FineTunePhase } from '../../shared/train/fineTune';
import { LossSmoother } from '../../shared/train/lrSuggest';
import { ONE_CYCLE_DEFAULTS } from '../../shared/train/oneCycle';
import { planEpochs, type TrainRecipe } from '../../shared/train/recipe';
import { FAST_VIEWS, fastEpochs, featureCacheBytes } from '../../shared/train/trainMode';
import { buildClassifier, type Classifier } from '../model/classifier';
import type { ModelSession } from '../session';
import { cacheBatch, extractFeatures, type FeatureCache } from './featureCache';
import { evaluatePooled, headTail } from './headFeatures';
import { groupVariables, headGroup, layerGroups } from './layerGroups';
import { AdamW } from './optimizer';
import { RunRecorder } from './runRecorder';
import { loadStoredSplit } from './storedDataset';
import { newRunId } from '../../shared/storage/runsDb';
import { crossEntropy } from './trainStep';

function memory() {
  const m = tf.memory();
  return { numTensors: m.numTensors, numBytes: m.numBytes };
}

/** Lets worker messages (pause, stop) in: on wasm and cpu, awaiting tensor data never leaves the microtask queue. */
const yieldToEvents = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** Validation loss and accuracy over cached view-0 features, in chunks. */
async function validatePooled(classifier: Classifier, cache: FeatureCache, classes: number): Promise<{ loss: number; accuracy: number }> {
  const n = cache.labels.length;
  let loss = 0;
  let correct = 0;
  for (let s = 0; s < n; s += 256) {
    const rows = Array.from({ length: Math.min(256, n - s) }, (_, i) => ({ image: s + i, view: 0 }));
    const { x, y } = cacheBatch(cache, rows, classes);
    try {
      const r = await evaluatePooled(classifier, x, y);
      loss += r.loss * rows.length;
      correct += r.correct;
    } finally {
      tf.dispose([x, y]);
    }
  }
  return { loss: loss / n, accuracy: correct / n };
}

/**
 * No-GPU fast mode: the frozen backbone computes concat-pooled features once per training image for each
 * of `views` augmented views (and once per validation image) at the schedule's last size, on the current
 * backend (wasm's inference path where it was chosen); then only the head trains on them, with
 * fit_one_cycle and fastai's AdamW, for as many epochs as the recipe plans. Emits the same train events
 * as runTraining, plus `trainFeatures` while the features are computed.
 */
export async function runFastTraining(
  session: ModelSession,
  dataset: string,
  recipe: TrainRecipe,
  control: TrainControl,
  post: (m: FromWorker) => void,
): Promise<void> {
  const split = await loadStoredSplit(dataset);
  const full = planEpochs(recipe, split.train.length);
  const perEpoch = fastEpochs(full.perEpoch);
  const size = perEpoch[0].size;
  const views = Math.max(FAST_VIEWS.min, Math.min(FAST_VIEWS.max, Math.round(recipe.views)));
  const augmented = anyAugmentation(recipe.augment);
  const cachedViews = augmented ? views : 1;
  const batchSize = Math.max(1, Math.min(recipe.batchSize, split.train.length));
  const stepsPerEpoch = fastStepsPerEpoch(split.train.length, cachedViews, batchSize);
  const classes = split.classNames.length;
  if (!session.info) throw new Error('No backbone is loaded yet.');

  const loaded = await session.freshBackbone(recipe.seed);
  let classifier: Classifier | null = buildClassifier(loaded.backbone, split.classNames, { seed: recipe.seed + 1 });
  const channels = loaded.backbone.outputs[0].shape[3] ?? 0;
  const notes = [
    `fast mode: the head trains on cached backbone features at ${size} px (the schedule's last size), ${cachedViews} view(s) per image` +
      ` (${(featureCacheBytes(split.train.length, cachedViews, split.valid.length, channels) / 2 ** 20).toFixed(1)} MiB);` +
      ' freeze_epochs does not apply: the body never trains.',
  ];
  if (!augmented && views > 1) notes.push('Augmentation is off, so one view per image is cached.');
  const plan: TrainPlanInfo = {
    classNames: split.classNames, trainImages: split.train.length, validImages: split.valid.length, stepsPerEpoch,
    stages: full.stages, perEpoch, warnings: [...full.warnings, ...notes], mode: 'fast',
  };
  post({ type: 'trainStarted', plan });
  // In the runs list like a full run, without checkpoints: a fast run is minutes long and its cache is not stored.
  const recorder = new RunRecorder(RunRecorder.create({ id: newRunId(), dataset, recipe, plan, backend: tf.getBackend(), backbone: session.info.backbone }), post);
  await recorder.start();
  post({ type: 'trainRun', runId: recorder.run.id, resumedFrom: null, epochs: [], lossPoints: [] });

  try {
    // 1. Features, with progress and ETA.
    const total = split.train.length * cachedViews + split.valid.length;
    const t0 = performance.now();
    let base = 0;
    const onProgress = (done: number) => {
      const d = base + done;
      const elapsed = (performance.now() - t0) / 1000;
      post({ type: 'trainFeatures', done: d, total, etaSeconds: d > 0 ? (elapsed / d) * (total - d) : null });
    };
    const shouldStop = async () => {
      await control.waitWhilePaused();
      return control.stopped;
    };
    post({ type: 'trainFeatures', done: 0, total, etaSeconds: null });
    const common = { classifier, preprocessing: loaded.preprocessing, classes, size, batchSize: Math.max(batchSize, 8), seed: recipe.seed, onProgress, shouldStop };
    const train = await extractFeatures({
      ...common, images: split.train, views: cachedViews, augment: augmented ? toAugmentOptions(recipe.augment) : false,
    });
    base = split.train.length * cachedViews;
    const valid = train && split.valid.length
      ? await extractFeatures({ ...common, images: split.valid, views: 1, augment: false })
      : null;

    // 2. The head on the cached features: one cycle over all epochs (fastai fit_one_cycle defaults).
    const phase: FineTunePhase = {
      name: 'frozen', frozen: true, epochs: perEpoch.length, maxLr: recipe.baseLr, lrMult: 10, spread: 'flat',
      pctStart: ONE_CYCLE_DEFAULTS.pctStart, div: ONE_CYCLE_DEFAULTS.div, divFinal: ONE_CYCLE_DEFAULTS.divFinal,
    };
    const head = headGroup(layerGroups(classifier));
    const variables = groupVariables([head]);
    const optimizer = new AdamW([head]);
    const smoother = new LossSmoother();
    const epochs: EpochEvent[] = [];
    const totalSteps = perEpoch.length * stepsPerEpoch;
    let step = 0;
    let bestEpoch: number | null = null;
    let bestAccuracy = -1;
    let lastYield = performance.now();
    const trainStart = performance.now();
    try {
      for (let epoch = 0; train && epoch < perEpoch.length && !control.stopped; epoch++) {
        const started = performance.now();
        let lossSum = 0;
        let batches = 0;
        for (const rows of fastEpochBatches(split.train.length, cachedViews, batchSize, recipe.seed, epoch)) {
          if (performance.now() - lastYield > 30) {
            await yieldToEvents();
            lastYield = performance.now();
          }
          await control.waitWhilePaused();
          if (control.stopped) break;
          const t = performance.now();
          const hyper = phaseHyper(phase, 1, Math.min(step, totalSteps - 1), totalSteps);
          const { x, y } = cacheBatch(train, rows, classes);
          let loss: number;
          try {
            const c = classifier;
            const { value, grads } = tf.variableGrads(() => crossEntropy(headTail(c, x, true), y, recipe.labelSmoothing), variables);
            try {
              optimizer.applyGradients(grads, { lrs: hyper.lrs, beta1: hyper.beta1 });
            } finally {
              tf.dispose(Object.values(grads));
            }
            loss = (await value.data())[0];
            value.dispose();
          } finally {
            tf.dispose([x, y]);
          }
          lossSum += loss;
          const smoothLoss = smoother.add(loss);
          recorder.addLossPoint({ step, loss, smoothLoss });
          const ms = performance.now() - t;
          const perStep = (performance.now() - trainStart) / (step + 1);
          post({
            type: 'trainProgress',
            progress: {
              phase: 'frozen', epoch, batch: batches, step, loss, smoothLoss, lrs: hyper.lrs, beta1: hyper.beta1,
              batchSize: rows.length, imageSize: size, ms, memory: memory(),
              imagesPerSecond: rows.length / Math.max(ms / 1000, 1e-6), etaSeconds: ((totalSteps - step - 1) * perStep) / 1000,
            },
          });
          batches += 1;
          step += 1;
        }
        if (control.stopped) break;
        const v = valid ? await validatePooled(classifier, valid, classes) : null;
        const event: EpochEvent = {
          phase: 'frozen', epoch, trainLoss: batches ? lossSum / batches : Number.NaN, validLoss: v?.loss ?? null,
          validAccuracy: v?.accuracy ?? null, seconds: (performance.now() - started) / 1000, memory: memory(),
        };
        if (event.validAccuracy !== null && event.validAccuracy > bestAccuracy) {
          bestAccuracy = event.validAccuracy;
          bestEpoch = epoch;
        }
        epochs.push(event);
        const recorded = { ...event, size, stage: perEpoch[epoch].stage };
        await recorder.recordEpoch(recorded);
        post({ type: 'trainEpoch', epoch: recorded });
        post({ type: 'memory', memory: event.memory });
      }
    } finally {
      optimizer.dispose();
    }

    const trained = epochs.length > 0;
    session.adopt(classifier, loaded.preprocessing, {
      ...session.info,
      pretrained: loaded.pretrained,
      weightsNote: loaded.weightsNote,
      params: loaded.backbone.countParams(),
      classNames: split.classNames,
      headTrained: trained,
      preprocessing: loaded.preprocessing,
      inputSize: size,
    });
    classifier = null;
    post({ type: 'modelReady', requestId: null, model: session.info! });
    // The Evaluate step's per-image results, as after a full run (inference on the current backend).
    const target = { modelId: session.modelId, classNames: split.classNames, valid: split.valid, size, batchSize };
    if (trained) await evaluateAfterRun(session, target, recipe.tta ?? false, post);
    await recorder.finish(control.stopped ? 'stopped' : 'done', { keptEpoch: trained ? epochs[epochs.length - 1].epoch : null });
    post({ type: 'trainDone', stopped: control.stopped, bestEpoch });
  } catch (e) {
    await recorder.finish('error', { message: e instanceof Error ? e.message : String(e) }).catch(() => undefined);
    throw e;
  } finally {
    classifier?.model.dispose();
  }
}
