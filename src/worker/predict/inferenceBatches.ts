// Inference over many images in batches that survives the GPU troubles training survives: out of memory
// halves the batch and retries the same images; a lost device restarts the backend, rebuilds the model and
// retries the same batch. Batches run in image order and a failed batch delivers nothing, so the results
// are those of an uninterrupted run. No tfjs here: the job's callbacks hold it (and unit tests fake them).

import { isDeviceLost, isOutOfMemory, type InferenceJob } from '../../shared/train/faults';

export type InferenceTrouble =
  /** `image`: 0-based first image of the batch that is retried */
  | { kind: 'oom'; from: number; to: number; image: number }
  | { kind: 'device-lost'; image: number; error: string; backend: string };

export interface BatchRange {
  /** images [start, end) */
  start: number;
  end: number;
  /** 0-based batch index within the job (what `?fault=predict-oom@N` counts) */
  index: number;
  size: number;
}

export interface InBatchesOptions {
  total: number;
  batchSize: number;
  /** predicts images [start, end) and delivers their results; must free what it allocated when it throws */
  run: (r: BatchRange) => Promise<void>;
  /** before each attempt: the lost-device watch, test faults; may throw */
  beforeBatch?: (index: number) => void;
  /** after a lost device: restart the backend and rebuild the model on it; resolves with the backend's name */
  recover: (error: unknown) => Promise<string>;
  onTrouble: (t: InferenceTrouble) => void;
  isCancelled?: () => boolean;
  /** lost devices tolerated in one job (default 2, as training) */
  maxRestarts?: number;
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

export async function inBatches(o: InBatchesOptions): Promise<{ cancelled: boolean; batchSize: number }> {
  let size = Math.max(1, Math.floor(o.batchSize));
  let restarts = 0;
  let index = 0;
  for (let start = 0; start < o.total; ) {
    if (o.isCancelled?.()) return { cancelled: true, batchSize: size };
    const end = Math.min(o.total, start + size);
    try {
      o.beforeBatch?.(index);
      await o.run({ start, end, index, size });
    } catch (e) {
      if (isDeviceLost(e)) {
        if (restarts >= (o.maxRestarts ?? 2)) throw new Error(`The GPU device was lost ${restarts + 1} times in one job; giving up (${message(e)}).`);
        restarts += 1;
        const backend = await o.recover(e);
        o.onTrouble({ kind: 'device-lost', image: start, error: message(e), backend });
        continue;
      }
      if (isOutOfMemory(e)) {
        if (size === 1) throw new Error(`Out of memory even with one image at a time (image ${start + 1}): ${message(e)}`);
        const half = Math.max(1, Math.floor(size / 2));
        o.onTrouble({ kind: 'oom', from: size, to: half, image: start });
        size = half;
        continue;
      }
      throw e;
    }
    start = end;
    index += 1;
  }
  return { cancelled: false, batchSize: size };
}

const WORDS: Record<InferenceJob, { ing: string; noun: string }> = {
  predict: { ing: 'classifying', noun: 'classification' },
  evaluate: { ing: 'evaluating', noun: 'the evaluation' },
};

/** What the user is told, in the Classify or Evaluate step. `backend`: the active one (for "GPU memory"). */
export function troubleMessage(t: InferenceTrouble, job: InferenceJob, backend: string): string {
  const w = WORDS[job];
  if (t.kind === 'oom') {
    const memory = backend === 'webgl' || backend === 'webgpu' ? 'GPU memory' : 'memory';
    return `Out of ${memory} at image ${t.image + 1}: ${w.ing} in batches of ${t.to} instead of ${t.from}.`;
  }
  return `${t.error.replace(/\.?$/, '.')} The ${t.backend} backend was restarted, the model rebuilt from its copy, and ${w.noun} went on from image ${t.image + 1}.`;
}
