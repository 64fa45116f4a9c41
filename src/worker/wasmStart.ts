import * as tf from '@tensorflow/tfjs';
import { getThreadsCount, setThreadsCount, setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { planWasmThreads, threadsNote, type ThreadPlan } from '../shared/wasmThreads';
import { faultFires } from './train/deviceRecovery';

// Starting tfjs' wasm backend with as many threads as the page allows (src/shared/wasmThreads.ts).

// Vite fingerprints the .wasm files and gives their URLs relative to this bundle, so the app works from
// any sub-path. The threaded build is only used when the page is cross-origin isolated.
const WASM_PATHS = {
  'tfjs-backend-wasm.wasm': wasmPlain,
  'tfjs-backend-wasm-simd.wasm': wasmSimd,
  'tfjs-backend-wasm-threaded-simd.wasm': wasmThreaded,
};
setWasmPaths(WASM_PATHS);

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
    // TEST ONLY (?fault=wasm-threads): the threaded binary is missing, so tfjs' start of it fails for real.
    if (faultFires('wasm-threads', 0)) setWasmPaths({ ...WASM_PATHS, 'tfjs-backend-wasm-threaded-simd.wasm': wasmThreaded.replace(/[^/]*$/, 'missing-threaded.wasm') });
    setThreadsCount(plan.threads);
    tf.env().set(MULTITHREAD, true);
    try {
      if (await withReportedCores(2 * plan.threads, setWasm)) {
        const actual = Math.max(1, getThreadsCount());
        return { threads: actual, note: threadsNote(plan, actual, cores) };
      }
      failure = 'tfjs could not initialise it; the browser console has its message';
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
