// TEST ONLY: fault injection for the training loop's recovery paths, from the `?fault=` URL parameter
// (`oom@2`: a synthetic out-of-memory error at global training step 2; `device-lost@9`: a synthetic lost
// GPU device at step 9). Each fires once per page load. Real users never set it; the e2e tests do.

export type FaultKind = 'oom' | 'device-lost';

export interface FaultSpec {
  kind: FaultKind;
  /** 0-based global training step before which the fault fires */
  step: number;
}

/** `oom@2` → { kind: 'oom', step: 2 }; anything else → null. */
export function parseFault(value: string | null | undefined): FaultSpec | null {
  const m = /^\s*(oom|device-lost)@(\d{1,7})\s*$/.exec(value ?? '');
  return m ? { kind: m[1] as FaultKind, step: Number(m[2]) } : null;
}

/** Messages the synthetic faults throw: the same words the real errors carry, so one path handles both. */
export const SYNTHETIC_MESSAGE: Record<FaultKind, (step: number) => string> = {
  oom: (step) => `Synthetic fault (test only, ?fault=oom@${step}): out of memory while allocating the training batch`,
  'device-lost': (step) => `Synthetic fault (test only, ?fault=device-lost@${step}): the GPU device was lost`,
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
