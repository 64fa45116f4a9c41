// The measurements, made with the app's own worker modules: the Keras-layout ResNet50 builder and the fastai
// head (classifier.ts), parameter groups, AdamW, augmentation + preprocessing (prepareInput) and the train
// step the fit loop runs; the forward pass is validation's evaluateBatch. Only the batches are synthetic.

import * as tf from '@tensorflow/tfjs';
import { fineTunePlan, phaseHyper, type FineTunePhase } from '../../src/shared/train/fineTune';
import { Rng } from '../../src/shared/synth/rng';
import { buildClassifier, type Classifier } from '../../src/worker/model/classifier';
import { preprocess, type Preprocessing } from '../../src/worker/model/preprocessing';
import { buildResNet50, type ResNetVariant } from '../../src/worker/model/resnet50';
import { AUGMENT_DEFAULTS } from '../../src/worker/train/augment';
import { prepareInput } from '../../src/worker/train/batches';
import { layerGroups, type ParamGroup } from '../../src/worker/train/layerGroups';
import { AdamW } from '../../src/worker/train/optimizer';
import { evaluateBatch, trainStep } from '../../src/worker/train/trainStep';
import { bufferTotals, resetBufferPeak } from './dawn';
import type { KernelTime, Measure, MemoryPeak, Phase, Profile } from './schema';

/** A randomly initialised backbone gets Keras' ResNet50 preprocessing, as the app gives it (session.ts). */
const PREPROCESSING: Preprocessing = 'caffe';

export interface Model {
  classifier: Classifier;
  groups: ParamGroup[];
  optimizer: AdamW;
}

export function buildModel(variant: ResNetVariant, classes: number): Model {
  const backbone = buildResNet50({ variant, seed: 1 });
  const classifier = buildClassifier(backbone, Array.from({ length: classes }, (_, i) => `class${i}`), { seed: 2 });
  const groups = layerGroups(classifier);
  const optimizer = new AdamW(groups);
  // as fit does: every slot exists from the start, so memory is what a whole run holds
  optimizer.initSlots();
  return { classifier, groups, optimizer };
}

interface HostBatch {
  pixels: Float32Array;
  labels: tf.Tensor2D;
}

/** Two batches of random 0..255 pixels kept on the CPU: every step uploads one, as the app uploads its images. */
function hostBatches(size: number, batch: number, classes: number): HostBatch[] {
  const rng = new Rng(size * 1000 + batch);
  return [0, 1].map((k) => {
    const pixels = new Float32Array(batch * size * size * 3);
    for (let i = 0; i < pixels.length; i++) pixels[i] = Math.floor(rng.next() * 256);
    const labels = tf.tidy(() => tf.oneHot(tf.tensor1d(Array.from({ length: batch }, (_, j) => (j + k) % classes), 'int32'), classes).toFloat() as tf.Tensor2D);
    return { pixels, labels };
  });
}

/** The work of one step, ending with the read-back the app waits for (loss, or validation's outputs). */
type Step = (b: HostBatch, step: number) => Promise<void>;

function makeStep(model: Model, phase: Phase, size: number, batch: number, augment: boolean): Step {
  const plan = fineTunePlan({ epochs: 1, freezeEpochs: 1 });
  const trainPhase: FineTunePhase = phase === 'frozen' ? plan[0] : plan[1];
  const shape: [number, number, number, number] = [batch, size, size, 3];
  if (phase === 'forward') {
    return async (b) => {
      const x = tf.tensor4d(b.pixels, shape);
      const input = preprocess(x, PREPROCESSING);
      x.dispose();
      try {
        await evaluateBatch(model.classifier, input, b.labels);
      } finally {
        input.dispose();
      }
    };
  }
  return async (b, step) => {
    const hyper = phaseHyper(trainPhase, model.groups.length, step % 100, 100);
    const x = tf.tensor4d(b.pixels, shape);
    const input = prepareInput(x, PREPROCESSING, augment ? AUGMENT_DEFAULTS : false, step);
    x.dispose();
    let loss: tf.Scalar;
    try {
      loss = trainStep({
        classifier: model.classifier, groups: model.groups, optimizer: model.optimizer, x: input, yOneHot: b.labels,
        frozen: phase === 'frozen', lrs: hyper.lrs, beta1: hyper.beta1,
      });
    } finally {
      input.dispose();
    }
    await loss.data();
    loss.dispose();
  };
}

interface WebGpuBackendLike {
  device?: { addEventListener?: (t: string, f: (e: { error?: { message?: string } }) => void) => void };
  bufferManager?: { freeBuffers: Map<string, { destroy(): void }[]>; numFreeBuffers: number; numBytesAllocated: number };
}

/**
 * Destroys tfjs' pooled free buffers, so each config's pool starts empty and its peak is its own. tfjs'
 * pool never shrinks by itself: buffers of one image size stay allocated when training moves to the next.
 */
export function releasePool(): void {
  const bm = (tf.backend() as unknown as WebGpuBackendLike).bufferManager;
  if (!bm) return;
  for (const list of bm.freeBuffers.values()) {
    for (const buffer of list.splice(0)) {
      bm.numBytesAllocated -= (buffer as unknown as { size: number }).size;
      buffer.destroy();
    }
  }
  bm.numFreeBuffers = 0;
}

const gpuErrors: string[] = [];

/** Collects Dawn's uncaptured errors (validation, out of memory): a step that "ran" with one is wrong. */
export function watchGpuErrors(): void {
  const device = (tf.backend() as unknown as WebGpuBackendLike).device;
  device?.addEventListener?.('uncapturederror', (e) => {
    if (gpuErrors.length < 20) gpuErrors.push(e.error?.message?.split('\n')[0] ?? 'unknown GPU error');
  });
}

function memoryNow(): { inUse: number; allocated: number; tensors: number } {
  const m = tf.memory() as tf.MemoryInfo & { numBytesInGPU?: number; numBytesAllocatedInGPU?: number };
  return { inUse: m.numBytesInGPU ?? 0, allocated: m.numBytesAllocatedInGPU ?? 0, tensors: m.numTensors };
}

const median = (v: number[]) => {
  const s = [...v].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

export interface MeasureOptions {
  steps: number;
  augment: boolean;
  classes: number;
  /** stop timing a config after this many seconds even if fewer steps ran (at least one timed step) */
  maxSeconds: number;
}

/** One config: a first step (compiles this shape's shaders), then `steps` timed ones. */
export async function measure(model: Model, phase: Phase, size: number, batch: number, o: MeasureOptions): Promise<Measure> {
  releasePool();
  resetBufferPeak();
  gpuErrors.length = 0;
  const result: Measure = { size, batch, phase, imagesPerSecond: null, medianMs: null, minMs: null, steps: 0, firstStepMs: null, compileMs: null, memory: null, gpuErrors: [] };
  const batches = hostBatches(size, batch, o.classes);
  let peakInUse = 0;
  try {
    const step = makeStep(model, phase, size, batch, o.augment);
    let t0 = performance.now();
    await step(batches[0], 0);
    result.firstStepMs = performance.now() - t0;
    peakInUse = memoryNow().inUse;
    const times: number[] = [];
    const started = performance.now();
    for (let s = 1; s <= o.steps; s++) {
      t0 = performance.now();
      await step(batches[s % 2], s);
      times.push(performance.now() - t0);
      peakInUse = Math.max(peakInUse, memoryNow().inUse);
      if ((performance.now() - started) / 1000 > o.maxSeconds) break;
    }
    result.steps = times.length;
    result.medianMs = median(times);
    result.minMs = Math.min(...times);
    result.imagesPerSecond = batch / (result.medianMs / 1000);
    result.compileMs = Math.max(0, result.firstStepMs - result.medianMs);
  } catch (e) {
    result.error = e instanceof Error ? e.message.split('\n')[0] : String(e);
  } finally {
    tf.dispose(batches.map((b) => b.labels));
  }
  const mem = memoryNow();
  const peak: MemoryPeak = { tfjsInUseBytes: peakInUse, tfjsAllocatedBytes: mem.allocated, dawnPeakBytes: bufferTotals().peak, numTensors: mem.tensors };
  result.memory = peak;
  result.gpuErrors = [...gpuErrors];
  if (gpuErrors.length > 0 && !result.error) {
    result.error = `GPU error: ${gpuErrors[0]}`;
    result.imagesPerSecond = null;
  }
  return result;
}

/** GPU time per kernel of one step (tf.profile with timestamp queries), largest first. */
export async function profileStep(model: Model, phase: Phase, size: number, batch: number, o: MeasureOptions): Promise<Profile> {
  const out: Profile = { size, batch, phase, kernelMs: 0, wallMs: 0, kernels: [] };
  const batches = hostBatches(size, batch, o.classes);
  try {
    const step = makeStep(model, phase, size, batch, o.augment);
    await step(batches[0], 0);
    const t0 = performance.now();
    const info = await tf.profile(() => step(batches[1], 1) as unknown as tf.TensorContainer);
    out.wallMs = performance.now() - t0;
    const byName = new Map<string, { ms: number; calls: number }>();
    for (const k of info.kernels) {
      const ms = typeof k.kernelTimeMs === 'number' ? k.kernelTimeMs : 0;
      const e = byName.get(k.name) ?? { ms: 0, calls: 0 };
      e.ms += ms;
      e.calls += 1;
      byName.set(k.name, e);
    }
    out.kernelMs = [...byName.values()].reduce((s, e) => s + e.ms, 0);
    const kernels: KernelTime[] = [...byName].map(([kernel, e]) => ({ kernel, ms: e.ms, calls: e.calls, share: out.kernelMs > 0 ? e.ms / out.kernelMs : 0 }));
    out.kernels = kernels.sort((a, b) => b.ms - a.ms).slice(0, 12);
  } catch (e) {
    out.error = e instanceof Error ? e.message.split('\n')[0] : String(e);
  } finally {
    tf.dispose(batches.map((b) => b.labels));
  }
  return out;
}
