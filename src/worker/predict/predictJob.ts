// Classifying many files: decoding runs ahead of inference (the browser decodes in native threads while the
// model predicts the current batch), predictions run in batches, and each batch's results go to the UI at
// once. A bad file becomes a result with a reason; it never stops the job.
import * as tf from '@tensorflow/tfjs';
import type { PredictItem, PredictOptions, PredictResult } from '../../shared/predict';
import type { FromWorker } from '../../shared/protocol';
import { preprocess } from '../model/preprocessing';
import type { ModelSession } from '../session';
import { prepareInput, UnusableImage, type PreparedInput } from './prepareInput';
import { predictProbs } from './tta';

const TIFF_NAME = /\.tiff?$/i;

type Decoded = { ok: true; input: PreparedInput } | { ok: false; reason: string };

function decode(item: PredictItem, o: PredictOptions): Promise<Decoded> {
  return prepareInput(item.file, { cropDataBar: o.cropDataBar, thumbForTiff: TIFF_NAME.test(item.name) }).then(
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

export function topK(probs: ArrayLike<number>, classNames: readonly string[], k: number): { label: string; probability: number }[] {
  return Array.from(probs, (p, i) => ({ label: classNames[i], probability: p }))
    .sort((a, b) => b.probability - a.probability)
    .slice(0, k);
}

export async function runPredictJob(
  requestId: number,
  items: readonly PredictItem[],
  options: PredictOptions,
  session: ModelSession,
  post: (msg: FromWorker) => void,
  isCancelled: () => boolean,
): Promise<void> {
  const { classifier, preprocessing, inputSize } = session.predictor();
  const batch = predictBatchSize(options.tta);
  const ahead = batch * 2;
  const pending: (Promise<Decoded> | undefined)[] = [];
  let started = 0;
  const startUpTo = (n: number) => {
    for (; started < Math.min(n, items.length); started++) pending[started] = decode(items[started], options);
  };

  let cancelled = false;
  for (let s = 0; s < items.length; s += batch) {
    if (isCancelled()) {
      cancelled = true;
      break;
    }
    const end = Math.min(items.length, s + batch);
    startUpTo(end + ahead);
    const decoded = await Promise.all(pending.slice(s, end) as Promise<Decoded>[]);
    for (let i = s; i < end; i++) pending[i] = undefined; // let the pixels go
    const results: PredictResult[] = decoded.map((d, j) => ({
      id: items[s + j].id,
      top: [],
      probs: null,
      error: d.ok ? null : d.reason,
      dataBarCropped: d.ok && d.input.dataBarCropped,
      thumb: d.ok ? d.input.thumb : null,
    }));
    const good = decoded.flatMap((d, j) => (d.ok ? [{ j, square: d.input.square }] : []));
    if (good.length) {
      try {
        const out = tf.tidy(() => {
          const x = tf.stack(good.map((g) => tf.image.resizeBilinear(tf.browser.fromPixels(g.square, 3).toFloat(), [inputSize, inputSize], true))) as tf.Tensor4D;
          return predictProbs(classifier.model, preprocess(x, preprocessing), options.tta);
        });
        const values = await out.data();
        out.dispose();
        const classes = classifier.classNames.length;
        good.forEach((g, n) => {
          const probs = Array.from(values.subarray(n * classes, (n + 1) * classes));
          results[g.j].probs = probs;
          results[g.j].top = topK(probs, classifier.classNames, options.topK);
        });
      } catch (err) {
        const reason = `prediction failed: ${err instanceof Error ? err.message : String(err)}`;
        for (const g of good) results[g.j].error = reason;
      }
    }
    post({ type: 'predictResults', requestId, results, classNames: classifier.classNames });
  }
  post({ type: 'predictDone', requestId, cancelled });
}
