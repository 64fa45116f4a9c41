// What `npm run replicate` writes (metrics.json) and the check that it holds together: the per-class and
// overall numbers the app showed must follow from the confusion matrix it showed. Pure, unit-tested.

import { toCsv } from '../../src/shared/eval/csv';

export interface ClassRow {
  class: string;
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

export interface ReplicateMetrics {
  accuracy: number;
  macro: { precision: number; recall: number; f1: number };
  perClass: ClassRow[];
  /** rows: true class, columns: predicted class, both in `classes` order */
  confusion: { classes: string[]; matrix: number[][] };
  /** the app's classical baseline on the same split (`metrics.baseline`); null when the page showed none */
  baseline?: { method: string; accuracy: number; f1: number } | null;
  /** independent (near-duplicate) groups among the validation images and the accuracy's 95% Wilson interval (`metrics.independence`) */
  independence?: { images: number; groups: number; n: number; basis: string; ciLow: number; ciHigh: number } | null;
  /** the unfamiliar-image check on the validation images (`metrics.novelty`): each one it flags is a false alarm; null when the model has none */
  novelty?: { flagged: number; total: number; threshold: number } | null;
}

export interface Scores {
  images: number;
  accuracy: number | null;
  f1: number | null;
}

/** `--test`: the held-out folder classified by the trained model (Classify's labelled-folder mode). */
export interface TestMetrics {
  folder: string;
  images: number;
  /** test images whose near-duplicate group holds an image of the training folder */
  nearCopies: number;
  network: Scores;
  /** null when the app could not fit the baseline */
  baseline: (Scores & { method: string }) | null;
  /** the test images without a near-copy in the training folder */
  clean: { network: Scores; baseline: Scores | null };
  /** the test images with one */
  copies: { network: Scores; baseline: Scores | null };
}

/** The app's URL with the run's parameters added to the query it already has (`?a=1` stays). */
export function withQuery(url: string, q: URLSearchParams): string {
  const u = new URL(url);
  for (const [k, v] of q) u.searchParams.set(k, v);
  return u.toString();
}

/** confusion-matrix.csv: RFC 4180 with the app's spreadsheet-formula neutralisation (class names are folder names). */
export function confusionCsv(classes: readonly string[], matrix: readonly (readonly number[])[]): string {
  return toCsv(['true \\ predicted', ...classes], matrix.map((r, i) => [classes[i], ...r]));
}

/** The printed held-out lines: network and baseline on the whole test folder, without and with near-copies. */
export function testTable(t: TestMetrics): string {
  const f = (x: number | null | undefined) => (typeof x === 'number' ? x.toFixed(3) : '—');
  const row = (name: string, s: Scores | null | undefined) => `| ${name} | ${s ? s.images : 0} | ${f(s?.accuracy)} | ${f(s?.f1)} |`;
  const clean = t.images - t.nearCopies;
  const base = t.baseline ? `baseline (${t.baseline.method})` : 'baseline (not computed)';
  return [
    '| test folder | images | accuracy | macro F1 |',
    '| --- | --- | --- | --- |',
    row('network, all test images', t.network),
    row(`${base}, all test images`, t.baseline),
    row('network, without a near-copy in training', t.clean.network),
    row(`${base}, without a near-copy in training`, t.clean.baseline),
    row('network, with a near-copy in training', t.copies.network),
    row(`${base}, with a near-copy in training`, t.copies.baseline),
    '',
    `near-copies: ${t.nearCopies} of ${t.images} test images have a near-duplicate in the training folder (the app's near-duplicate hash); ` +
      `network accuracy ${f(t.copies.network.accuracy)} on those, ${f(t.clean.network.accuracy)} on the ${clean} others`,
  ].join('\n');
}

/** Published results the replication is compared with (macro averages over the 10 NFFA classes). */
export const PUBLISHED = [
  { name: 'Modarres et al. 2017 (Inception-v3)', accuracy: 0.89, precision: 0.8, recall: 0.89, note: 'accuracy ~0.88–0.90' },
  { name: 'fastai ResNet50, progressive resizing', accuracy: 0.945, precision: 0.942, recall: 0.918, note: '' },
] as const;

/** Confusion matrix from the app's `metrics.cm-cell` attributes. */
export function matrixFromCells(classes: string[], cells: { true: string; pred: string; count: number }[]): number[][] {
  const index = new Map(classes.map((c, i) => [c, i]));
  const m = classes.map(() => classes.map(() => 0));
  for (const c of cells) {
    const i = index.get(c.true);
    const j = index.get(c.pred);
    if (i === undefined || j === undefined) throw new Error(`confusion-matrix cell for an unknown class: ${c.true} → ${c.pred}`);
    m[i][j] = c.count;
  }
  return m;
}

/**
 * Problems found when the metrics do not follow from the matrix (the app writes 4 decimals, hence the
 * tolerance); empty when consistent.
 */
export function checkConsistency(m: ReplicateMetrics, tolerance = 1e-3): string[] {
  const problems: string[] = [];
  const { classes, matrix } = m.confusion;
  const near = (a: number, b: number) => Math.abs(a - b) <= tolerance;
  if (matrix.length !== classes.length || matrix.some((r) => r.length !== classes.length)) return ['the confusion matrix is not square over the classes'];
  const total = matrix.flat().reduce((a, b) => a + b, 0);
  if (total === 0) return ['the confusion matrix is empty'];
  const trace = classes.reduce((n, _, i) => n + matrix[i][i], 0);
  if (!near(m.accuracy, trace / total)) problems.push(`accuracy ${m.accuracy} ≠ diagonal / total = ${(trace / total).toFixed(4)}`);
  classes.forEach((c, i) => {
    const row = m.perClass.find((r) => r.class === c);
    if (!row) return problems.push(`no per-class row for ${c}`);
    const rowSum = matrix[i].reduce((a, b) => a + b, 0);
    const colSum = matrix.reduce((a, r) => a + r[i], 0);
    const precision = colSum === 0 ? 0 : matrix[i][i] / colSum;
    const recall = rowSum === 0 ? 0 : matrix[i][i] / rowSum;
    if (row.support !== rowSum) problems.push(`${c}: support ${row.support} ≠ row sum ${rowSum}`);
    if (!near(row.precision, precision)) problems.push(`${c}: precision ${row.precision} ≠ ${precision.toFixed(4)}`);
    if (!near(row.recall, recall)) problems.push(`${c}: recall ${row.recall} ≠ ${recall.toFixed(4)}`);
    const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
    if (!near(row.f1, f1)) problems.push(`${c}: F1 ${row.f1} ≠ ${f1.toFixed(4)}`);
  });
  const mean = (k: 'precision' | 'recall' | 'f1') => m.perClass.reduce((a, r) => a + r[k], 0) / Math.max(1, m.perClass.length);
  for (const k of ['precision', 'recall', 'f1'] as const) {
    if (!near(m.macro[k], mean(k))) problems.push(`macro ${k} ${m.macro[k]} ≠ mean of the classes ${mean(k).toFixed(4)}`);
  }
  return problems;
}

/** The printed comparison: ours beside the published macro results, then our per-class recall. */
export function comparisonTable(m: ReplicateMetrics): string {
  const f = (x: number) => x.toFixed(3);
  const lines = [
    '| | accuracy | macro precision | macro recall | macro F1 |',
    '| --- | --- | --- | --- | --- |',
    `| this run | ${f(m.accuracy)} | ${f(m.macro.precision)} | ${f(m.macro.recall)} | ${f(m.macro.f1)} |`,
    ...(m.baseline ? [`| baseline (${m.baseline.method}, same split) | ${f(m.baseline.accuracy)} | — | — | ${f(m.baseline.f1)} |`] : []),
    ...PUBLISHED.map((p) => `| ${p.name} | ${f(p.accuracy)}${p.note ? ` (${p.note})` : ''} | ${f(p.precision)} | ${f(p.recall)} | — |`),
    '',
    '| class | recall | precision | F1 | support |',
    '| --- | --- | --- | --- | --- |',
    ...m.perClass.map((r) => `| ${r.class} | ${f(r.recall)} | ${f(r.precision)} | ${f(r.f1)} | ${r.support} |`),
  ];
  return lines.join('\n');
}
