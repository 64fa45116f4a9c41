import type { FromWorker } from '../../shared/protocol';
import { LR_FIND_DEFAULTS } from '../../shared/train/lrSuggest';
import { planEpochs, type TrainRecipe } from '../../shared/train/recipe';
import { buildClassifier } from '../model/classifier';
import type { ModelSession } from '../session';
import { layerGroups } from './layerGroups';
import { lrFind } from './lrFind';
import { AdamW } from './optimizer';
import { loadStoredSplit, storedBatchSource } from './storedDataset';

/**
 * fastai `learn.lr_find()` before `fine_tune`: a fresh head on the loaded backbone, body frozen (so it runs
 * on any backend, wasm included: only the head gets gradients), 1e-7 → 10 over 100 batches, stopping once
 * the loss passes 4× its best. Trains at the size the head first trains at: the schedule's first size in
 * full mode, its last in fast mode. The throwaway model is disposed; the session's model is untouched.
 */
export async function runLrFind(
  session: ModelSession,
  requestId: number,
  dataset: string,
  recipe: TrainRecipe,
  signal: { readonly aborted: boolean },
  post: (m: FromWorker) => void,
): Promise<void> {
  const split = await loadStoredSplit(dataset);
  const plan = planEpochs(recipe, split.train.length);
  const size = recipe.mode === 'fast' ? plan.perEpoch[plan.perEpoch.length - 1].size : plan.perEpoch[0].size;
  const batchSize = Math.max(1, Math.min(recipe.batchSize, split.train.length));
  const loaded = await session.freshBackbone(recipe.seed);
  const classifier = buildClassifier(loaded.backbone, split.classNames, { seed: recipe.seed + 1 });
  const groups = layerGroups(classifier);
  const optimizer = new AdamW(groups);
  const numIt = LR_FIND_DEFAULTS.numIt;
  try {
    const result = await lrFind({
      classifier, groups, optimizer, preprocessing: loaded.preprocessing, frozen: true, numIt,
      batches: storedBatchSource(split.train, {
        batchSize, classes: split.classNames.length, sizeAt: () => size, shuffleSeed: recipe.seed, dropLast: true,
      }),
      signal,
      onStep: (e) => post({ type: 'lrFindProgress', requestId, iteration: e.iteration, total: numIt, lr: e.lr, loss: e.loss }),
    });
    post({ type: 'lrFindDone', requestId, lrs: result.lrs, losses: result.losses, suggestion: result.suggestion, cancelled: signal.aborted });
  } finally {
    optimizer.dispose();
    classifier.model.dispose();
  }
}
