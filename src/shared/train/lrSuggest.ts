// The pure half of fastai's `lr_find` (fastai/callback/schedule.py): the exponential lr ramp, the smoothed
// loss, the stop rule and the 'valley' suggestion. The tfjs half is src/worker/train/lrFind.ts.

export const LR_FIND_DEFAULTS = { startLr: 1e-7, endLr: 10, numIt: 100, beta: 0.98, stopFactor: 4 } as const;

/** fastai `SchedExp`: lr at iteration `i` of `numIt`, geometric from `startLr` to `endLr`. */
export function lrFinderLr(
  i: number,
  numIt: number,
  startLr: number = LR_FIND_DEFAULTS.startLr,
  endLr: number = LR_FIND_DEFAULTS.endLr,
): number {
  return startLr * (endLr / startLr) ** (i / numIt);
}

/**
 * fastai `AvgSmoothLoss`: an exponential moving average of the batch loss, debiased so the first values are
 * not pulled towards 0.
 */
export class LossSmoother {
  private avg = 0;
  private count = 0;
  constructor(private readonly beta: number = LR_FIND_DEFAULTS.beta) {}

  /** Adds a batch loss; returns the smoothed loss. */
  add(loss: number): number {
    this.count += 1;
    this.avg = this.beta * this.avg + (1 - this.beta) * loss;
    return this.avg / (1 - this.beta ** this.count);
  }

  /** The running state, to continue the same curve after a resume. */
  snapshot(): SmootherState {
    return { avg: this.avg, count: this.count };
  }

  restore(s: SmootherState): void {
    this.avg = s.avg;
    this.count = s.count;
  }
}

export interface SmootherState {
  avg: number;
  count: number;
}

/** fastai's stop rule: the smoothed loss diverged (above `stopFactor` × the best so far) or is not a number. */
export function lossDiverged(smoothed: number, best: number, stopFactor: number = LR_FIND_DEFAULTS.stopFactor): boolean {
  return !Number.isFinite(smoothed) || smoothed > stopFactor * best;
}

export interface LrSuggestion {
  lr: number;
  /** index into the full `lrs`/`losses` arrays */
  index: number;
}

export interface ValleyOptions {
  /** iterations the finder planned (fastai skips num_it/10 at the start); default lrs.length */
  numIt?: number;
  /** points left out at the end, where the loss explodes (fastai: 5) */
  skipEnd?: number;
}

/**
 * fastai's default suggestion, `valley`: the longest decreasing run of the loss curve (a longest decreasing
 * subsequence over the points), then the point 1/3 + 1/6 = 1/2 of the way along it. Returns null when
 * too few points are left after skipping the ends.
 */
export function suggestValley(lrs: readonly number[], losses: readonly number[], opts: ValleyOptions = {}): LrSuggestion | null {
  if (lrs.length !== losses.length) throw new RangeError('lrs and losses must have the same length');
  const skipStart = Math.floor((opts.numIt ?? lrs.length) / 10);
  const end = losses.length - (opts.skipEnd ?? 5);
  const l = losses.slice(skipStart, end);
  const n = l.length;
  if (n < 2) return null;
  // lds[i]: length of the longest decreasing subsequence ending at i (fastai's loop, O(n²) on ≤ 100 points)
  const lds = new Array<number>(n).fill(1);
  let maxStart = 0;
  let maxEnd = 0;
  for (let i = 1; i < n; i++) {
    for (let j = 0; j < i; j++) {
      if (l[i] < l[j] && lds[i] < lds[j] + 1) lds[i] = lds[j] + 1;
      if (lds[maxEnd] < lds[i]) {
        maxEnd = i;
        maxStart = maxEnd - lds[maxEnd];
      }
    }
  }
  const sections = (maxEnd - maxStart) / 3;
  const local = Math.max(0, maxStart + Math.floor(sections) + Math.floor(sections / 2));
  const index = skipStart + local;
  return { lr: lrs[index], index };
}
