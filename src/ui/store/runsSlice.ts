import type { StateCreator } from 'zustand';
import type { TrainEpoch } from '../../shared/protocol';
import type { RunLossPoint, RunRecord } from '../../shared/storage/runsDb';
import type { Store } from './index';

export type NoticeLevel = 'info' | 'warning' | 'error';

export interface TrainNotice {
  id: number;
  level: NoticeLevel;
  message: string;
}

/** Most runs compared side by side. */
export const MAX_COMPARE = 4;

export interface RunsSlice {
  /** runs of the current dataset, newest first (from the runs database) */
  runs: RunRecord[];
  /** the run the worker trains now (or trained last in this tab) */
  currentRunId: string | null;
  /** a stored run shown in the epoch table and chart instead of the live one; null: live */
  viewedRunId: string | null;
  compareRunIds: string[];
  trainNotices: TrainNotice[];
  /** the epoch whose weights the model kept (the best by validation loss when stopped early) */
  keptEpoch: number | null;
  runsLoaded: (runs: RunRecord[]) => void;
  trainRunStarted: (runId: string, epochs: TrainEpoch[], lossPoints: RunLossPoint[]) => void;
  trainNoticed: (level: NoticeLevel, message: string) => void;
  noticeDismissed: (id: number) => void;
  trainKept: (epoch: number | null) => void;
  runViewed: (run: RunRecord | null) => void;
  compareToggled: (runId: string) => void;
}

let nextNotice = 1;

export const createRunsSlice: StateCreator<Store, [], [], RunsSlice> = (set) => ({
  runs: [],
  currentRunId: null,
  viewedRunId: null,
  compareRunIds: [],
  trainNotices: [],
  keptEpoch: null,
  runsLoaded: (runs) =>
    set((s) => {
      const ids = new Set(runs.map((r) => r.id));
      return { runs, compareRunIds: s.compareRunIds.filter((id) => ids.has(id)), viewedRunId: s.viewedRunId && ids.has(s.viewedRunId) ? s.viewedRunId : null };
    }),
  // A (re)started run brings its history: the checkpoint's epochs on resume, none for a new run.
  trainRunStarted: (currentRunId, trainEpochs, lossPoints) =>
    set((s) => ({ currentRunId, viewedRunId: null, keptEpoch: null, trainEpochs, lossPoints, trainNotices: s.currentRunId === currentRunId ? s.trainNotices : [] })),
  trainNoticed: (level, message) => set((s) => ({ trainNotices: [...s.trainNotices, { id: nextNotice++, level, message }] })),
  noticeDismissed: (id) => set((s) => ({ trainNotices: s.trainNotices.filter((n) => n.id !== id) })),
  trainKept: (keptEpoch) => set({ keptEpoch }),
  // Viewing a stored run puts its history where the live run's goes; the live state comes back with the next run.
  runViewed: (run) =>
    set(run
      ? { viewedRunId: run.id, trainEpochs: run.epochs, lossPoints: run.lossPoints, bestEpoch: run.bestEpoch, keptEpoch: run.keptEpoch, trainPlan: run.plan }
      : { viewedRunId: null }),
  compareToggled: (id) =>
    set((s) => ({
      compareRunIds: s.compareRunIds.includes(id) ? s.compareRunIds.filter((x) => x !== id) : [...s.compareRunIds, id].slice(-MAX_COMPARE),
    })),
});
