// Which run a screen shows. Two different questions, kept apart:
// - the Train step's table and loss chart show the run the user views (a stored one), else the live one;
// - Evaluate's curves, the report, the kept model and exports follow the model in use, i.e. the run its
//   origin (ModelInfo.origin, set by the worker) names, whatever run the Train step shows.
import type { Evaluation } from '../../../shared/eval/types';
import { lowestLossEpoch, originRunId, type ModelOrigin } from '../../../shared/modelOrigin';
import type { TrainEpoch, TrainPlanInfo } from '../../../shared/protocol';
import type { RunRecord } from '../../../shared/storage/runsDb';
import type { TrainRecipe } from '../../../shared/train/recipe';
import type { Store } from '../../store';
import type { LossPoint, TrainState } from '../train/trainSlice';

/** The Evaluate step's evaluation when it is of this run's model, else null. */
export function evaluationOfRun(evaluation: Evaluation | null, runId: string | null): Evaluation | null {
  return evaluation && runId !== null && evaluation.runId === runId ? evaluation : null;
}

/** The live run, as the worker's events built it in this tab. */
export interface LiveRun {
  runId: string | null;
  state: TrainState;
  epochs: readonly TrainEpoch[];
  lossPoints: readonly LossPoint[];
  plan: TrainPlanInfo | null;
  recipe: TrainRecipe | null;
  stopped: boolean;
  /** what the worker said it kept (trainDone) */
  keptEpoch: number | null;
}

/** The live run's fields of the store (select with useShallow: a new object each call). */
export function liveRunOf(s: Store): LiveRun {
  return {
    runId: s.currentRunId, state: s.trainState, epochs: s.trainEpochs, lossPoints: s.lossPoints, plan: s.trainPlan, recipe: s.runRecipe,
    stopped: s.trainStopped, keptEpoch: s.keptEpoch,
  };
}

export interface RunHistory {
  runId: string | null;
  epochs: readonly TrainEpoch[];
  lossPoints: readonly LossPoint[];
  plan: TrainPlanInfo | null;
  recipe: TrainRecipe | null;
}

/**
 * The run behind the model in use: the live run when the worker's origin names it, else that run's stored
 * record; a model trained here whose record is gone still has its origin's history. Null for a bundle that
 * names no run of this project, and for an untrained model.
 */
export function modelRunOf(origin: ModelOrigin | undefined, live: LiveRun, runs: readonly RunRecord[]): RunHistory | null {
  const runId = originRunId(origin);
  if (runId === null) return null;
  if (origin?.kind === 'trained' && runId === live.runId) return { runId, epochs: live.epochs, lossPoints: live.lossPoints, plan: live.plan, recipe: origin.recipe };
  const record = runs.find((r) => r.id === runId);
  if (record) return { runId, epochs: record.epochs, lossPoints: record.lossPoints, plan: record.plan, recipe: record.recipe };
  if (origin?.kind !== 'trained') return null;
  const epochs = origin.epochs.map((e) => ({ ...e, phase: e.phase === 'frozen' ? 'frozen' as const : 'unfrozen' as const, stage: 0, seconds: 0, memory: { numTensors: 0, numBytes: 0 } }));
  return { runId, epochs, lossPoints: [], plan: null, recipe: origin.recipe };
}

/** What the Train step's epoch table and loss chart show. */
export interface ShownRun {
  /** the stored run viewed, null: the live one */
  viewed: RunRecord | null;
  epochs: readonly TrainEpoch[];
  lossPoints: readonly LossPoint[];
  /** the epoch whose weights the run's model holds; null while it runs (or when it failed) */
  kept: number | null;
  /** while nothing is kept: the lowest valid_loss so far, the epoch Stop would keep */
  bestSoFar: number | null;
  /** the run was stopped: its kept epoch is the lowest valid_loss, not the last */
  stopped: boolean;
}

/** The viewed stored run when there is one, else the live run; never a mix of both. */
export function shownRunOf(live: LiveRun, viewed: RunRecord | null): ShownRun {
  if (viewed) {
    const kept = viewed.status === 'done' || viewed.status === 'stopped' ? viewed.keptEpoch : null;
    return {
      viewed, epochs: viewed.epochs, lossPoints: viewed.lossPoints, kept, stopped: viewed.status === 'stopped',
      bestSoFar: kept === null ? lowestLossEpoch(viewed.epochs) : null,
    };
  }
  const last = live.epochs[live.epochs.length - 1];
  // Where the worker did not say, the model has the last epoch's weights (the one rule: a completed run keeps its last).
  const kept = live.state === 'done' ? (live.keptEpoch ?? last?.epoch ?? null) : null;
  return {
    viewed: null, epochs: live.epochs, lossPoints: live.lossPoints, kept, stopped: live.state === 'done' && live.stopped,
    bestSoFar: kept === null ? lowestLossEpoch(live.epochs) : null,
  };
}
