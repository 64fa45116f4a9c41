import * as tf from '@tensorflow/tfjs';
import { fineTunePlan } from '../../shared/train/fineTune';
import { buildClassifier, type Classifier } from '../model/classifier';
import type { Preprocessing } from '../model/preprocessing';
import { preprocess } from '../model/preprocessing';
import type { FromWorker } from '../../shared/protocol';
import { initBackend } from '../backends';
import type { ModelSession } from '../session';
import type { BatchSource } from '../train/batches';
import { fit } from '../train/fit';
import { classifierLogits } from '../train/headFeatures';
import { crossEntropy } from '../train/loss';

// npm run bench: training throughput of the app's own loop (fit: batch source, preprocessing, one-cycle
// hyper-parameters per group, AdamW, loss read back, progress event) against the bare tfjs way
// (`optimizer.minimize` with tf.train.adam), on the same preloaded batches, model and backend. The ratio
// shows what the app's loop costs on top of the network itself.

export type BenchTrainMode = 'loop' | 'bare';

const CLASSES = 10;
let cached: { classifier: Classifier; preprocessing: Preprocessing } | null = null;

async function benchClassifier(session: ModelSession): Promise<{ classifier: Classifier; preprocessing: Preprocessing }> {
  if (!cached) {
    const loaded = await session.freshBackbone(1);
    const names = Array.from({ length: CLASSES }, (_, i) => `class${i}`);
    cached = { classifier: buildClassifier(loaded.backbone, names, { seed: 2 }), preprocessing: loaded.preprocessing };
  }
  return cached;
}

/** `count` fixed batches of random 0..255 images with labels, the same for every call with the same arguments. */
function makeBatches(count: number, batch: number, size: number): { x: tf.Tensor4D; y: tf.Tensor2D }[] {
  return Array.from({ length: count }, (_, i) => tf.tidy(() => ({
    x: tf.randomUniform([batch, size, size, 3], 0, 255, 'float32', 1000 + i) as tf.Tensor4D,
    y: tf.oneHot(tf.tensor1d(Array.from({ length: batch }, (_, j) => (i * batch + j) % CLASSES), 'int32'), CLASSES).toFloat() as tf.Tensor2D,
  })));
}

/**
 * Wall time of each of `steps` training steps (after one untimed step that compiles the kernels), body
 * unfrozen, no augmentation (identical input on both sides).
 */
export async function benchTrain(
  session: ModelSession,
  o: { mode: BenchTrainMode; size: number; batch: number; steps: number },
  post: (m: FromWorker) => void,
): Promise<number[]> {
  // As a training run does (trainJob): wasm has no convolution gradients, so the automatic choice for
  // training takes over.
  if (tf.getBackend() === 'wasm') {
    disposeBenchTrain();
    const info = await initBackend(null, 'training');
    post({ type: 'backend', info: { ...info, reason: `training: ${info.reason}` } });
  }
  const { classifier, preprocessing } = await benchClassifier(session);
  const batches = makeBatches(Math.min(o.steps, 4), o.batch, o.size);
  const times: number[] = [];
  try {
    if (o.mode === 'loop') {
      const source = (n: number): BatchSource => () => ({
        async *[Symbol.asyncIterator]() {
          for (let s = 0; s < n; s++) {
            const b = batches[s % batches.length];
            yield { x: tf.clone(b.x), y: tf.clone(b.y) };
          }
        },
      });
      const run = async (n: number, record: boolean) => {
        let last = performance.now();
        await fit({
          classifier, preprocessing, train: source(n), stepsPerEpoch: n, augment: false, seed: 1,
          plan: fineTunePlan({ freezeEpochs: 0, epochs: 1 }),
          onBatch: () => {
            const now = performance.now();
            if (record) times.push(now - last);
            last = now;
          },
        });
      };
      await run(1, false);
      await run(o.steps, true);
    } else {
      const optimizer = tf.train.adam(1e-4);
      const step = async (b: { x: tf.Tensor4D; y: tf.Tensor2D }) => {
        const loss = optimizer.minimize(() => {
          const input = preprocess(b.x, preprocessing);
          return crossEntropy(classifierLogits(classifier, input, true), b.y);
        }, true);
        await loss!.data();
        loss!.dispose();
      };
      try {
        await step(batches[0]);
        for (let s = 0; s < o.steps; s++) {
          const t0 = performance.now();
          await step(batches[s % batches.length]);
          times.push(performance.now() - t0);
        }
      } finally {
        optimizer.dispose();
      }
    }
    return times;
  } finally {
    tf.dispose(batches.flatMap((b) => [b.x, b.y]));
  }
}

/** Frees the benchmark's classifier (a backbone switch or a new benchmark page). */
export function disposeBenchTrain(): void {
  cached?.classifier.model.dispose();
  cached = null;
}
