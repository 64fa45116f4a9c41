// Progressive resizing ("64x2,128x1,224x?"): train at small sizes first, where a step is cheap, then at the
// final size. Sizes and epochs per stage; '?' leaves the epoch count to `resolveSchedule`.

export interface ScheduleStage {
  /** square image side in pixels */
  size: number;
  /** null: to be chosen by `resolveSchedule` */
  epochs: number | null;
}

export interface ResolvedStage {
  size: number;
  epochs: number;
}

export const MIN_SIZE = 16;
export const MAX_SIZE = 1024;
export const MAX_EPOCHS = 1000;
/** ResNet halves the resolution five times: other sizes lose border pixels in the strided convolutions. */
export const SIZE_MULTIPLE = 32;
export const DEFAULT_SCHEDULE = '64x?,128x?,224x?';

export class ScheduleError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ScheduleError';
  }
}

export interface ParsedSchedule {
  stages: ScheduleStage[];
  /** problems that do not stop training (odd sizes, shrinking sizes) */
  warnings: string[];
}

const STAGE = /^(\d+)[x×*](\d+|\?)$/i;

/**
 * Parses `size x epochs` stages separated by commas (or semicolons/whitespace): `64x2, 128x1, 224x?`.
 * Throws a ScheduleError naming the offending stage; the message is meant for the user.
 */
export function parseSchedule(text: string): ParsedSchedule {
  // "64 x 2" is one stage: glue the parts around the x before splitting on whitespace too.
  const tokens = text.replace(/\s*([x×*])\s*/gi, '$1').split(/[,;\s]+/).filter((t) => t !== '');
  if (tokens.length === 0) throw new ScheduleError('The schedule is empty: write stages like "64x2,128x1,224x?".');
  const stages: ScheduleStage[] = [];
  const warnings: string[] = [];
  for (const token of tokens) {
    const m = STAGE.exec(token);
    if (!m) throw new ScheduleError(`"${token}" is not a stage: write size x epochs, e.g. "128x2" or "224x?".`);
    const size = Number(m[1]);
    if (size < MIN_SIZE || size > MAX_SIZE) {
      throw new ScheduleError(`"${token}": the size must be between ${MIN_SIZE} and ${MAX_SIZE} pixels.`);
    }
    let epochs: number | null = null;
    if (m[2] !== '?') {
      epochs = Number(m[2]);
      if (epochs < 1 || epochs > MAX_EPOCHS) {
        throw new ScheduleError(`"${token}": the number of epochs must be between 1 and ${MAX_EPOCHS} (or "?").`);
      }
    }
    if (size % SIZE_MULTIPLE !== 0) {
      warnings.push(`${size} px is not a multiple of ${SIZE_MULTIPLE}: ResNet50 drops border pixels at that size.`);
    }
    const prev = stages[stages.length - 1];
    if (prev && size < prev.size) warnings.push(`${size} px comes after ${prev.size} px: progressive resizing usually grows.`);
    stages.push({ size, epochs });
  }
  return { stages, warnings };
}

export interface ResolveOptions {
  /** training images per epoch */
  datasetSize: number;
  /** measured (or estimated) seconds for one training image at 64 px, forward and backward */
  secondsPerImageAt64?: number;
  /** wall-clock budget for the whole schedule */
  budgetMinutes?: number;
  /** cap for a '?' stage (default 10) */
  maxEpochsPerStage?: number;
}

export interface ResolvedSchedule {
  stages: ResolvedStage[];
  /** null without a speed measurement */
  estimatedSeconds: number | null;
  warnings: string[];
}

/** Seconds for one epoch at `size`: the cost of a conv net grows with the pixel count. */
export function epochSeconds(size: number, datasetSize: number, secondsPerImageAt64: number): number {
  return datasetSize * secondsPerImageAt64 * (size / 64) ** 2;
}

/**
 * Default epochs for a '?' stage without a time budget: 256/size rounded (64 px → 4, 128 px → 2,
 * 224 px → 1), i.e. about equal compute per stage, more epochs where they are cheap.
 */
export function defaultEpochs(size: number): number {
  return Math.max(1, Math.round(256 / size));
}

/**
 * Fills each '?' with an epoch count. The rule:
 * - without a speed and a budget: `defaultEpochs(size)`;
 * - with both: the budget left after the fixed stages is split into equal time slices, one per '?' stage,
 *   and each stage gets as many epochs as fit its slice (at least 1, at most `maxEpochsPerStage`). Equal time
 *   means epochs ∝ 1/size²: a slow device spends its few epochs where they are cheap (small sizes) and still
 *   finishes with one epoch at the final size; a fast device reaches the cap everywhere.
 */
export function resolveSchedule(stages: readonly ScheduleStage[], opts: ResolveOptions): ResolvedSchedule {
  if (!(opts.datasetSize > 0)) throw new ScheduleError('The dataset has no training images.');
  const cap = opts.maxEpochsPerStage ?? 10;
  const speed = opts.secondsPerImageAt64;
  const warnings: string[] = [];
  const cost = (size: number): number | null => (speed === undefined ? null : epochSeconds(size, opts.datasetSize, speed));
  const open = stages.filter((s) => s.epochs === null);
  const fixedSeconds = stages.reduce((sum, s) => sum + (s.epochs ?? 0) * (cost(s.size) ?? 0), 0);

  let pick: (size: number) => number = defaultEpochs;
  if (speed !== undefined && opts.budgetMinutes !== undefined && open.length > 0) {
    const slice = (opts.budgetMinutes * 60 - fixedSeconds) / open.length;
    pick = (size) => Math.min(cap, Math.max(1, Math.floor(slice / (cost(size) ?? 1))));
  }
  const resolved = stages.map((s) => ({ size: s.size, epochs: s.epochs ?? pick(s.size) }));
  const estimatedSeconds = speed === undefined ? null : resolved.reduce((sum, s) => sum + s.epochs * (cost(s.size) ?? 0), 0);
  if (estimatedSeconds !== null && opts.budgetMinutes !== undefined && estimatedSeconds > opts.budgetMinutes * 60 * 1.05) {
    warnings.push(`The schedule needs about ${Math.ceil(estimatedSeconds / 60)} min, more than the ${opts.budgetMinutes} min budget.`);
  }
  return { stages: resolved, estimatedSeconds, warnings };
}

/**
 * Image size for a 0-based epoch counted over the whole schedule; past the end, the last stage's size
 * (fine_tune's extra frozen epochs or a longer run keep the final size).
 */
export function sizeAtEpoch(stages: readonly ResolvedStage[], epoch: number): number {
  if (stages.length === 0) throw new ScheduleError('The schedule is empty.');
  let end = 0;
  for (const s of stages) {
    end += s.epochs;
    if (epoch < end) return s.size;
  }
  return stages[stages.length - 1].size;
}

/** Total epochs of a resolved schedule. */
export function totalEpochs(stages: readonly ResolvedStage[]): number {
  return stages.reduce((sum, s) => sum + s.epochs, 0);
}

export function formatSchedule(stages: readonly (ScheduleStage | ResolvedStage)[]): string {
  return stages.map((s) => `${s.size}x${s.epochs ?? '?'}`).join(',');
}
