import type { StateCreator } from 'zustand';
import type { TrainEpoch } from '../../../shared/protocol';
import type { RunLossPoint, RunRecord } from '../../../shared/storage/runsDb';
import type { Store } from '../../store';

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
  /**
   * A stored run shown in the Train step's epoch table and chart instead of the live one; null: live. Its
   * own state: viewing never touches the live run's fields (trainEpochs, lossPoints, keptEpoch, trainPlan…).
   */
  viewedRun: RunRecord | null;
  compareRunIds: string[];
  trainNotices: TrainNotice[];
  /** the live run's kept epoch, as the worker said (trainDone): Stop keeps the lowest valid_loss, a completed run its last */
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
  viewedRun: null,
  compareRunIds: [],
  trainNotices: [],
  keptEpoch: null,
  runsLoaded: (runs) =>
    set((s) => {
      const ids = new Set(runs.map((r) => r.id));
      const viewedRun = s.viewedRun ? (runs.find((r) => r.id === s.viewedRun!.id) ?? null) : null;
      return { runs, compareRunIds: s.compareRunIds.filter((id) => ids.has(id)), viewedRun };
    }),
  // A (re)started run brings its history: the checkpoint's epochs on resume, none for a new run.
  trainRunStarted: (currentRunId, trainEpochs, lossPoints) =>
    set((s) => ({ currentRunId, viewedRun: null, keptEpoch: null, trainEpochs, lossPoints, trainNotices: s.currentRunId === currentRunId ? s.trainNotices : [] })),
  trainNoticed: (level, message) => set((s) => ({ trainNotices: [...s.trainNotices, { id: nextNotice++, level, message }] })),
  noticeDismissed: (id) => set((s) => ({ trainNotices: s.trainNotices.filter((n) => n.id !== id) })),
  trainKept: (keptEpoch) => set({ keptEpoch }),
  // Only the view changes: the live run (and the model, and what an export writes) stay as they are.
  runViewed: (viewedRun) => set({ viewedRun }),
  compareToggled: (id) =>
    set((s) => ({
      compareRunIds: s.compareRunIds.includes(id) ? s.compareRunIds.filter((x) => x !== id) : [...s.compareRunIds, id].slice(-MAX_COMPARE),
    })),
});
