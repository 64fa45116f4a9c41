// Training runs and their checkpoints, in their own IndexedDB database (the dataset database keeps its
// schema version). The compute worker writes them while it trains; the UI lists, compares and deletes them.
// A run keeps one checkpoint, replaced after every epoch in one transaction together with the run's
// history: after a crash the checkpoint and the history agree, and a checkpoint is whole or absent.

import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { TrainEpoch, TrainPlanInfo } from '../protocol';
import type { SmootherState } from '../train/lrSuggest';
import type { TrainRecipe } from '../train/recipe';
import { newId } from './ids';

export { isQuotaError } from './datasetDb';

export const RUNS_DB_NAME = 'sem-runs';

export type RunStatus = 'running' | 'paused' | 'done' | 'stopped' | 'error';

/** tf.io.encodeWeights' output, as stored (plain data). */
export interface EncodedWeights {
  data: ArrayBuffer;
  specs: { name: string; shape: number[]; dtype: string }[];
}

export interface RunLossPoint {
  step: number;
  loss: number;
  smoothLoss: number;
}

export interface RunRecord {
  id: string;
  dataset: string;
  createdAt: number;
  updatedAt: number;
  recipe: TrainRecipe;
  plan: TrainPlanInfo;
  status: RunStatus;
  /** finished epochs, in order */
  epochs: TrainEpoch[];
  /** thinned like the live chart (thinLossPoints) */
  lossPoints: RunLossPoint[];
  /** epoch with the lowest validation loss, null without validation */
  bestEpoch: number | null;
  /** the epoch whose weights the run ended with (the best one when stopped early) */
  keptEpoch: number | null;
  /** metrics of the kept epoch once the run ended (done or stopped), else null */
  summary: { epoch: number; trainLoss: number; validLoss: number | null; validAccuracy: number | null } | null;
  /** the epoch of the stored checkpoint, null before the first or when checkpoints failed */
  checkpointEpoch: number | null;
  backend: string;
  backbone: string;
  /** training time summed over sessions (a resumed run adds up) */
  trainSeconds: number;
  /** why it failed, or a note such as "checkpoints off: storage full" */
  message: string | null;
  /** the dataset's revision (DatasetMeta.revision) the run trained on; absent in runs from before it was kept */
  datasetRevision?: number;
}

export interface CheckpointRecord {
  runId: string;
  /** last finished epoch (0-based) */
  epoch: number;
  /** where training goes on: next epoch, global step, batch size, smoothed-loss state */
  next: { epoch: number; step: number; batchSize?: number; smoother?: SmootherState };
  weights: EncodedWeights;
  optimizer: EncodedWeights;
  /** weights of the epoch with the lowest validation loss, when it is not this one (kept on stop) */
  best: { epoch: number; validLoss: number; weights: EncodedWeights | null } | null;
  savedAt: number;
  bytes: number;
}

interface RunsSchema extends DBSchema {
  runs: { key: string; value: RunRecord; indexes: { dataset: string } };
  checkpoints: { key: string; value: CheckpointRecord };
}

let dbPromise: Promise<IDBPDatabase<RunsSchema>> | null = null;

export function openRunsDb(): Promise<IDBPDatabase<RunsSchema>> {
  dbPromise ??= openDB<RunsSchema>(RUNS_DB_NAME, 1, {
    upgrade(db) {
      db.createObjectStore('runs', { keyPath: 'id' }).createIndex('dataset', 'dataset');
      db.createObjectStore('checkpoints', { keyPath: 'runId' });
    },
    blocking() {
      void dbPromise?.then((db) => db.close());
      dbPromise = null;
    },
  });
  return dbPromise;
}

export function newRunId(now = Date.now()): string {
  return newId('run', now);
}

/** Runs of a dataset, newest first. */
export async function listRuns(dataset: string): Promise<RunRecord[]> {
  const runs = await (await openRunsDb()).getAllFromIndex('runs', 'dataset', dataset);
  return runs.sort((a, b) => b.createdAt - a.createdAt);
}

export async function getRun(id: string): Promise<RunRecord | undefined> {
  return (await openRunsDb()).get('runs', id);
}

export async function putRun(run: RunRecord): Promise<void> {
  await (await openRunsDb()).put('runs', run);
}

export async function getCheckpoint(runId: string): Promise<CheckpointRecord | undefined> {
  return (await openRunsDb()).get('checkpoints', runId);
}

export function checkpointBytes(c: Pick<CheckpointRecord, 'weights' | 'optimizer' | 'best'>): number {
  return c.weights.data.byteLength + c.optimizer.data.byteLength + (c.best?.weights?.data.byteLength ?? 0);
}

/**
 * The run's new state and its checkpoint in one transaction: the put replaces the previous checkpoint, so
 * an interrupted write leaves the previous one and the previous history. Rejects with the browser's
 * QuotaExceededError when storage is full.
 */
export async function saveCheckpoint(run: RunRecord, checkpoint: CheckpointRecord, hold?: CheckpointHold): Promise<void> {
  const db = await openRunsDb();
  const tx = db.transaction(['runs', 'checkpoints'], 'readwrite');
  void tx.objectStore('checkpoints').put(checkpoint);
  void tx.objectStore('runs').put(run);
  if (hold) {
    // A transaction commits once no request is pending: chained reads keep this one open, both puts done
    // but not committed, until the deadline.
    const until = Date.now() + hold.ms;
    let told = false;
    while (Date.now() < until) {
      await tx.objectStore('runs').count();
      if (!told) hold.onHeld();
      told = true;
    }
  }
  await tx.done;
}

/** TEST ONLY (`?fault=slow-checkpoint@E`): keep the checkpoint's transaction open for `ms`, saying when it is. */
export interface CheckpointHold {
  ms: number;
  onHeld: () => void;
}

export async function deleteCheckpoint(runId: string): Promise<void> {
  await (await openRunsDb()).delete('checkpoints', runId);
}

/** A run and its checkpoint. */
export async function deleteRun(id: string): Promise<void> {
  const db = await openRunsDb();
  const tx = db.transaction(['runs', 'checkpoints'], 'readwrite');
  void tx.objectStore('runs').delete(id);
  void tx.objectStore('checkpoints').delete(id);
  await tx.done;
}

/** A run the worker no longer drives (the page was closed or reloaded) that can go on from its checkpoint. */
export function isResumable(run: RunRecord): boolean {
  return (run.status === 'running' || run.status === 'paused' || run.status === 'error') && run.checkpointEpoch !== null &&
    run.checkpointEpoch < run.plan.perEpoch.length - 1;
}
