import * as tf from '@tensorflow/tfjs';
import type { BackendInfo, BackendName } from '../../shared/protocol';
import type { Purpose } from '../../shared/backendChoice';
import { SYNTHETIC_MESSAGE, type FaultSpec, type InferenceJob } from '../../shared/train/faults';
import { initBackend } from '../backends';

// What training and inference jobs need to survive a lost GPU device: notice it, throw it at the next step as
// an error the job recognises (isDeviceLost), and build a fresh backend to reload the model on. Also the
// test-only synthetic faults (`?fault=`).

interface LostInfo {
  message?: string;
  reason?: string;
}

/** Watches the active backend's GPUDevice (WebGPU only) and turns its loss into an error at the next check. */
export function watchDevice(): { check: () => void; dispose: () => void } {
  let lost: string | null = null;
  let active = true;
  const device = (tf.backend() as unknown as { device?: { lost?: Promise<LostInfo> } }).device;
  void device?.lost?.then((info) => {
    if (active) lost = `${info.reason ?? 'unknown'}${info.message ? `: ${info.message}` : ''}`;
  });
  return {
    check: () => {
      if (lost !== null) throw new Error(`The GPU device was lost (${lost}).`);
    },
    dispose: () => {
      active = false;
    },
  };
}

/**
 * TEST ONLY (`?fault=`): throws the synthetic fault before its step, once per worker. The errors carry
 * the words of the real ones, so the same recovery code handles both.
 */
const fired = new Set<string>();
function fireOnce(key: string): boolean {
  if (fired.has(key)) return false;
  fired.add(key);
  return true;
}

export function faultInjector(fault: FaultSpec | null | undefined): (step: number) => void {
  return (step) => {
    if (!fault || step !== fault.step || (fault.kind !== 'oom' && fault.kind !== 'device-lost')) return;
    if (fireOnce(`${fault.kind}@${fault.step}`)) throw new Error(SYNTHETIC_MESSAGE[fault.kind](step));
  };
}

/** TEST ONLY: every `?fault=` of the page, given to the worker at init (inference and checkpoint faults). */
let workerFaults: readonly FaultSpec[] = [];
export function armFaults(faults: readonly FaultSpec[] | undefined): void {
  workerFaults = faults ?? [];
}
export function armedFaults(): readonly FaultSpec[] {
  return workerFaults;
}
/** Whether the armed `kind@step` fires now (true once per worker). */
export function faultFires(kind: FaultSpec['kind'], step: number): boolean {
  return workerFaults.some((f) => f.kind === kind && f.step === step) && fireOnce(`${kind}@${step}`);
}

/** TEST ONLY: what `?fault=inflate-valid-loss@E` adds to the validation loss of epoch E and every later one. */
export const INFLATED_VALID_LOSS = 10;

/**
 * TEST ONLY: the validation loss an epoch reports; `?fault=inflate-valid-loss@E` makes epochs E, E+1, …
 * report theirs 10 higher, so the lowest-loss epoch comes before E and is never the last one of a run
 * stopped after E (every epoch, not once: a resumed run replays the same numbers).
 */
export function faultedValidLoss(epoch: number, loss: number | null): number | null {
  const f = workerFaults.find((x) => x.kind === 'inflate-valid-loss');
  return loss !== null && f && epoch >= f.step ? loss + INFLATED_VALID_LOSS : loss;
}

/** TEST ONLY: throws the job's synthetic fault before its inference batch, once per worker. */
export function inferenceFaultInjector(job: InferenceJob): (batch: number) => void {
  return (batch) => {
    for (const what of ['device-lost', 'oom'] as const) {
      const kind = `${job}-${what}` as const;
      if (faultFires(kind, batch)) throw new Error(SYNTHETIC_MESSAGE[what](batch, kind));
    }
  };
}

const PRIORITY: Record<BackendName, number> = { webgpu: 3, webgl: 2, wasm: 2, cpu: 1 };

/**
 * Throws the current backend away (its tensors with it) and starts the same backend afresh: a lost WebGPU
 * device (or WebGL context) cannot be used again, and tfjs only makes a new one from the registered factory.
 * Tensors of the old backend must not be used afterwards; dispose what you can before calling this.
 */
export async function resetBackend(purpose: Purpose = 'training'): Promise<BackendInfo> {
  const name = tf.getBackend() as BackendName;
  const factory = tf.findBackendFactory(name);
  if (!factory) throw new Error(`The ${name} backend cannot be restarted: it has no factory.`);
  const priority = (tf.engine() as unknown as { registryFactory: Record<string, { priority: number }> }).registryFactory[name]?.priority ?? PRIORITY[name];
  tf.removeBackend(name);
  tf.registerBackend(name, factory, priority);
  return initBackend(name, purpose);
}
