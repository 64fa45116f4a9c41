// Plain functions over the Classify rows: what the table shows, and what the exports write.
import { groundTruthLabel } from '../../../shared/eval/groundTruth';
import { toCsv, type CsvCell } from '../../../shared/eval/csv';
import type { PredictionRow } from './classifySlice';

export interface PredictionFilter {
  /** top-1 label to keep, null for all */
  label: string | null;
  uncertainOnly: boolean;
  /** only images the unfamiliar-image check flagged */
  unfamiliarOnly: boolean;
  /** case-insensitive substring of the file path */
  search: string;
}

export const NO_FILTER: PredictionFilter = { label: null, uncertainOnly: false, unfamiliarOnly: false, search: '' };

/** A classified image whose features lie farther from every class's training images than 99 % of those do. */
export function isUnfamiliar(row: PredictionRow): boolean {
  return row.state === 'done' && row.novelty?.unfamiliar === true;
}

/** A classified image whose top-1 probability is below the threshold. Failed and pending rows are not. */
export function isUncertain(row: PredictionRow, below: number): boolean {
  return row.state === 'done' && row.top.length > 0 && row.top[0].probability < below;
}

export function filterPredictions(rows: readonly PredictionRow[], f: PredictionFilter, below: number): PredictionRow[] {
  const needle = f.search.trim().toLowerCase();
  // rows of a model without the check hide the checkbox: a filter left ticked must not hide them all
  const unfamiliarOnly = f.unfamiliarOnly && rows.some((r) => r.novelty);
  if (!f.label && !f.uncertainOnly && !unfamiliarOnly && !needle) return rows as PredictionRow[];
  return rows.filter(
    (r) =>
      (!f.label || r.top[0]?.label === f.label) &&
      (!f.uncertainOnly || isUncertain(r, below)) &&
      (!unfamiliarOnly || isUnfamiliar(r)) &&
      (!needle || r.file.toLowerCase().includes(needle)),
  );
}

/** Predicted labels with how many images got each, most frequent first. */
export function labelCounts(rows: readonly PredictionRow[]): { label: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const r of rows) if (r.state === 'done' && r.top[0]) counts.set(r.top[0].label, (counts.get(r.top[0].label) ?? 0) + 1);
  return [...counts].map(([label, count]) => ({ label, count })).sort((a, b) => b.count - a.count || a.label.localeCompare(b.label));
}

export function summary(rows: readonly PredictionRow[], below: number): { done: number; failed: number; uncertain: number; unfamiliar: number; checked: number } {
  let done = 0;
  let failed = 0;
  let uncertain = 0;
  let unfamiliar = 0;
  let checked = 0;
  for (const r of rows) {
    if (r.state === 'done') done++;
    else if (r.state === 'error') failed++;
    if (isUncertain(r, below)) uncertain++;
    if (isUnfamiliar(r)) unfamiliar++;
    if (r.state === 'done' && r.novelty) checked++;
  }
  return { done, failed, uncertain, unfamiliar, checked };
}

/** Page `page` (0-based) of `size` rows, clamped; `pages` is at least 1. */
export function pageSlice<T>(rows: readonly T[], page: number, size: number): { rows: T[]; page: number; pages: number } {
  const pages = Math.max(1, Math.ceil(rows.length / size));
  const p = Math.min(Math.max(0, page), pages - 1);
  return { rows: rows.slice(p * size, (p + 1) * size), page: p, pages };
}

export const CSV_HEADER = [
  'file', 'label', 'confidence',
  'top1_label', 'top1_probability', 'top2_label', 'top2_probability', 'top3_label', 'top3_probability',
  'uncertain', 'error', 'true_label', 'model_id', 'date',
  // from the file's TIFF tags or sidecar (empty when unknown): nm per pixel of the file as given
  'pixel_size_nm', 'pixel_size_source', 'magnification', 'kv', 'detector',
  // the unfamiliar-image check (empty when the model has none): flagged, the distance and the threshold it was held to
  'unfamiliar', 'feature_distance', 'unfamiliar_above',
];

/** Which model classified the rows, and when the file was written: the same on every line. */
export interface CsvContext {
  modelId: string;
  date: Date;
}

/** One line per image, in table order; failed images keep their line with the reason in `error`. */
export function predictionsCsv(rows: readonly PredictionRow[], below: number, ctx: CsvContext = { modelId: '', date: new Date() }): string {
  const date = ctx.date.toISOString();
  const lines: CsvCell[][] = rows.map((r) => {
    const top: CsvCell[] = [];
    for (let i = 0; i < 3; i++) top.push(r.top[i]?.label ?? '', r.top[i]?.probability ?? null);
    const best = r.state === 'done' ? r.top[0] : undefined;
    const error = r.state === 'error' ? r.error : r.state === 'pending' ? 'not classified yet' : '';
    // The class folder above the image, when there is one: the ground truth of a labelled test folder.
    const truth = r.classNames ? groundTruthLabel(r.file, r.classNames) : -1;
    const m = r.instrument;
    const n = r.state === 'done' ? r.novelty : null;
    return [r.file, best?.label ?? '', best?.probability ?? null, ...top, r.state === 'done' ? isUncertain(r, below) : '', error,
      truth >= 0 ? r.classNames![truth] : '', ctx.modelId, date,
      m?.pixelSizeNm ?? null, m?.pixelSizeSource ?? null, m?.magnification ?? null, m?.kV ?? null, m?.detector ?? null,
      n ? n.unfamiliar : '', n?.distance ?? null, n?.threshold ?? null];
  });
  return toCsv(CSV_HEADER, lines);
}

export interface PredictionsJson {
  model: { backbone: string; classNames: string[]; headTrained: boolean; inputSize: number } | null;
  uncertainBelow: number;
  createdAt: string;
  images: {
    file: string;
    label: string | null;
    confidence: number | null;
    top: { label: string; probability: number }[];
    /** full softmax output, in model.classNames order */
    probabilities: number[] | null;
    uncertain: boolean;
    /** the unfamiliar-image check; null when the model has none */
    novelty: { unfamiliar: boolean; distance: number; threshold: number; nearest: string } | null;
    dataBarCropped: boolean;
    tta: boolean;
    error: string | null;
  }[];
}

export function predictionsJson(rows: readonly PredictionRow[], below: number, model: PredictionsJson['model'], now = new Date()): PredictionsJson {
  return {
    model,
    uncertainBelow: below,
    createdAt: now.toISOString(),
    images: rows.map((r) => ({
      file: r.file,
      label: r.state === 'done' ? (r.top[0]?.label ?? null) : null,
      confidence: r.state === 'done' ? (r.top[0]?.probability ?? null) : null,
      top: r.top,
      probabilities: r.probs,
      uncertain: isUncertain(r, below),
      novelty: r.state === 'done' ? (r.novelty ?? null) : null,
      dataBarCropped: r.dataBarCropped,
      tta: r.tta,
      error: r.state === 'error' ? r.error : r.state === 'pending' ? 'not classified yet' : null,
    })),
  };
}
