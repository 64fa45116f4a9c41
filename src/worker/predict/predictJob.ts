// Classifying many files: decoding runs ahead of inference (the browser decodes in native threads while the
// model predicts the current batch), predictions run in batches, and each batch's results go to the UI at
// once. A bad file becomes a result with a reason; it never stops the job. Out of memory and a lost GPU
// device are recovered (inferenceBatches.ts) with a notice, and the results stay those of an uninterrupted run.
import * as tf from '@tensorflow/tfjs';
import type { PredictItem, PredictOptions, PredictResult } from '../../shared/predict';
import type { FromWorker } from '../../shared/protocol';
import type { ModelSession } from '../session';
import { isDeviceLost, isOutOfMemory } from '../../shared/train/faults';
import { inBatches } from './inferenceBatches';
import { inferenceRecovery } from './inferenceRecovery';
import { inputSquare, UnusableImage, type InputSquare } from '../preprocess/decode';
import { modelInput } from '../preprocess/input';
import { storedInput } from './storedInput';
import { predictWithFeatures } from './features';
import { topK } from '../../shared/predict';
import { noveltyOf } from '../../shared/novelty';

const TIFF_NAME = /\.tiff?$/i;

type Decoded = { ok: true; input: InputSquare } | { ok: false; reason: string };

// Browsers cannot show TIFF: those rows get a thumbnail made here. A stored dataset image (the review
// queue) is read back exactly as training reads it.
function decode(item: PredictItem, cropDataBar: boolean): Promise<Decoded> {
  const input = item.stored
    ? storedInput(item.stored)
    : item.file
      ? inputSquare(item.file, cropDataBar, TIFF_NAME.test(item.name), item.sidecar)
      : Promise.reject(new UnusableImage('no image given'));
  return input.then(
    (input) => ({ ok: true, input }),
    (err: unknown) => ({
      ok: false,
      reason: err instanceof UnusableImage ? err.message : `cannot be read: ${err instanceof Error ? err.message : String(err)}`,
    }),
  );
}

/** Batch size: bigger batches use a GPU better; with TTA each image costs 8 predictions already. */
export function predictBatchSize(tta: boolean): number {
  return tta ? 4 : 8;
}

export async function runPredictJob(
  requestId: number,
  items: readonly PredictItem[],
  options: PredictOptions,
  session: ModelSession,
  post: (msg: FromWorker) => void,
  isCancelled: () => boolean,
): Promise<void> {
  session.predictor(); // no model: fail before anything is decoded
  const batch = predictBatchSize(options.tta);
  const ahead = batch * 2;
  // A model that knows how it was trained (a bundle, a run here) is fed its own crop, whatever the toggle says.
  const cropDataBar = session.dataBarCrop ?? options.cropDataBar;
  const pending: (Promise<Decoded> | undefined)[] = [];
  let started = 0;
  const startUpTo = (n: number) => {
    for (; started < Math.min(n, items.length); started++) pending[started] = decode(items[started], cropDataBar);
  };
  const recovery = inferenceRecovery(session, 'predict', post, requestId);

  const { cancelled } = await inBatches({
    total: items.length,
    batchSize: batch,
    isCancelled,
    ...recovery.hooks,
    run: async ({ start: s, end }) => {
      startUpTo(end + ahead);
      // Kept until the batch succeeds: a retried batch (out of memory, lost device) decodes nothing again.
      const decoded = await Promise.all(pending.slice(s, end) as Promise<Decoded>[]);
      const results: PredictResult[] = decoded.map((d, j) => ({
        id: items[s + j].id,
        top: [],
        probs: null,
        error: d.ok ? null : d.reason,
        dataBarCropped: d.ok && d.input.dataBarCropped,
        thumb: d.ok ? d.input.thumb : null,
        instrument: d.ok ? d.input.instrument : null,
      }));
      const good = decoded.flatMap((d, j) => (d.ok ? [{ j, input: d.input }] : []));
      // The classifier of this attempt: after a lost device it is the rebuilt one.
      const { classifier, preprocessing, inputSize } = session.predictor();
      if (good.length) {
        try {
          const ref = session.novelty;
          const x = modelInput(good.map((g) => g.input.square), inputSize, preprocessing);
          let out: ReturnType<typeof predictWithFeatures>;
          try {
            out = predictWithFeatures(classifier, x, options.tta);
          } finally {
            x.dispose();
          }
          let values: Float32Array;
          let features: Float32Array | null;
          try {
            values = await out.probs.data() as Float32Array;
            features = ref && out.features?.shape[1] === ref.dims ? await out.features.data() as Float32Array : null;
          } finally {
            tf.dispose([out.probs, ...(out.features ? [out.features] : [])]);
          }
          const classes = classifier.classNames.length;
          good.forEach((g, n) => {
            const probs = Array.from(values.subarray(n * classes, (n + 1) * classes));
            results[g.j].probs = probs;
            results[g.j].top = topK(probs, classifier.classNames, options.topK);
            if (ref && features) {
              const v = noveltyOf(features.subarray(n * ref.dims, (n + 1) * ref.dims), ref);
              results[g.j].novelty = { distance: v.distance, threshold: v.threshold, nearest: classifier.classNames[v.nearest], unfamiliar: v.unfamiliar };
            }
          });
        } catch (err) {
          if (isOutOfMemory(err) || isDeviceLost(err)) throw err; // inBatches recovers and runs the batch again
          const reason = `prediction failed: ${err instanceof Error ? err.message : String(err)}`;
          for (const g of good) results[g.j].error = reason;
        }
      }
      for (let i = s; i < end; i++) pending[i] = undefined; // let the pixels go
      post({ type: 'predictResults', requestId, results, classNames: classifier.classNames });
    },
  }).finally(recovery.dispose);
  post({ type: 'predictDone', requestId, cancelled });
}
