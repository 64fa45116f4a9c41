// A pixel budget shared by a pool of decoders: a decoder allocates width × height × 4 bytes up front, so
// four 14000 × 14000 PNGs (190 KB each on disk) decoded side by side take ~3 GB. Each decode asks for its
// frame's pixels before it starts and waits while the frames in flight would pass the budget; a frame
// larger than the whole budget (but under sniff.ts's MAX_PIXELS) still runs, alone.

export const POOL_PIXEL_BUDGET = 120_000_000; // ~480 MB of RGBA in flight over the whole pool

export class PixelBudget {
  private inFlight = 0;
  private running = 0;
  private queue: { pixels: number; grant: () => void }[] = [];

  constructor(readonly budget: number = POOL_PIXEL_BUDGET) {}

  get pixelsInFlight(): number {
    return this.inFlight;
  }

  private fits(pixels: number): boolean {
    return this.running === 0 || this.inFlight + pixels <= this.budget;
  }

  /** Resolves once `pixels` fit; call the returned function when the decode is over (success or not). */
  acquire(pixels: number): Promise<() => void> {
    const n = Math.max(0, pixels);
    return new Promise((resolve) => {
      this.queue.push({ pixels: n, grant: () => resolve(this.releaser(n)) });
      this.pump();
    });
  }

  /** First come, first served: a big frame is not starved by small ones behind it. */
  private pump(): void {
    while (this.queue.length > 0 && this.fits(this.queue[0].pixels)) {
      const next = this.queue.shift()!;
      this.inFlight += next.pixels;
      this.running++;
      next.grant();
    }
  }

  private releaser(n: number): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.inFlight -= n;
      this.running--;
      this.pump();
    };
  }
}
