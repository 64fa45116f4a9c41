// The recipe a run gets: what the user (or the link) chose, and for everything else the defaults for this
// device and backbone. Pure, so the Train step shows exactly the recipe the worker will run.

import type { BackendInfo } from '../protocol';
import type { TrainRecipe } from './recipe';
import { SCRATCH } from './scratch';
import { defaultFreezeEpochs, defaultMode } from './trainMode';

/** The recipe fields whose default depends on the device or on the backbone's weights. */
export type DefaultedField = 'mode' | 'freezeEpochs' | 'schedule' | 'batchSize' | 'baseLr';
export const DEFAULTED_FIELDS: readonly DefaultedField[] = ['mode', 'freezeEpochs', 'schedule', 'batchSize', 'baseLr'];

/**
 * `form` with each field the user did not choose set to its default: the mode follows the backend and the
 * weights (trainMode.ts); without pretrained weights, no frozen epochs and the from-scratch schedule, batch
 * size and lr (scratch.ts), and the run is marked `scratch` (fit_one_cycle over every layer).
 */
export function effectiveRecipe(
  form: TrainRecipe,
  chosen: ReadonlySet<DefaultedField>,
  ctx: { backend: Pick<BackendInfo, 'backend' | 'software'> | null; pretrained: boolean },
): TrainRecipe {
  const pick = <K extends DefaultedField>(k: K, def: TrainRecipe[K]): TrainRecipe[K] => (chosen.has(k) ? form[k] : def);
  const scratch = !ctx.pretrained;
  return {
    ...form,
    mode: pick('mode', defaultMode(ctx.backend, ctx.pretrained)),
    freezeEpochs: pick('freezeEpochs', defaultFreezeEpochs(ctx.pretrained, form.freezeEpochs)),
    schedule: pick('schedule', scratch ? SCRATCH.schedule : form.schedule),
    batchSize: pick('batchSize', scratch ? SCRATCH.batchSize : form.batchSize),
    baseLr: pick('baseLr', scratch ? SCRATCH.baseLr : form.baseLr),
    scratch,
  };
}

/** The fields `next` changes from `shown` (the recipe on screen): from then on the user's, not defaults. */
export function changedFields(shown: TrainRecipe, next: TrainRecipe): DefaultedField[] {
  return DEFAULTED_FIELDS.filter((k) => !Object.is(shown[k], next[k]));
}
