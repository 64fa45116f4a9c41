// TEST ONLY: fault injection for the compute worker's recovery paths, from the `?fault=` URL parameter, a
// comma-separated list of `<kind>@<n>` with a 0-based n:
// - `oom@2`, `device-lost@9`: a synthetic out-of-memory error / lost GPU device before global training step n;
// - `predict-oom@1`, `predict-device-lost@1`: the same before inference batch n of a Classify job;
// - `evaluate-oom@1`, `evaluate-device-lost@1`: the same before batch n of an evaluation (Evaluate step);
// - `slow-checkpoint@1`: the checkpoint of epoch n keeps its IndexedDB transaction open for a few seconds,
//   so a test can close the page while it is being written;
// - `wasm-threads`: the threaded wasm build's binary is looked for at a URL that does not exist, so its start
//   fails in tfjs and the worker falls back to the single-threaded build.
// - `inflate-valid-loss@1`: epoch n and every later epoch report a validation loss 10 higher, so the
//   lowest-loss epoch is before n (a test of Stop's kept epoch that cannot pass by keeping the last one).
// - `stall-load@1`: model load n (0 = the backbone the worker starts with, then each backbone or bundle
//   load) blocks the worker after it said "loading", as a model that hangs tfjs would; the bridge's watchdog
//   must restart it (`watchdog@N`, read by the bridge, shortens its limit to N seconds).
// Each fires once per compute worker (page load). Real users never set it; the e2e tests do.

import { parseFaults, TEST_BUILD } from '../faults';

export type FaultKind =
  | 'oom' | 'device-lost'
  | 'predict-oom' | 'predict-device-lost'
  | 'evaluate-oom' | 'evaluate-device-lost'
  | 'slow-checkpoint'
  | 'wasm-threads'
  | 'inflate-valid-loss'
  | 'stall-load';

const KINDS: readonly FaultKind[] = [
  'oom', 'device-lost', 'predict-oom', 'predict-device-lost', 'evaluate-oom', 'evaluate-device-lost', 'slow-checkpoint', 'wasm-threads',
  'inflate-valid-loss', 'stall-load',
];

export interface FaultSpec {
  kind: FaultKind;
  /** 0-based: the global training step, the inference batch, the epoch (slow-checkpoint, inflate-valid-loss) or the model load (stall-load) it fires at */
  step: number;
}

/** `oom@2,predict-oom@1` → both specs; malformed and unknown entries are left out. Parsed by ../faults.ts (only in test builds). */
export function parseFaultSpecs(value: string | null | undefined, enabled: boolean = TEST_BUILD): FaultSpec[] {
  return parseFaults(value, enabled)
    .filter((f) => (KINDS as readonly string[]).includes(f.name))
    .map((f) => ({ kind: f.name as FaultKind, step: f.at }));
}

/** The training-step fault of the list (`oom@2` → { kind: 'oom', step: 2 }), or null. */
export function parseFault(value: string | null | undefined, enabled: boolean = TEST_BUILD): FaultSpec | null {
  return parseFaultSpecs(value, enabled).find((f) => f.kind === 'oom' || f.kind === 'device-lost') ?? null;
}

/** The inference jobs that take faults: a Classify job and an evaluation. */
export type InferenceJob = 'predict' | 'evaluate';

/** Messages the synthetic faults throw: the same words the real errors carry, so one path handles both. */
export const SYNTHETIC_MESSAGE: Record<'oom' | 'device-lost', (step: number, kind?: FaultKind) => string> = {
  oom: (step, kind = 'oom') =>
    `Synthetic fault (test only, ?fault=${kind}@${step}): out of memory while allocating the ${kind === 'oom' ? 'training' : 'inference'} batch`,
  'device-lost': (step, kind = 'device-lost') => `Synthetic fault (test only, ?fault=${kind}@${step}): the GPU device was lost`,
};

// webgl: "Failed to allocate …"/GL_OUT_OF_MEMORY; webgpu: "out of memory" GPU validation errors; wasm: "Cannot
// enlarge memory", "Out of memory"; cpu: RangeError "Array buffer allocation failed".
const OOM = /out of memory|\bOOM\b|allocat|enlarge memory/i;
// webgpu: GPUDevice.lost ("Device was lost"/"device is lost"); webgl: "context lost"/CONTEXT_LOST_WEBGL.
const DEVICE_LOST = /device (?:was |is |has been )?lost|context (?:was |is )?lost|CONTEXT_LOST/i;

function text(e: unknown): string {
  return e instanceof Error ? `${e.name}: ${e.message}` : String(e);
}

/** Device loss is checked first: a lost device often reports failed allocations too. */
export function isDeviceLost(e: unknown): boolean {
  return DEVICE_LOST.test(text(e));
}

export function isOutOfMemory(e: unknown): boolean {
  return !isDeviceLost(e) && OOM.test(text(e));
}
