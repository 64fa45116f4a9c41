// Where the loaded model came from, as the compute worker knows it. Set when the worker adopts a model
// (a run's result, a bundle, a fresh backbone) and carried in ModelInfo: bundles, project files and the
// model kept after a run write this, never whatever the UI happens to show (a viewed old run, say).
//
// The kept epoch, one rule everywhere: a run that completes keeps its last epoch's weights (as fastai's
// fit does); Stop keeps the epoch with the lowest validation loss (the last one when none was validated).
// Epochs are 0-based in data (as fastai prints them); every sentence for people counts them from 1.

import type { BundleJson, BundleTrainingEpoch } from './bundle/format';
import type { Preprocessing } from './models/preprocessingKinds';
import type { TrainRecipe } from './train/recipe';

/** Consecutive epochs at one image size. */
export interface SizeRun {
  size: number;
  epochs: number;
}

/** The kept epoch's numbers (validation ones null without validation images). */
export interface KeptMetrics {
  epoch: number;
  trainLoss: number;
  validLoss: number | null;
  validAccuracy: number | null;
}

/** A model a run of this app trained, in this worker. */
export interface TrainedOrigin {
  kind: 'trained';
  runId: string;
  /** 0-based epoch whose weights the model holds */
  keptEpoch: number;
  /** true: Stop ended the run (kept: lowest validation loss); false: it completed (kept: the last epoch) */
  stopped: boolean;
  /** the recipe the run actually used (a resumed run's own, not the form's) */
  recipe: TrainRecipe;
  trainImages: number;
  validImages: number;
  /** image sizes and epochs as planned (`?` resolved; fast mode: all at its one size) */
  planned: SizeRun[];
  /** the finished epochs, in order */
  epochs: BundleTrainingEpoch[];
  preprocessing: { normalization: Preprocessing; inputSize: number; dataBarCrop: boolean | null };
  metrics: KeptMetrics;
}

/** A model loaded from a bundle (a file, a link, a model kept in the project). */
export interface BundleOrigin {
  kind: 'bundle';
  name: string;
  /** the absolute URL it came from, null from a file */
  url: string | null;
  /** the run of this app that trained it, when its bundle.json says so (a kept model does) */
  runId: string | null;
  /** 0-based epoch whose weights it holds, when its bundle.json says so */
  keptEpoch: number | null;
  validAccuracy: number | null;
}

export type ModelOrigin = { kind: 'untrained' } | TrainedOrigin | BundleOrigin;

export const UNTRAINED: ModelOrigin = { kind: 'untrained' };

/** The epoch with the lowest validation loss (what Stop keeps), ignoring missing and non-finite losses; null when none. */
export function lowestLossEpoch(epochs: readonly { epoch: number; validLoss: number | null }[]): number | null {
  let best: { epoch: number; validLoss: number } | null = null;
  for (const e of epochs) {
    if (e.validLoss !== null && Number.isFinite(e.validLoss) && (!best || e.validLoss < best.validLoss)) best = { epoch: e.epoch, validLoss: e.validLoss };
  }
  return best?.epoch ?? null;
}

/** Sizes grouped into runs of consecutive equal sizes: [32, 32, 48] → 32×2, 48×1. */
export function sizeRuns(sizes: readonly number[]): SizeRun[] {
  const out: SizeRun[] = [];
  for (const size of sizes) {
    const last = out[out.length - 1];
    if (last && last.size === size) last.epochs += 1;
    else out.push({ size, epochs: 1 });
  }
  return out;
}

/** `2 at 32 px, 1 at 48 px` */
export function describeSizeRuns(runs: readonly SizeRun[]): string {
  return runs.map((r) => `${r.epochs} at ${r.size} px`).join(', ');
}

/** `32x2,48x1`: the schedule notation (src/shared/train/schedule.ts) of sizes as run or planned. */
export function scheduleOf(runs: readonly SizeRun[]): string {
  return runs.map((r) => `${r.size}x${r.epochs}`).join(',');
}

/** An epoch row as runs and bundles record it (bundle.json's training.epochs). */
type EpochLike = BundleTrainingEpoch;

/** The origin of a run's model; throws when the kept epoch is not among the finished ones (a bug, not input). */
export function trainedOrigin(o: {
  runId: string;
  recipe: TrainRecipe;
  plan: { trainImages: number; validImages: number; perEpoch: readonly { size: number }[] };
  epochs: readonly EpochLike[];
  keptEpoch: number;
  stopped: boolean;
  normalization: Preprocessing;
  inputSize: number;
  dataBarCrop: boolean | null;
}): TrainedOrigin {
  const kept = o.epochs.find((e) => e.epoch === o.keptEpoch);
  if (!kept) throw new Error(`internal: the kept epoch ${o.keptEpoch} is not among the run's ${o.epochs.length} finished epochs`);
  return {
    kind: 'trained',
    runId: o.runId,
    keptEpoch: o.keptEpoch,
    stopped: o.stopped,
    recipe: o.recipe,
    trainImages: o.plan.trainImages,
    validImages: o.plan.validImages,
    planned: sizeRuns(o.plan.perEpoch.map((e) => e.size)),
    epochs: o.epochs.map((e) => ({
      epoch: e.epoch, phase: e.phase, size: e.size, trainLoss: e.trainLoss, validLoss: e.validLoss, validAccuracy: e.validAccuracy,
    })),
    preprocessing: { normalization: o.normalization, inputSize: o.inputSize, dataBarCrop: o.dataBarCrop },
    metrics: { epoch: kept.epoch, trainLoss: kept.trainLoss, validLoss: kept.validLoss, validAccuracy: kept.validAccuracy },
  };
}

/** The origin of a model loaded from a bundle: what its bundle.json says about it. */
export function bundleOrigin(b: Pick<BundleJson, 'name' | 'training' | 'metrics'>, url: string | null): BundleOrigin {
  const t = b.training;
  return {
    kind: 'bundle',
    name: b.name,
    url,
    runId: typeof t?.runId === 'string' ? t.runId : null,
    keptEpoch: typeof t?.keptEpoch === 'number' ? t.keptEpoch : t?.epochs.length ? t.epochs[t.epochs.length - 1].epoch : null,
    validAccuracy: typeof b.metrics?.validAccuracy === 'number' ? b.metrics.validAccuracy : null,
  };
}

/** The stored run behind the model, when one is known. */
export function originRunId(o: ModelOrigin | undefined): string | null {
  return o?.kind === 'trained' ? o.runId : o?.kind === 'bundle' ? o.runId : null;
}

/** 0-based epoch whose weights the model holds, when known. */
export function originKeptEpoch(o: ModelOrigin | undefined): number | null {
  return o?.kind === 'trained' || o?.kind === 'bundle' ? o.keptEpoch : null;
}

/** Validation accuracy of the model's weights (its kept epoch's), when known. */
export function originAccuracy(o: ModelOrigin | undefined): number | null {
  return o?.kind === 'trained' ? o.metrics.validAccuracy : o?.kind === 'bundle' ? o.validAccuracy : null;
}

/** Whether the model was trained by a run in this tab's worker (not loaded from a bundle). */
export function trainedHere(model: { origin?: ModelOrigin } | null | undefined): boolean {
  return model?.origin?.kind === 'trained';
}

/** The bundle's name, when the model came from one. */
export function bundleName(model: { origin?: ModelOrigin } | null | undefined): string | null {
  return model?.origin?.kind === 'bundle' ? model.origin.name : null;
}

/** The origin in one line for people: what an export of the model will say about it. */
export function describeOrigin(o: ModelOrigin): string {
  const pct = (v: number | null) => (v === null ? '' : `, validation accuracy ${(v * 100).toFixed(1)} %`);
  if (o.kind === 'untrained') return 'untrained head';
  if (o.kind === 'bundle') {
    const epoch = o.keptEpoch === null ? '' : `, weights of epoch ${o.keptEpoch + 1} of its run`;
    return `bundle “${o.name}”${epoch}${pct(o.validAccuracy)}`;
  }
  const ran = describeSizeRuns(sizeRuns(o.epochs.map((e) => e.size)));
  return `trained here: ${o.epochs.length} epoch${o.epochs.length === 1 ? '' : 's'} (${ran}), weights of epoch ${o.keptEpoch + 1} ` +
    `(${keptReason(o.stopped, o.metrics.validLoss !== null)})${pct(o.metrics.validAccuracy)}`;
}

/** Why this epoch's weights were kept, in words: the same sentence wherever the kept epoch is named. */
export function keptReason(stopped: boolean, validated = true): string {
  if (!stopped) return 'the run completed: its last epoch, as fastai keeps';
  return validated ? 'stopped early: the lowest valid_loss' : 'stopped early, nothing validated: the last epoch';
}
