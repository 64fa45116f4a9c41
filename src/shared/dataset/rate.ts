// Import speed and time left, over a sliding window: the first files (workers starting, small folders
// first) are not representative, and a rate over the whole run reacts too slowly to a slow disk.

export class RateMeter {
  private samples: { t: number; done: number }[] = [];
  constructor(private readonly windowMs = 5000) {}

  /** Record `done` items at time `t` (ms). */
  add(t: number, done: number): void {
    this.samples.push({ t, done });
    while (this.samples.length > 2 && t - this.samples[0].t > this.windowMs) this.samples.shift();
  }

  /** Items per second, 0 until two samples span some time. */
  rate(): number {
    const s = this.samples;
    if (s.length < 2) return 0;
    const dt = s[s.length - 1].t - s[0].t;
    return dt > 0 ? ((s[s.length - 1].done - s[0].done) * 1000) / dt : 0;
  }

  /** Seconds left for `total` items, or null while the rate is unknown. */
  eta(total: number): number | null {
    const r = this.rate();
    const done = this.samples.length ? this.samples[this.samples.length - 1].done : 0;
    return r > 0 ? Math.max(0, (total - done) / r) : null;
  }
}
