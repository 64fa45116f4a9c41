// What a training run is doing between its batches (the moments a progress bar would freeze on "batch 12/12"),
// and a time-left figure that does not jump up with every slow batch.
import type { TrainEpoch, TrainPlanInfo, TrainProgress } from '../../../shared/protocol';
import type { TrainState } from './trainSlice';

export const PREPARING = 'Starting: the compute worker ends what it was doing (a timing for the Mode box stops after the '
  + 'step it is on, which can take a minute on a software GPU), then reads the split and sets up the run…';

export const STARTING = 'Starting: the first batch reads its images and compiles the network’s forward and backward '
  + 'pass for this image size on this backend. It is the slowest batch of the run (over a minute for a full ResNet50 on a '
  + 'software GPU); the progress bar moves once it is done.';

/**
 * The silent work before the first batch and after an epoch's last training batch, in the order the worker does it: PreciseBN
 * (unfrozen full-mode epochs), validation, then the checkpoint (full mode); null while batches run.
 */
export function silentPhase(plan: TrainPlanInfo | null, p: TrainProgress | null, epochs: readonly TrainEpoch[], state: TrainState): string | null {
  if (state !== 'running' || !plan) return null;
  const full = (plan.mode ?? 'full') === 'full';
  // before the first batch: full mode compiles the whole network's forward and backward (fast mode shows its
  // feature progress instead)
  if (!p) return full ? STARTING : null;
  const ended = epochs.length > 0 ? epochs[epochs.length - 1].epoch : -1;
  const shown = p.epoch + 1;
  if (ended >= p.epoch) {
    if (ended + 1 >= plan.perEpoch.length) return 'Last epoch done: the model keeps its weights (a completed run keeps its last epoch), then predicts the validation images for Evaluate…';
    return full ? `Epoch ${shown} of ${plan.perEpoch.length} done: saving its checkpoint (weights and optimizer state) so the run can resume…` : null;
  }
  if (p.batch + 1 < plan.stepsPerEpoch) return null;
  const steps: string[] = [];
  if (full && p.phase !== 'frozen') steps.push('PreciseBN (re-estimating the BatchNorm statistics)');
  steps.push(`validation (${plan.validImages} images)`);
  if (full) steps.push('checkpoint');
  return `Epoch ${shown}: training batches done; now ${steps.join(', then ')}…`;
}

/** A time-left estimate kept between updates: the seconds shown and when. */
export interface ShownEta {
  seconds: number;
  at: number;
}

/**
 * The ETA to show: it follows the worker's estimate down at once, but climbs only by a fifth of the gap at
 * each update (a slow batch, a new image size compiling) unless the estimate stays up; never below zero.
 */
export function steadyEta(prev: ShownEta | null, raw: number | null, now: number): ShownEta | null {
  if (raw === null || !Number.isFinite(raw)) return prev ? { seconds: Math.max(0, prev.seconds - (now - prev.at) / 1000), at: now } : null;
  if (!prev) return { seconds: raw, at: now };
  const expected = Math.max(0, prev.seconds - (now - prev.at) / 1000);
  const seconds = raw <= expected ? raw : expected + (raw - expected) / 5;
  return { seconds, at: now };
}
