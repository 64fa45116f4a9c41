import * as tf from '@tensorflow/tfjs';
import type { EvalItem, Evaluation } from '../../shared/eval/types';
import { originRunId } from '../../shared/modelOrigin';
import type { FromWorker } from '../../shared/protocol';
import { normalise } from '../preprocess/input';
import { predictWithFeatures } from '../predict/features';
import { buildNoveltyReference, noveltyOf } from '../../shared/novelty';
import { inBatches } from '../predict/inferenceBatches';
import { inferenceRecovery } from '../predict/inferenceRecovery';
import type { ModelSession } from '../session';
import type { Batch } from './batches';
import { storedBatchSource, type LabelledImage } from './storedDataset';

// Evaluation of a trained classifier on the split's validation images: one probability vector per image,
// handed to the UI, which computes every metric from them (src/shared/eval/metrics.ts). Out of memory and a
// lost GPU device are recovered as in Classify (inferenceBatches.ts).

/** What the last run was validated on, so "Evaluate with TTA" can predict the same images later. */
export interface EvalTarget {
  /** the session model the run made (ModelSession.modelId): a rebuild after a lost device keeps it */
  modelId: number;
  classNames: string[];
  valid: LabelledImage[];
  size: number;
  batchSize: number;
}

let lastTarget: EvalTarget | null = null;

/** The validation images of the last run, while the session still has the model that run trained. */
export function lastEvalTarget(session: ModelSession): EvalTarget | null {
  return lastTarget && session.current && session.modelId === lastTarget.modelId ? lastTarget : null;
}

/** What a pass over stored images is for: the validation images' predictions, or the training images' features. */
type Stage = 'predict' | 'reference';

/**
 * Predicts `images` (the target's validation images unless given) in batches; with each image's probabilities
 * come its features for the unfamiliar-image check (null when the classifier gives none).
 */
async function predictImages(
  session: ModelSession, target: EvalTarget, tta: boolean, requestId: number, post: (m: FromWorker) => void,
  valid: readonly LabelledImage[] = target.valid, stage: Stage = 'predict',
): Promise<{ items: EvalItem[]; features: (Float32Array | null)[] }> {
  const { classNames, size, batchSize } = target;
  const items: EvalItem[] = [];
  const features: (Float32Array | null)[] = [];
  const t0 = performance.now();
  post({ type: 'evaluationProgress', requestId, done: 0, total: valid.length, tta, etaSeconds: null, stage });
  // One reader of the stored images, decoding the next batch ahead; a batch size change or a retried batch
  // (out of memory, lost device) starts a new one at the first image not yet predicted.
  let reader: AsyncIterator<Batch> | null = null;
  let readerAt = -1;
  let readerSize = 0;
  const recovery = inferenceRecovery(session, 'evaluate', post, requestId, { faults: stage === 'predict' });
  try {
    await inBatches({
      total: valid.length,
      batchSize,
      ...recovery.hooks,
      run: async ({ start, end, size: bs }) => {
        if (!reader || readerAt !== start || readerSize !== bs) {
          await reader?.return?.();
          reader = storedBatchSource(valid.slice(start), { batchSize: bs, classes: classNames.length, sizeAt: () => size })(0)[Symbol.asyncIterator]();
          readerSize = bs;
        }
        const next = await reader.next();
        readerAt = end;
        if (next.done) throw new Error('internal: the validation images ran out');
        const batch = next.value;
        const current = session.current;
        let out: { probs: tf.Tensor2D; features: tf.Tensor2D | null } | null = null;
        try {
          if (!current || current.info.classNames.length !== classNames.length) throw new Error('The model changed during the evaluation.');
          const input = normalise(batch.x, current.preprocessing);
          try {
            out = predictWithFeatures(current.classifier, input, tta);
          } finally {
            input.dispose();
          }
          const values = await out.probs.array();
          const f = out.features ? await out.features.data() as Float32Array : null;
          const dims = out.features?.shape[1] ?? 0;
          values.forEach((row, j) => {
            const img = valid[start + j];
            items.push({ hash: img.hash, path: img.path, label: img.label, probs: row });
            features.push(f ? f.slice(j * dims, (j + 1) * dims) : null);
          });
        } finally {
          tf.dispose([batch.x, batch.y]);
          if (out) tf.dispose([out.probs, ...(out.features ? [out.features] : [])]);
        }
        const elapsed = (performance.now() - t0) / 1000;
        const left = valid.length - items.length;
        post({ type: 'evaluationProgress', requestId, done: items.length, total: valid.length, tta, etaSeconds: (elapsed / items.length) * left, stage });
      },
    });
  } finally {
    recovery.dispose();
    await (reader as AsyncIterator<Batch> | null)?.return?.();
  }
  return { items, features };
}

/** The reference is computed from at most this many training images, spread evenly over the stored order. */
const REFERENCE_IMAGES = 2000;

/** Every k-th image so that at most `max` remain: each class keeps about its share. */
function spreadSample<T>(images: readonly T[], max: number): T[] {
  if (images.length <= max) return [...images];
  const step = images.length / max;
  return Array.from({ length: max }, (_, i) => images[Math.floor(i * step)]);
}

/**
 * After a run: the training images' features for the unfamiliar-image check (src/shared/novelty.ts), kept by
 * the session (and so by an exported bundle). A failure only leaves the check off, with a notice.
 */
export async function prepareNovelty(
  session: ModelSession, target: EvalTarget, train: readonly LabelledImage[], requestId: number, post: (m: FromWorker) => void,
): Promise<void> {
  if (!train.length || !session.current || session.modelId !== target.modelId) return;
  try {
    const { items, features } = await predictImages(session, target, false, requestId, post, spreadSample(train, REFERENCE_IMAGES), 'reference');
    if (features.some((f) => f === null) || session.modelId !== target.modelId) return;
    const dims = features[0]!.length;
    const all = new Float32Array(features.length * dims);
    features.forEach((f, i) => all.set(f!, i * dims));
    session.novelty = buildNoveltyReference(all, dims, items.map((it) => it.label), target.classNames.length, target.size);
  } catch (e) {
    post({ type: 'inferenceNotice', job: 'evaluate', requestId, message: `The unfamiliar-image check could not be prepared, so Classify will not flag images unlike the training images: ${e instanceof Error ? e.message : String(e)}` });
  }
}

/** Said in Evaluate when the split kept no image aside: why, and the two ways to a measured model. */
export const NO_VALIDATION = 'The split has no validation images, so the model cannot be measured on images it never saw. '
  + 'Raise the validation share in the Data step, or add images: a class whose images are all near-duplicates of each other '
  + '(shifted or repeated shots of one field) keeps them together on the training side. Or classify a labelled folder of other '
  + 'images (one subfolder per class) in Classify: it measures the model there.';

/**
 * Predicts the target's validation images (and, with tta, again under the 8 flips/rotations) and posts
 * an `evaluation` event for the request (requestId). Remembers the target for later on-demand evaluations.
 */
async function evaluateTarget(session: ModelSession, target: EvalTarget, tta: boolean, requestId: number, post: (m: FromWorker) => void): Promise<void> {
  lastTarget = target;
  if (target.valid.length === 0) {
    post({ type: 'evaluationError', requestId, message: NO_VALIDATION });
    return;
  }
  const { items, features } = await predictImages(session, target, false, requestId, post);
  const ttaItems = tta ? (await predictImages(session, target, true, requestId, post)).items : null;
  // How far each validation image lies from the training images' classes: the check's false alarms.
  const ref = session.novelty;
  if (ref) features.forEach((f, i) => {
    if (f) items[i].distance = noveltyOf(f, ref).distance;
  });
  const evaluation: Evaluation = {
    runId: originRunId(session.info?.origin), classNames: [...target.classNames], split: 'valid', size: target.size, items, ttaItems, createdAt: Date.now(),
    novelty: ref ? { threshold: ref.threshold, images: ref.images } : null,
  };
  post({ type: 'evaluation', requestId, evaluation });
}

/** The `evaluate` request: the last run's validation images, with the model that run trained. */
export async function evaluateLastRun(session: ModelSession, tta: boolean, requestId: number, post: (m: FromWorker) => void): Promise<void> {
  if (!lastTarget || !session.current || session.modelId !== lastTarget.modelId) {
    post({ type: 'evaluationError', requestId, message: 'No trained model to evaluate: train one in the Train step first.' });
    return;
  }
  try {
    await evaluateTarget(session, lastTarget, tta, requestId, post);
  } catch (e) {
    post({ type: 'evaluationError', requestId, message: e instanceof Error ? e.message : String(e) });
  }
}

/** After a training run: evaluation failures are reported as such and never fail the run itself. */
export async function evaluateAfterRun(session: ModelSession, target: EvalTarget, tta: boolean, requestId: number, post: (m: FromWorker) => void): Promise<void> {
  try {
    await evaluateTarget(session, target, tta, requestId, post);
  } catch (e) {
    post({ type: 'evaluationError', requestId, message: e instanceof Error ? e.message : String(e) });
  }
}
