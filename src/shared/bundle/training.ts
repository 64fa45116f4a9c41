// bundle.json's `training` and `metrics` for a model trained here, written from the worker's model origin
// (src/shared/modelOrigin.ts): the recipe, plan and history of the run that made the loaded weights, and the
// kept epoch's numbers; never the UI's store (which may show another run).
import { scheduleOf, sizeRuns, type TrainedOrigin } from '../modelOrigin';
import type { BundleMetrics, BundleTraining } from './format';

/**
 * The recipe as flat fastai-named values, as the run resolved it: `schedule` is the plan actually laid out
 * (`?` epochs resolved; fast mode: all epochs at its one size), `epochs` the number it planned (fine_tune's
 * unfrozen epochs; fast mode: fit_one_cycle's), option sets (augmentation) the list of what was on.
 * Settings that did not apply to the run's mode are left out.
 */
export function flatRecipe(o: Pick<TrainedOrigin, 'recipe' | 'planned'>): BundleTraining['recipe'] {
  const fast = o.recipe.mode === 'fast';
  const planned = o.planned.reduce((n, r) => n + r.epochs, 0);
  const resolved = { ...o.recipe, schedule: scheduleOf(o.planned), epochs: fast ? planned : planned - o.recipe.freezeEpochs };
  const out: BundleTraining['recipe'] = {};
  for (const [k, v] of Object.entries(resolved)) {
    if (v === undefined || (fast && k === 'freezeEpochs') || (!fast && k === 'views')) continue;
    if (v !== null && typeof v === 'object') {
      out[k] = Object.entries(v as object).filter(([, on]) => on === true).map(([name]) => name).join(',') || 'none';
    } else out[k] = v as string | number | boolean | null;
  }
  return out;
}

/** bundle.json's `training` for the model a run here trained. */
export function bundleTrainingOf(o: TrainedOrigin): BundleTraining {
  return {
    recipe: flatRecipe(o),
    trainImages: o.trainImages,
    validImages: o.validImages,
    stopped: o.stopped,
    epochs: o.epochs.map((e) => ({ ...e })),
    keptEpoch: o.keptEpoch,
    runId: o.runId,
    sizesRun: sizeRuns(o.epochs.map((e) => e.size)),
    plannedEpochs: o.planned.reduce((n, r) => n + r.epochs, 0),
  };
}

/** bundle.json's `metrics`: the kept epoch's accuracy, with the Evaluate step's per-class numbers when it evaluated this model. */
export function bundleMetricsOf(o: TrainedOrigin, perClass?: BundleMetrics['perClass']): BundleMetrics {
  return { validAccuracy: o.metrics.validAccuracy, ...(perClass?.length ? { perClass } : {}) };
}
