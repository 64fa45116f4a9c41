// The watchdog over model loads in the compute worker (issue 15): a load (a backbone at start or chosen
// later, a bundle) that hangs the worker (tfjs looping on a hostile graph the checks did not foresee, a fetch
// that never ends) would leave "loading…" forever, and a `?model=` link would repeat it at every visit. The
// bridge arms this when the worker says "loading" (modelLoading), feeds it every message the worker sends
// (download progress and memory reports are heartbeats), and disarms it when the load ends. No message for
// `limitMs`: the load stalled, and the bridge restarts the worker without it (src/ui/bridge.ts).
import type { BackboneSource } from './protocol';

/** How long a model load may go without any message from the worker. Generous: a slow GPU compiling ResNet50's shaders is silent for a while. */
export const LOAD_STALL_MS = 120_000;

export interface Timers {
  set: (fn: () => void, ms: number) => unknown;
  clear: (handle: unknown) => void;
}

const realTimers: Timers = {
  set: (fn, ms) => setTimeout(fn, ms),
  clear: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

export class LoadWatchdog {
  private timer: unknown = null;
  private what: string | null = null;

  constructor(
    private readonly limitMs: number,
    private readonly onStall: (what: string) => void,
    private readonly timers: Timers = realTimers,
  ) {}

  /** What is loading now (the worker's name for it), or null. */
  get loading(): string | null {
    return this.what;
  }

  /** The worker started loading `what`. */
  started(what: string): void {
    this.what = what;
    this.arm();
  }

  /** A message from the worker: it is alive and its load goes on. */
  beat(): void {
    if (this.what !== null) this.arm();
  }

  /** The load ended (ready or failed), or the worker was stopped. */
  stopped(): void {
    this.what = null;
    if (this.timer !== null) this.timers.clear(this.timer);
    this.timer = null;
  }

  private arm(): void {
    if (this.timer !== null) this.timers.clear(this.timer);
    this.timer = this.timers.set(() => {
      const what = this.what;
      this.timer = null;
      this.what = null;
      if (what !== null) this.onStall(what);
    }, this.limitMs);
  }
}

/** The worker's name for a bundle load (src/worker/bundle/jobs.ts says "bundle: <where from>"). */
export function isBundleLoad(what: string): boolean {
  return what.startsWith('bundle: ');
}

/**
 * What to start the worker with after `stalled` hung it: never the same source again. A converted model
 * (URL, files) gives way to the built-in ResNet50 with the site's pretrained weights; a built-in backbone
 * with the site's weights (their download or build stalled) to the same one without them; nothing is left
 * to try after a plain built-in one stalled (null).
 */
export function sourceAfterStall(stalled: BackboneSource): BackboneSource | null {
  if (stalled.kind !== 'builtin') return { kind: 'builtin', id: 'resnet50', pretrained: 'auto' };
  if (stalled.pretrained === 'auto') return { ...stalled, pretrained: 'none' };
  return null;
}

export function stallMessage(what: string, limitMs: number): string {
  const name = isBundleLoad(what) ? `the model ${what.slice('bundle: '.length)}` : what;
  return `Loading ${name} made no progress for ${Math.round(limitMs / 1000)} s, so the compute worker was stopped and started again without it.`;
}

/** The stalled model links kept in the browser (newest last, at most `max`), so a link does not hang every visit. */
export function withStalled(list: readonly string[], url: string, max = 20): string[] {
  return [...list.filter((u) => u !== url), url].slice(-max);
}
