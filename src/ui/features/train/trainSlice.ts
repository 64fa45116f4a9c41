import type { StateCreator } from 'zustand';
import type { TrainEpoch, TrainPlanInfo, TrainProgress } from '../../../shared/protocol';
import type { Store } from '../../store';

export type TrainState = 'idle' | 'running' | 'paused' | 'done' | 'error';

/** One point of the loss chart. */
export interface LossPoint {
  step: number;
  loss: number;
  smoothLoss: number;
  /** learning rate of the head's parameter group */
  lr?: number;
}

/** Points kept for the chart: beyond this the older half is thinned, so a long run stays cheap to draw. */
export const MAX_LOSS_POINTS = 1000;

export interface TrainSlice {
  trainState: TrainState;
  trainPlan: TrainPlanInfo | null;
  /** when Train (or Resume) was clicked, ms since epoch: the wait before the first batch counts from it */
  trainStartedAt: number | null;
  trainProgress: TrainProgress | null;
  trainEpochs: TrainEpoch[];
  lossPoints: LossPoint[];
  /** after trainDone */
  trainStopped: boolean;
  bestEpoch: number | null;
  trainError: string | null;
  trainRequested: () => void;
  trainStarted: (plan: TrainPlanInfo) => void;
  trainProgressed: (p: TrainProgress) => void;
  trainEpochEnded: (e: TrainEpoch) => void;
  trainPaused: (paused: boolean) => void;
  trainFinished: (stopped: boolean, bestEpoch: number | null) => void;
  trainFailed: (message: string) => void;
}

export function appendLossPoint(points: readonly LossPoint[], p: LossPoint): LossPoint[] {
  const next = [...points, p];
  if (next.length <= MAX_LOSS_POINTS) return next;
  const half = Math.floor(next.length / 2);
  return [...next.slice(0, half).filter((_, i) => i % 2 === 0), ...next.slice(half)];
}

export const createTrainSlice: StateCreator<Store, [], [], TrainSlice> = (set) => ({
  trainState: 'idle',
  trainPlan: null,
  trainStartedAt: null,
  trainProgress: null,
  trainEpochs: [],
  lossPoints: [],
  trainStopped: false,
  bestEpoch: null,
  trainError: null,
  trainRequested: () =>
    set({ trainState: 'running', trainStartedAt: Date.now(), trainPlan: null, trainProgress: null, trainEpochs: [], lossPoints: [], trainStopped: false, bestEpoch: null, trainError: null }),
  trainStarted: (trainPlan) => set({ trainPlan }),
  trainProgressed: (p) =>
    set((s) => ({ trainProgress: p, lossPoints: appendLossPoint(s.lossPoints, { step: p.step, loss: p.loss, smoothLoss: p.smoothLoss, lr: p.lrs[p.lrs.length - 1] }) })),
  trainEpochEnded: (e) => set((s) => ({ trainEpochs: [...s.trainEpochs, e] })),
  trainPaused: (paused) => set((s) => (s.trainState === 'running' || s.trainState === 'paused' ? { trainState: paused ? 'paused' : 'running' } : {})),
  trainFinished: (trainStopped, bestEpoch) => set({ trainState: 'done', trainStopped, bestEpoch }),
  trainFailed: (trainError) => set({ trainState: 'error', trainError }),
});
