// The user's training recipe (fastai names) and how it turns into a plan of epochs: which phase, which
// image size and which progressive-resizing stage each epoch belongs to. Pure, so the UI can show the
// plan before training and the worker runs exactly that plan.

import { AUG_ALL_ON, type AugToggles } from './augToggles';
import { FINE_TUNE_DEFAULTS } from './fineTune';
import { DEFAULT_SCHEDULE, parseSchedule, resolveSchedule, type ResolvedStage } from './schedule';
import type { PhaseName } from './events';
import { scratchStages } from './scratch';
import { FAST_VIEWS, type TrainMode } from './trainMode';

export interface TrainRecipe {
  /** progressive resizing stages, e.g. `64x2,128x1` (`?` epochs resolved from the dataset size) */
  schedule: string;
  batchSize: number;
  /** fine_tune `epochs` (unfrozen); null: the schedule's epochs minus freeze_epochs */
  epochs: number | null;
  freezeEpochs: number;
  baseLr: number;
  /** fastai aug_transforms on the training batches, one switch per transform */
  augment: AugToggles;
  /** full fine_tune, or the fast mode that trains the head on cached backbone features (trainMode.ts) */
  mode: TrainMode;
  /** fast mode: augmented views of each training image whose features are cached (view 0 unaugmented) */
  views: number;
  labelSmoothing: number;
  /** shuffling, augmentation and the head's (and a random backbone's) initialisation */
  seed: number;
  /** also evaluate with test-time augmentation when the run ends (the Evaluate step's option) */
  tta?: boolean;
  /**
   * The backbone starts from random weights: the unfrozen phase is fit_one_cycle over every layer and '?'
   * epochs give enough weight updates (scratch.ts). Absent (older runs): false.
   */
  scratch?: boolean;
}

export const RECIPE_DEFAULTS: TrainRecipe = {
  schedule: DEFAULT_SCHEDULE,
  batchSize: 16,
  epochs: null,
  freezeEpochs: FINE_TUNE_DEFAULTS.freezeEpochs,
  baseLr: FINE_TUNE_DEFAULTS.baseLr,
  augment: { ...AUG_ALL_ON },
  mode: 'full',
  views: FAST_VIEWS.default,
  labelSmoothing: 0,
  seed: 42,
};

export interface PlannedEpoch {
  phase: PhaseName;
  /** square image side in pixels */
  size: number;
  /** 0-based index into `stages` */
  stage: number;
}

export interface EpochPlan {
  stages: ResolvedStage[];
  /** fine_tune epochs after freezing */
  epochs: number;
  freezeEpochs: number;
  perEpoch: PlannedEpoch[];
  warnings: string[];
}

/**
 * Epochs of a fine_tune run laid over the schedule: freeze_epochs frozen epochs first, then the unfrozen
 * ones; epoch i trains at the size of the schedule stage that covers it (from scratch, '?' stages get
 * `scratchStages`' epochs), and epochs past the schedule's
 * end stay at the last size. Throws ScheduleError / RangeError with a message meant for the user.
 */
export function planEpochs(
  recipe: Pick<TrainRecipe, 'schedule' | 'epochs' | 'freezeEpochs'> & Partial<Pick<TrainRecipe, 'scratch' | 'batchSize'>>,
  trainImages: number,
): EpochPlan {
  const parsed = parseSchedule(recipe.schedule);
  const stages = recipe.scratch ? scratchStages(parsed.stages, trainImages, recipe.batchSize ?? RECIPE_DEFAULTS.batchSize) : parsed.stages;
  const resolved = resolveSchedule(stages, { datasetSize: Math.max(1, trainImages) });
  const scheduleEpochs = resolved.stages.reduce((n, s) => n + s.epochs, 0);
  if (!Number.isInteger(recipe.freezeEpochs) || recipe.freezeEpochs < 0) throw new RangeError('freeze_epochs must be a whole number ≥ 0.');
  const epochs = recipe.epochs ?? Math.max(1, scheduleEpochs - recipe.freezeEpochs);
  if (!Number.isInteger(epochs) || epochs < 1) throw new RangeError('epochs must be a whole number ≥ 1.');
  const perEpoch: PlannedEpoch[] = [];
  let stage = 0;
  let stageEnd = resolved.stages[0].epochs;
  for (let i = 0; i < recipe.freezeEpochs + epochs; i++) {
    while (i >= stageEnd && stage < resolved.stages.length - 1) stageEnd += resolved.stages[++stage].epochs;
    perEpoch.push({ phase: i < recipe.freezeEpochs ? 'frozen' : 'unfrozen', size: resolved.stages[stage].size, stage });
  }
  return { stages: resolved.stages, epochs, freezeEpochs: recipe.freezeEpochs, perEpoch, warnings: [...parsed.warnings, ...resolved.warnings] };
}

/**
 * Seconds left: the images still to see (training and validation), each costed at the current rate scaled
 * by pixel count, since a conv net's cost grows with the image area.
 */
export function etaSeconds(o: {
  plan: readonly PlannedEpoch[];
  epoch: number;
  /** training batches already done in `epoch` */
  batchesDone: number;
  batchSize: number;
  trainImages: number;
  validImages: number;
  /** measured at the current epoch's size */
  imagesPerSecond: number;
}): number | null {
  if (!(o.imagesPerSecond > 0) || o.epoch >= o.plan.length) return null;
  const size = o.plan[o.epoch].size;
  // Validation has no backward pass: about a third of a training image's cost.
  const work = (from: number, trainLeft: number, e: number) => ((trainLeft + o.validImages / 3) * (o.plan[e].size / size) ** 2) + from;
  let images = work(0, Math.max(0, o.trainImages - o.batchesDone * o.batchSize), o.epoch);
  for (let e = o.epoch + 1; e < o.plan.length; e++) images = work(images, o.trainImages, e);
  return images / o.imagesPerSecond;
}
