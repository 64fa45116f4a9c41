import * as tf from '@tensorflow/tfjs';
import {
  LR_FIND_DEFAULTS,
  LossSmoother,
  lossDiverged,
  lrFinderLr,
  suggestValley,
  type LrSuggestion,
} from '../../shared/train/lrSuggest';
import type { Classifier } from '../model/classifier';
import type { Preprocessing } from '../model/preprocessing';
import { prepareInput, type BatchSource } from './batches';
import type { ParamGroup } from './layerGroups';
import type { AdamW } from './optimizer';
import { trainStep } from './trainStep';

export interface LrFindOptions {
  classifier: Classifier;
  groups: readonly ParamGroup[];
  optimizer: AdamW;
  preprocessing: Preprocessing;
  /** run again from epoch 1, 2… when an epoch has fewer than numIt batches */
  batches: BatchSource;
  /** lr_find on the frozen model (before fine_tune) or on the whole one (after unfreeze) */
  frozen: boolean;
  startLr?: number;
  endLr?: number;
  numIt?: number;
  /** stop once the smoothed loss exceeds 4× the best (fastai stop_div) */
  stopDiv?: boolean;
  /** called after every step, for a live plot */
  onStep?: (e: { iteration: number; lr: number; loss: number }) => void;
  /** checked between steps; the weights are restored either way */
  signal?: { readonly aborted: boolean };
}

export interface LrFindResult {
  lrs: number[];
  /** smoothed (fastai AvgSmoothLoss, debiased), as fastai plots them */
  losses: number[];
  suggestion: LrSuggestion | null;
}

/** Copies of every weight (BN moving statistics included): what lr_find must put back. */
function snapshotWeights(classifier: Classifier): { variable: tf.LayerVariable; value: tf.Tensor }[] {
  return classifier.model.weights.map((variable) => ({ variable, value: variable.read().clone() }));
}

/**
 * fastai `lr_find`: trains with an exponentially growing lr (the same for every group, as fastai) and
 * records the smoothed loss, stopping early when it diverges. Afterwards the weights, BN statistics and
 * optimizer state are exactly what they were. No augmentation: the finder wants the loss of the data.
 */
export async function lrFind(o: LrFindOptions): Promise<LrFindResult> {
  const startLr = o.startLr ?? LR_FIND_DEFAULTS.startLr;
  const endLr = o.endLr ?? LR_FIND_DEFAULTS.endLr;
  const numIt = o.numIt ?? LR_FIND_DEFAULTS.numIt;
  const weights = snapshotWeights(o.classifier);
  const optState = o.optimizer.getState();
  const smoother = new LossSmoother();
  const lrs: number[] = [];
  const losses: number[] = [];
  let best = Infinity;
  try {
    let epoch = 0;
    let done = false;
    while (!done) {
      let sawBatch = false;
      for await (const batch of o.batches(epoch)) {
        sawBatch = true;
        try {
          const i = lrs.length;
          const lr = lrFinderLr(i, numIt, startLr, endLr);
          const input = prepareInput(batch.x, o.preprocessing, false, 0);
          let loss: tf.Scalar;
          try {
            loss = trainStep({
              classifier: o.classifier, groups: o.groups, optimizer: o.optimizer, x: input, yOneHot: batch.y,
              frozen: o.frozen, lrs: o.groups.map(() => lr),
            });
          } finally {
            input.dispose();
          }
          const raw = (await loss.data())[0];
          loss.dispose();
          const smooth = smoother.add(raw);
          lrs.push(lr);
          losses.push(smooth);
          o.onStep?.({ iteration: i, lr, loss: smooth });
          if (i === 0 || smooth < best) best = smooth;
          done = ((o.stopDiv ?? true) && lossDiverged(smooth, best)) || lrs.length >= numIt || (o.signal?.aborted ?? false);
        } finally {
          tf.dispose([batch.x, batch.y]);
        }
        // leaving the loop calls the source's return(): it must not have made the next batch yet
        if (done) break;
      }
      if (!sawBatch) throw new Error('lr_find got an empty batch source.');
      epoch += 1;
    }
  } finally {
    for (const { variable, value } of weights) variable.write(value);
    tf.dispose(weights.map((w) => w.value));
    await o.optimizer.setState(optState);
    tf.dispose(optState.map((s) => s.tensor));
  }
  return { lrs, losses, suggestion: suggestValley(lrs, losses, { numIt }) };
}
