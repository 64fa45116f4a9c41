/**
 * Pause and stop for a running training loop, checked between batches. Like an AbortSignal, but it can
 * also hold the loop (pause) without losing its place, weights or optimizer state.
 */
export class TrainControl {
  private stopRequested = false;
  private pauseRequested = false;
  private waiters: (() => void)[] = [];
  private listeners: ((paused: boolean) => void)[] = [];

  /** Called on every pause and resume (the run's record follows it); returns the unsubscribe. */
  onPauseChange(listener: (paused: boolean) => void): () => void {
    this.listeners.push(listener);
    return () => {
      this.listeners = this.listeners.filter((l) => l !== listener);
    };
  }

  get stopped(): boolean {
    return this.stopRequested;
  }

  get paused(): boolean {
    return this.pauseRequested && !this.stopRequested;
  }

  /** Ends the loop after the current batch; a paused loop wakes up to stop. */
  stop(): void {
    this.stopRequested = true;
    this.wake();
  }

  pause(): void {
    this.pauseRequested = true;
    for (const l of this.listeners) l(true);
  }

  resume(): void {
    this.pauseRequested = false;
    this.wake();
    for (const l of this.listeners) l(false);
  }

  /** Resolves at once unless paused; then when resumed or stopped. */
  async waitWhilePaused(): Promise<void> {
    while (this.paused) await new Promise<void>((resolve) => this.waiters.push(resolve));
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }
}
