import * as tf from '@tensorflow/tfjs';
import type { FromWorker } from '../../shared/protocol';
import type { InferenceJob } from '../../shared/train/faults';
import type { ModelSession } from '../session';
import { inferenceFaultInjector, watchDevice } from '../train/deviceRecovery';
import { troubleMessage, type InBatchesOptions } from './inferenceBatches';

/**
 * The tfjs side of inBatches for one inference job: before each batch the lost-device watch (a WebGPU device
 * lost between batches) and the test faults; after a lost device the session's rebuild, shared with any
 * other job that saw the same loss; notices to the UI. `faults: false`: no test faults in this pass.
 */
export function inferenceRecovery(
  session: ModelSession, job: InferenceJob, post: (m: FromWorker) => void, requestId: number | null, { faults = true }: { faults?: boolean } = {},
) {
  // test faults (`?fault=evaluate-oom@N`) count the batches of the job they name, not of a pass before it
  const inject = faults ? inferenceFaultInjector(job) : () => undefined;
  let device = watchDevice();
  let seen = session.generation;
  const hooks: Pick<InBatchesOptions, 'beforeBatch' | 'recover' | 'onTrouble'> = {
    beforeBatch: (index) => {
      if (seen !== session.generation) {
        // another job rebuilt the model on a new backend: watch that one's device
        device.dispose();
        device = watchDevice();
        seen = session.generation;
      }
      device.check();
      inject(index);
    },
    recover: async () => {
      device.dispose();
      const info = await session.rebuildAfterDeviceLoss(seen);
      if (info) post({ type: 'backend', info: { ...info, reason: `restarted after a lost device; ${info.reason}` } });
      device = watchDevice();
      seen = session.generation;
      return tf.getBackend();
    },
    onTrouble: (t) => post({ type: 'inferenceNotice', job, requestId, message: troubleMessage(t, job, tf.getBackend()) }),
  };
  return { hooks, dispose: () => device.dispose() };
}
