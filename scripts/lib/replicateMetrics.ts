// What `npm run replicate` writes (metrics.json) and the check that it holds together: the per-class and
// overall numbers the app showed must follow from the confusion matrix it showed. Pure, unit-tested.

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
