// Shapes stored training runs for the Train step's runs list, resume offer and comparison table. Epochs
// are counted from 1 here, as everywhere people read them.

import { keptReason } from '../../../shared/modelOrigin';
import { isResumable, type RunRecord } from '../../../shared/storage/runsDb';
import type { TrainState } from './trainSlice';

const fixed = (v: number | null | undefined, digits: number): string => (v === null || v === undefined || !Number.isFinite(v) ? '—' : v.toFixed(digits));

export interface RunRow {
  id: string;
  date: string;
  recipe: string;
  /** "2/3" finished of planned */
  epochs: string;
  epochsDone: number;
  status: RunRecord['status'];
  bestEpoch: number | null;
  /** plain decimals for data attributes, '' when unknown */
  bestLossValue: string;
  bestAccuracyValue: string;
  bestLoss: string;
  bestAccuracy: string;
  /** `resnet50-tiny · fast`: what was trained, and how */
  model: string;
  backbone: string;
  mode: string;
  /** image sizes the finished epochs ran at, in order: `32 → 48 px` */
  sizes: string;
  /** the epoch whose weights the run ended with, 1-based as people count ('' before the end) */
  keptEpoch: string;
  /** validation accuracy of that epoch: the run's result */
  keptAccuracy: string;
  keptAccuracyValue: string;
  /** valid_loss of the kept epoch (not of another one) */
  keptLoss: string;
  /** the kept epoch is the run's last (a completed run; a stopped one whose last was its lowest valid_loss) */
  keptLast: boolean;
  /** why that epoch: the one rule, in words */
  keptWhy: string;
}

/** The image sizes epochs actually ran at, each once in order (a stopped run shows only what it reached). */
export function sizesRun(run: Pick<RunRecord, 'epochs'>): string {
  const sizes: number[] = [];
  for (const e of run.epochs) if (sizes[sizes.length - 1] !== e.size) sizes.push(e.size);
  return sizes.length ? `${sizes.join(' → ')} px` : '—';
}

export function formatRunDate(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** `32x2,48x1 · bs 8 · lr 0.002 · seed 1`: the recipe in fastai's words, shortly. */
export function recipeSummary(r: RunRecord['recipe']): string {
  const parts = [r.schedule, `bs ${r.batchSize}`, `lr ${r.baseLr}`, `freeze ${r.freezeEpochs}`, `seed ${r.seed}`];
  if (r.labelSmoothing > 0) parts.push(`ls ${r.labelSmoothing}`);
  if (!r.augment) parts.push('no aug');
  return parts.join(' · ');
}

/** The kept epoch (the run's summary, else the recorded kept epoch), its numbers, and why it was kept. */
function keptOf(run: RunRecord): Pick<RunRow, 'keptEpoch' | 'keptAccuracy' | 'keptAccuracyValue' | 'keptLoss' | 'keptLast' | 'keptWhy'> {
  const epoch = run.summary?.epoch ?? run.keptEpoch;
  const e = epoch === null || epoch === undefined ? null : run.epochs.find((x) => x.epoch === epoch) ?? null;
  const acc = run.summary?.validAccuracy ?? e?.validAccuracy ?? null;
  const loss = run.summary ? run.summary.validLoss : (e?.validLoss ?? null);
  return {
    keptEpoch: epoch === null || epoch === undefined ? '' : String(epoch + 1),
    keptAccuracy: acc === null || !Number.isFinite(acc) ? '—' : `${(acc * 100).toFixed(1)} %`,
    keptAccuracyValue: acc === null || !Number.isFinite(acc) ? '' : acc.toFixed(4),
    keptLoss: fixed(loss, 4),
    keptLast: epoch !== null && epoch !== undefined && epoch === run.epochs[run.epochs.length - 1]?.epoch,
    keptWhy: keptReason(run.status === 'stopped', loss !== null),
  };
}

export function runRow(run: RunRecord): RunRow {
  const best = run.epochs.find((e) => e.epoch === run.bestEpoch) ?? null;
  return {
    id: run.id,
    date: formatRunDate(run.createdAt),
    recipe: recipeSummary(run.recipe),
    epochs: `${run.epochs.length}/${run.plan.perEpoch.length}`,
    epochsDone: run.epochs.length,
    status: run.status,
    bestEpoch: run.bestEpoch,
    bestLossValue: best?.validLoss != null && Number.isFinite(best.validLoss) ? best.validLoss.toFixed(4) : '',
    bestAccuracyValue: best?.validAccuracy != null && Number.isFinite(best.validAccuracy) ? best.validAccuracy.toFixed(4) : '',
    bestLoss: fixed(best?.validLoss, 4),
    bestAccuracy: fixed(best?.validAccuracy, 4),
    ...keptOf(run),
    backbone: run.backbone,
    mode: run.recipe.mode ?? 'full',
    model: `${run.backbone} · ${run.recipe.mode ?? 'full'}`,
    sizes: sizesRun(run),
  };
}

/**
 * The newest run that can go on from its checkpoint and that this tab's worker does not drive now: a
 * 'running' record left by a closed or reloaded page, or a run that failed after a checkpoint.
 */
export function resumableRun(runs: readonly RunRecord[], currentRunId: string | null, state: TrainState): RunRecord | null {
  const active = state === 'running' || state === 'paused';
  return runs.find((r) => isResumable(r) && !(active && r.id === currentRunId)) ?? null;
}

export interface CompareRow {
  label: string;
  values: string[];
}

/** Runs side by side: one row per property, one column per run. */
export function compareRows(runs: readonly RunRecord[]): CompareRow[] {
  const last = (r: RunRecord) => r.epochs[r.epochs.length - 1] ?? null;
  const best = (r: RunRecord) => r.epochs.find((e) => e.epoch === r.bestEpoch) ?? null;
  const row = (label: string, f: (r: RunRecord) => string): CompareRow => ({ label, values: runs.map(f) });
  return [
    row('started', (r) => formatRunDate(r.createdAt)),
    row('status', (r) => r.status),
    row('schedule', (r) => r.recipe.schedule),
    row('bs', (r) => String(r.recipe.batchSize)),
    row('base_lr', (r) => String(r.recipe.baseLr)),
    row('freeze_epochs', (r) => String(r.recipe.freezeEpochs)),
    row('seed', (r) => String(r.recipe.seed)),
    row('epochs', (r) => `${r.epochs.length}/${r.plan.perEpoch.length}`),
    row('lowest valid_loss at epoch', (r) => (r.bestEpoch === null ? '—' : String(r.bestEpoch + 1))),
    row('best valid_loss', (r) => fixed(best(r)?.validLoss, 4)),
    row('accuracy at best', (r) => fixed(best(r)?.validAccuracy, 4)),
    row('kept epoch', (r) => (r.keptEpoch === null ? '—' : String(r.keptEpoch + 1))),
    row('last valid_loss', (r) => fixed(last(r)?.validLoss, 4)),
    row('last accuracy', (r) => fixed(last(r)?.validAccuracy, 4)),
    row('train time', (r) => `${Math.round(r.trainSeconds)} s`),
    row('backend', (r) => r.backend),
  ];
}
