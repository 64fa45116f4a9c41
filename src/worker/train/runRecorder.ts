import type { FromWorker, TrainEpoch, TrainPlanInfo } from '../../shared/protocol';
import {
  checkpointBytes, deleteCheckpoint, getCheckpoint, isQuotaError, putRun, saveCheckpoint,
  type CheckpointRecord, type EncodedWeights, type RunLossPoint, type RunRecord, type RunStatus,
} from '../../shared/storage/runsDb';
import { lowestLossEpoch as lowestLoss } from '../../shared/modelOrigin';
import type { TrainRecipe } from '../../shared/train/recipe';
import type { Classifier } from '../model/classifier';
import { captureState, type WeightScope } from './checkpoint';
import type { FitPosition } from './fit';
import type { AdamW } from './optimizer';

export { lowestLoss };

/** Points kept for a run's loss curve: beyond this the older half is thinned (as the live chart does). */
export const MAX_RUN_LOSS_POINTS = 1000;

export function appendThinned(points: RunLossPoint[], p: RunLossPoint, max = MAX_RUN_LOSS_POINTS): RunLossPoint[] {
  const next = [...points, p];
  if (next.length <= max) return next;
  const half = Math.floor(next.length / 2);
  return [...next.slice(0, half).filter((_, i) => i % 2 === 0), ...next.slice(half)];
}

/** TEST ONLY: how long `?fault=slow-checkpoint@E` keeps the checkpoint's transaction open. */
const SLOW_CHECKPOINT_MS = 15_000;

const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;

async function storageNote(): Promise<string> {
  try {
    const e = await navigator.storage?.estimate?.();
    if (e?.quota) return ` (this site uses ${mb(e.usage ?? 0)} of the ${mb(e.quota)} the browser allows)`;
  } catch {
    // no estimate: say nothing more
  }
  return '';
}

/**
 * The run's record in the runs database while the worker trains it: history, loss curve, best epoch, and
 * a checkpoint after every epoch (weights + optimizer state + position, atomically with the history).
 * A full disk turns checkpoints off with a notice; training goes on.
 */
export class RunRecorder {
  private checkpointsOn = true;
  private recordWarned = false;
  private sessionStart = performance.now();
  /** weights of the lowest-validation-loss epoch, in memory: a stop keeps them */
  best: { epoch: number; validLoss: number; weights: EncodedWeights } | null = null;

  constructor(
    readonly run: RunRecord,
    private readonly post: (m: FromWorker) => void,
    /** TEST ONLY (`?fault=slow-checkpoint@E`): whether the checkpoint of this epoch is written slowly */
    private readonly slowCheckpoint: (epoch: number) => boolean = () => false,
    /** which weights checkpoints and the best epoch hold: 'head' in fast mode (the body never changes) */
    readonly scope: WeightScope = 'all',
  ) {}

  static create(o: { id: string; dataset: string; recipe: TrainRecipe; plan: TrainPlanInfo; backend: string; backbone: string; datasetRevision: number }): RunRecord {
    const now = Date.now();
    return {
      ...o, createdAt: now, updatedAt: now, status: 'running', epochs: [], lossPoints: [], bestEpoch: null, keptEpoch: null, summary: null,
      checkpointEpoch: null, trainSeconds: 0, message: null,
    };
  }

  /** A resumed run: back to its checkpoint (later epochs, if any were recorded, are run again). */
  rewind(checkpoint: CheckpointRecord | null): void {
    const upTo = checkpoint ? checkpoint.epoch : -1;
    const step = checkpoint ? checkpoint.next.step : 0;
    this.run.epochs = this.run.epochs.filter((e) => e.epoch <= upTo);
    this.run.lossPoints = this.run.lossPoints.filter((p) => p.step < step);
    this.run.checkpointEpoch = checkpoint?.epoch ?? null;
    this.run.bestEpoch = lowestLoss(this.run.epochs);
    this.run.status = 'running';
    this.run.message = null;
    this.best = null;
    if (checkpoint?.best) {
      const weights = checkpoint.best.weights ?? (checkpoint.best.epoch === checkpoint.epoch ? checkpoint.weights : null);
      if (weights) this.best = { epoch: checkpoint.best.epoch, validLoss: checkpoint.best.validLoss, weights };
    }
  }

  /** Pause and resume show in the runs list; a paused run left by a closed page is resumable. */
  async setPaused(paused: boolean): Promise<void> {
    if (this.run.status !== 'running' && this.run.status !== 'paused') return;
    this.run.status = paused ? 'paused' : 'running';
    await this.write();
  }

  addLossPoint(p: RunLossPoint): void {
    this.run.lossPoints = appendThinned(this.run.lossPoints, p);
  }

  private elapsed(): number {
    const now = performance.now();
    const s = (now - this.sessionStart) / 1000;
    this.sessionStart = now;
    return s;
  }

  async start(): Promise<void> {
    this.run.status = 'running';
    await this.write();
  }

  /** After each epoch: history, best epoch, and the checkpoint, in one transaction. */
  async afterEpoch(epoch: TrainEpoch, next: FitPosition, classifier: Classifier, optimizer: AdamW): Promise<void> {
    this.run.epochs = [...this.run.epochs.filter((e) => e.epoch !== epoch.epoch), epoch];
    this.run.trainSeconds += this.elapsed();
    this.run.updatedAt = Date.now();
    const state = await captureState(classifier, optimizer, this.scope);
    if (epoch.validLoss !== null && Number.isFinite(epoch.validLoss) && (!this.best || epoch.validLoss < this.best.validLoss)) {
      this.best = { epoch: epoch.epoch, validLoss: epoch.validLoss, weights: state.weights };
    }
    this.run.bestEpoch = this.best?.epoch ?? null;
    if (!this.checkpointsOn) {
      await this.write();
      return;
    }
    const best = this.best ? { epoch: this.best.epoch, validLoss: this.best.validLoss, weights: this.best.epoch === epoch.epoch ? null : this.best.weights } : null;
    const record: CheckpointRecord = {
      runId: this.run.id, epoch: epoch.epoch, next, weights: state.weights, optimizer: state.optimizer, best, savedAt: Date.now(), bytes: 0,
    };
    record.bytes = checkpointBytes(record);
    try {
      const hold = this.slowCheckpoint(epoch.epoch)
        ? {
          ms: SLOW_CHECKPOINT_MS,
          onHeld: () => this.post({
            type: 'trainNotice', level: 'info',
            message: `Test only (?fault=slow-checkpoint@${epoch.epoch}): the checkpoint of epoch ${epoch.epoch} is being written, held open for ${SLOW_CHECKPOINT_MS / 1000} s.`,
          }),
        }
        : undefined;
      await saveCheckpoint({ ...this.run, checkpointEpoch: epoch.epoch }, record, hold);
      this.run.checkpointEpoch = epoch.epoch;
    } catch (e) {
      // Storage trouble never ends training: say what happened and go on without checkpoints.
      this.checkpointsOn = false;
      const note = isQuotaError(e)
        ? `Storage is full: the checkpoint of epoch ${epoch.epoch} needs ${mb(record.bytes)}${await storageNote()}. ` +
          'Training goes on without checkpoints; this run cannot be resumed after a reload. Free space by deleting old runs.'
        : `The checkpoint of epoch ${epoch.epoch} could not be stored (${e instanceof Error ? e.message : String(e)}). ` +
          'Training goes on without checkpoints; this run cannot be resumed after a reload.';
      this.run.message = note;
      this.post({ type: 'trainNotice', level: 'warning', message: note });
      await this.write();
    }
  }

  async finish(status: Exclude<RunStatus, 'running' | 'paused'>, o: { keptEpoch?: number | null; message?: string | null } = {}): Promise<void> {
    this.run.status = status;
    this.run.keptEpoch = o.keptEpoch ?? null;
    const kept = this.run.epochs.find((e) => e.epoch === this.run.keptEpoch);
    this.run.summary = kept ? { epoch: kept.epoch, trainLoss: kept.trainLoss, validLoss: kept.validLoss, validAccuracy: kept.validAccuracy } : null;
    if (o.message !== undefined) this.run.message = o.message;
    this.run.trainSeconds += this.elapsed();
    this.run.updatedAt = Date.now();
    if (status !== 'error') {
      // a finished run needs no checkpoint: free its space
      this.run.checkpointEpoch = null;
      await deleteCheckpoint(this.run.id).catch(() => undefined);
    }
    await this.write();
  }

  /** The stored checkpoint to restart from, or null (none yet, or checkpoints are off). */
  async lastCheckpoint(): Promise<CheckpointRecord | null> {
    if (this.run.checkpointEpoch === null) return null;
    try {
      return (await getCheckpoint(this.run.id)) ?? null;
    } catch {
      return null; // unreadable: start over rather than fail
    }
  }

  private async write(): Promise<void> {
    try {
      await putRun(this.run);
    } catch (e) {
      // the run's record is small; if even it cannot be written, training still goes on (said once)
      if (this.recordWarned) return;
      this.recordWarned = true;
      this.post({ type: 'trainNotice', level: 'warning', message: `This run cannot be recorded in the browser's storage (${e instanceof Error ? e.message : String(e)}); training goes on.` });
    }
  }
}
