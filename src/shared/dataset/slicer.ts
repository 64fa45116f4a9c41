// Long loops on the page's thread (growing the split over thousands of images) run in slices of a few
// milliseconds with a pause between them, so a key press or a repaint never waits behind them. The loop
// calls `tick(work)` after each step; once the slice's time is spent, `tick` pauses (a macrotask) and
// starts the next slice. The clock is read every few units of work only.

export interface SlicerOptions {
  /** awaited between slices (a setTimeout(0) on the page); without it the loop runs through */
  pause?: () => Promise<void>;
  /** milliseconds per slice; default 8 */
  budgetMs?: number;
  /** units of work between two readings of the clock; default 64 */
  stride?: number;
  /** the clock; default performance.now */
  now?: () => number;
}

export class Slicer {
  private readonly pause?: () => Promise<void>;
  private readonly budget: number;
  readonly stride: number;
  private readonly now: () => number;
  private start: number;
  private work = 0;
  /** pauses made so far */
  pauses = 0;

  constructor(o: SlicerOptions = {}) {
    this.pause = o.pause;
    this.budget = o.budgetMs ?? 8;
    this.stride = Math.max(1, o.stride ?? 64);
    this.now = o.now ?? (() => performance.now());
    this.start = this.now();
  }

  /** Counts `units` of work done; resolves after a pause when the slice's time is spent. */
  tick(units = 1): Promise<void> | undefined {
    if (!this.pause) return undefined;
    this.work += units;
    if (this.work < this.stride) return undefined;
    this.work = 0;
    if (this.now() - this.start < this.budget) return undefined;
    return this.yieldNow();
  }

  private async yieldNow(): Promise<void> {
    this.pauses++;
    await this.pause!();
    this.start = this.now();
  }
}

/** A Slicer that never pauses (Node scripts, unit tests of the results). */
export const noSlicer = (): Slicer => new Slicer();
