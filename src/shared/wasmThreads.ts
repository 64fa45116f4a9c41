// How many threads the wasm backend should run with, and the sentence the status bar shows about it.
//
// tfjs' threaded SIMD build needs SharedArrayBuffer, which a browser only gives a cross-origin isolated page
// (COOP/COEP headers, sent by `npm start`'s server or added by the app's service worker). Left to itself it
// uses hardwareConcurrency / 2 threads (1 on a 2-core machine); the app asks for one per logical core instead.

/** tfjs' threaded build starts 8 pthread workers up front and caps its pool there; asking for more gains nothing. */
export const MAX_WASM_THREADS = 8;

export interface ThreadEnv {
  /** `crossOriginIsolated` in the compute worker */
  isolated: boolean;
  /** `typeof SharedArrayBuffer === 'function'` */
  sharedArrayBuffer: boolean;
  /** `navigator.hardwareConcurrency` (logical cores) */
  cores: number;
  /** `?threads=N`, or null for the default */
  requested: number | null;
}

export interface ThreadPlan {
  /** threads to start the backend with; 1 means the non-threaded SIMD build */
  threads: number;
  /** why only one thread, or null when several are possible */
  why: string | null;
}

export function planWasmThreads(env: ThreadEnv): ThreadPlan {
  const cores = Number.isFinite(env.cores) && env.cores >= 1 ? Math.floor(env.cores) : 1;
  if (env.requested === 1) return { threads: 1, why: 'one thread asked for (?threads=1)' };
  if (!env.isolated) {
    return { threads: 1, why: 'the page is not cross-origin isolated (its server sends no COOP/COEP headers and the service worker is not active yet)' };
  }
  if (!env.sharedArrayBuffer) return { threads: 1, why: 'this browser gives the page no SharedArrayBuffer' };
  const wanted = env.requested ?? cores;
  if (wanted < 2) return { threads: 1, why: 'the browser reports one CPU core' };
  return { threads: Math.min(wanted, MAX_WASM_THREADS), why: null };
}

/**
 * The status bar's sentence about threads, from the plan and what tfjs reports after starting. `failure` is
 * the threaded build's start-up error when it fell back to the single-threaded one.
 */
export function threadsNote(plan: ThreadPlan, actual: number, cores: number, failure: string | null = null): string {
  if (failure !== null) return `single-threaded: the threaded wasm build failed to start (${failure})`;
  if (actual <= 1) return `single-threaded: ${plan.why ?? 'tfjs started one thread'}`;
  const of = `${cores} logical core${cores === 1 ? '' : 's'}`;
  return actual < plan.threads ? `${actual} threads (${plan.threads} asked for, ${of})` : `${actual} threads (${of})`;
}

/** `?threads=N`: 1 to 64, anything else is ignored (null: the default). */
export function parseThreads(v: string | null): number | null {
  if (v === null || !/^\s*\d{1,2}\s*$/.test(v)) return null;
  const n = Number(v);
  return n >= 1 && n <= 64 ? n : null;
}
