import * as tf from '@tensorflow/tfjs';
import { getThreadsCount, setThreadsCount } from '@tensorflow/tfjs-backend-wasm';
import { planWasmThreads, threadsNote, type ThreadPlan } from '../shared/wasmThreads';

// Starting tfjs' wasm backend with as many threads as the page allows (src/shared/wasmThreads.ts).

let requested: number | null = null;

/** `?threads=N` from the page (null: one per logical core); read by the next start of the wasm backend. */
export function requestWasmThreads(n: number | null): void {
  requested = n;
}

const MULTITHREAD = 'WASM_HAS_MULTITHREAD_SUPPORT';

/**
 * tfjs 4.22's threaded build caps its pool at min(asked, hardwareConcurrency / 2), reading the core count once
 * while the wasm module starts (backend.cc: "many x86-64 processors have 2 threads per core"). A VM's vCPUs
 * are not such pairs, and that halving left a 2-core machine on one thread. The compute worker reports twice
 * the planned count for the duration of the start (nothing else in this worker reads it), then the real one.
 */
async function withReportedCores<T>(cores: number, start: () => Promise<T>): Promise<T> {
  const nav = self.navigator;
  Object.defineProperty(nav, 'hardwareConcurrency', { configurable: true, get: () => cores });
  try {
    return await start();
  } finally {
    Reflect.deleteProperty(nav, 'hardwareConcurrency');
  }
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : typeof e === 'object' && e && 'message' in e ? String(e.message) : String(e);
}

async function setWasm(): Promise<boolean> {
  const ok = await tf.setBackend('wasm');
  if (ok) await tf.ready();
  return ok;
}

export interface WasmStart {
  threads: number;
  /** the status bar's sentence about threads */
  note: string;
}

let started: WasmStart | null = null;

/** Starts (or switches to) the wasm backend; null when it cannot start at all. */
export async function startWasm(): Promise<WasmStart | null> {
  // Already started in this worker (a switch back after training on another backend): same threads as before.
  if (started && tf.findBackend('wasm') !== null) return (await setWasm()) ? started : null;
  started = await startFresh();
  return started;
}

async function startFresh(): Promise<WasmStart | null> {
  const cores = navigator.hardwareConcurrency || 1;
  let plan: ThreadPlan = planWasmThreads({
    isolated: self.crossOriginIsolated === true,
    sharedArrayBuffer: typeof SharedArrayBuffer === 'function',
    cores,
    requested,
  });
  // tfjs' own probe (SharedArrayBuffer can be posted, the threads opcodes validate) has the last word.
  if (plan.threads > 1 && !(await tf.env().getAsync(MULTITHREAD))) {
    plan = { threads: 1, why: "this browser's WebAssembly has no threads" };
  }
  let failure: string | null = null;
  if (plan.threads > 1) {
    setThreadsCount(plan.threads);
    tf.env().set(MULTITHREAD, true);
    try {
      if (await withReportedCores(2 * plan.threads, setWasm)) {
        const actual = Math.max(1, getThreadsCount());
        return { threads: actual, note: threadsNote(plan, actual, cores) };
      }
      failure = 'tfjs could not initialise it';
    } catch (e) {
      failure = message(e);
    }
  }
  // The single-threaded SIMD build: the plan says one thread, or the threaded build failed.
  tf.env().set(MULTITHREAD, false);
  setThreadsCount(1);
  if (!(await setWasm())) return null;
  return { threads: 1, note: threadsNote(plan, 1, cores, failure) };
}
