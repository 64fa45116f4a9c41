// The downloadable evaluation report: one self-contained HTML file (inline CSS and SVG, no script, no
// request to anywhere) with a model card, every metric, the confusion matrix and the training curves.
// Prints on A4/Letter. Every value goes through the `html` template (html.ts), which escapes it: a field of
// a hostile project file cannot become markup. The report carries its own CSP (no script, no request), so
// even opened from file:// it runs nothing.

import { falseAlarms, noveltySentence } from '../novelty';
import type { ModelInfo, TrainEpoch, TrainPlanInfo } from '../protocol';
import type { TrainRecipe } from '../train/recipe';
import { sizeRuns } from '../modelOrigin';
import { computeMetrics, mostConfused, topKAccuracy, type Metrics } from './metrics';
import { BASELINE_DESCRIPTION, BASELINE_LABEL, compareWithBaseline, type BaselineResult } from './baseline';
import type { ReferenceResult } from './references';
import { html, REPORT_CSP, SafeHtml, trustedSvg } from './html';
import { confusionSvg, groupedBarSvg, lineChartSvg } from './svg';
import type { Evaluation } from './types';
import { accuracyInterval, describeInterval } from './wilson';

export interface ReportInput {
  evaluation: Evaluation;
  /** per class: training and validation images */
  dataset: { name: string; classes: { name: string; train: number; valid: number }[]; splitSeed: number | null; validFrac: number | null; cropDataBar: boolean } | null;
  plan: TrainPlanInfo | null;
  recipe: TrainRecipe | null;
  model: ModelInfo | null;
  backend: string | null;
  epochs: readonly TrainEpoch[];
  /** batch losses: step, smoothed loss and head learning rate */
  lossPoints: readonly { step: number; smoothLoss: number; lr?: number }[];
  references: readonly ReferenceResult[];
  /** the classical baseline on the same split; null when it was not computed */
  baseline?: BaselineResult | null;
  /** independent (near-duplicate) groups among the evaluated images found in the dataset; null when unknown */
  independence?: { images: number; groups: number } | null;
}

export const SERIES_COLORS = { train: '#0072b2', valid: '#d55e00', accuracy: '#009e73', precision: '#0072b2', recall: '#e69f00', f1: '#009e73', lr: '#cc79a7' };

const num = (v: number | null | undefined, d = 4) => (typeof v !== 'number' || !Number.isFinite(v) ? '–' : v.toFixed(d));
const pct = (v: number | null | undefined) => (typeof v !== 'number' || !Number.isFinite(v) ? '–' : `${(v * 100).toFixed(1)} %`);

type Cell = SafeHtml | string | number;

function row(cells: readonly Cell[], tag: 'td' | 'th' = 'td'): SafeHtml {
  return tag === 'th' ? html`<tr>${cells.map((c) => html`<th>${c}</th>`)}</tr>` : html`<tr>${cells.map((c) => html`<td>${c}</td>`)}</tr>`;
}

function table(head: readonly string[], rows: readonly (readonly Cell[])[]): SafeHtml {
  return html`<table><thead>${row(head, 'th')}</thead><tbody>${rows.map((r) => row(r))}</tbody></table>`;
}

function summaryRows(m: Metrics, label: string, items: Evaluation['items']): Cell[] {
  return [label, num(m.accuracy), num(topKAccuracy(items, 3)), num(m.macro.precision), num(m.macro.recall), num(m.macro.f1), num(m.weighted.f1)];
}

function modelCard(r: ReportInput): SafeHtml {
  const facts: [string, Cell][] = [];
  const ev = r.evaluation;
  if (r.model) {
    facts.push(['Network', `${r.model.backbone} (${Number(r.model.params).toLocaleString('en')} parameters)`]);
    facts.push(['Starting weights', r.model.weightsNote]);
    facts.push(['Preprocessing', r.model.preprocessing]);
  }
  facts.push(['Compute backend', r.backend ?? 'unknown']);
  facts.push(['Classes', `${ev.classNames.length}: ${ev.classNames.join(', ')}`]);
  if (r.dataset) {
    const train = r.dataset.classes.reduce((a, c) => a + c.train, 0);
    const valid = r.dataset.classes.reduce((a, c) => a + c.valid, 0);
    facts.push(['Dataset', `${r.dataset.name}: ${train} training and ${valid} validation images` +
      (r.dataset.validFrac !== null ? `, validation share ${r.dataset.validFrac}, split seed ${r.dataset.splitSeed}` : '') +
      `; data bar ${r.dataset.cropDataBar ? 'cropped' : 'kept'}`]);
  }
  if (r.recipe) {
    facts.push(['Recipe', `${r.recipe.scratch ? 'from scratch (fit_one_cycle over every layer)' : 'fine_tune'}: freeze_epochs ${r.recipe.freezeEpochs}, base_lr ${r.recipe.baseLr}, bs ${r.recipe.batchSize}, ` +
      `augmentation ${r.recipe.augment ? 'aug_transforms' : 'off'}, label smoothing ${r.recipe.labelSmoothing}, seed ${r.recipe.seed}`]);
  }
  // the sizes the epochs ran at (fast mode runs all at one size; a stopped run only what it reached), else the plan
  const ran = r.epochs.length ? sizeRuns(r.epochs.map((e) => e.size)) : (r.plan?.stages ?? []);
  if (ran.length) facts.push([r.epochs.length ? 'Sizes run' : 'Schedule', ran.map((s) => `${s.size} px × ${s.epochs} epoch${s.epochs === 1 ? '' : 's'}`).join(', ')]);
  if (r.epochs.length) facts.push(['Training time', `${r.epochs.reduce((a, x) => a + x.seconds, 0).toFixed(1)} s over ${r.epochs.length} epochs`]);
  facts.push(['Evaluated', `${ev.items.length} ${ev.split === 'valid' ? 'validation' : 'test'} images at ${ev.size} px${ev.ttaItems ? ', also with test-time augmentation (mean over the 8 flips and 90° rotations)' : ''}`]);
  facts.push(['Created', new Date(ev.createdAt).toISOString()]);
  return html`<dl>${facts.map(([k, v]) => html`<dt>${k}</dt><dd>${v}</dd>`)}</dl>`;
}

function curves(r: ReportInput): SafeHtml {
  if (!r.epochs.length) return html`<p>No training curves: this evaluation has no recorded run.</p>`;
  const steps = r.plan?.stepsPerEpoch || 1;
  const bands = r.plan ? stageBands(r.plan) : [];
  const x = (ep: TrainEpoch) => ep.epoch + 1;
  const loss = lineChartSvg({
    title: 'Loss', xLabel: 'epoch', bands,
    series: [
      { name: 'smoothed batch loss', color: '#9aa8b8', points: r.lossPoints.map((p) => ({ x: (p.step + 1) / steps, y: p.smoothLoss })) },
      { name: 'train_loss', color: SERIES_COLORS.train, points: r.epochs.map((ep) => ({ x: x(ep), y: ep.trainLoss })) },
      { name: 'valid_loss', color: SERIES_COLORS.valid, points: r.epochs.filter((ep) => ep.validLoss !== null).map((ep) => ({ x: x(ep), y: ep.validLoss! })) },
    ],
  });
  const acc = lineChartSvg({
    title: 'Validation accuracy', xLabel: 'epoch', bands,
    series: [{ name: 'accuracy', color: SERIES_COLORS.accuracy, points: r.epochs.filter((ep) => ep.validAccuracy !== null).map((ep) => ({ x: x(ep), y: ep.validAccuracy! })) }],
  });
  const lrPoints = r.lossPoints.filter((p) => p.lr !== undefined).map((p) => ({ x: (p.step + 1) / steps, y: p.lr! }));
  const lr = lrPoints.length ? lineChartSvg({ title: 'Learning rate (head)', xLabel: 'epoch', bands, series: [{ name: 'lr', color: SERIES_COLORS.lr, points: lrPoints }] }) : '';
  return html`<figure>${trustedSvg(loss)}</figure><figure>${trustedSvg(acc)}</figure>${lr ? html`<figure>${trustedSvg(lr)}</figure>` : ''}`;
}

/** Progressive-resizing stages as x ranges in epochs (epoch k covers (k-1, k]). */
export function stageBands(plan: Pick<TrainPlanInfo, 'stages'>): { x0: number; x1: number; label: string }[] {
  let start = 0;
  return plan.stages.map((s) => {
    const band = { x0: start, x1: start + s.epochs, label: `${s.size} px` };
    start += s.epochs;
    return band;
  });
}

function baselineNote(b: BaselineResult | null, m: Metrics): SafeHtml {
  if (!b) return html`<p class="muted">The classical baseline was not computed for this evaluation.</p>`;
  const verdict = compareWithBaseline({ accuracy: m.accuracy, f1: m.macro.f1, n: m.n }, b);
  const how = html`<p class="muted">Baseline (method <code>${b.method}</code>): ${BASELINE_DESCRIPTION}, fitted on the same ${b.trainImages} training images, scored on the same ${b.validImages} images.</p>`;
  if (verdict === 'better') return how;
  return html`<p class="warning" id="baseline-verdict"><b>This model does ${verdict === 'worse' ? 'worse than' : 'not beat'} the classical baseline</b> (accuracy ${pct(m.accuracy)} vs ${pct(b.accuracy)}, macro F1 ${pct(m.macro.f1)} vs ${pct(b.f1)}).</p>${how}`;
}

function independenceNote(ind: ReportInput['independence'], m: Metrics): SafeHtml | string {
  if (!ind || ind.groups < 1) return '';
  const ci = accuracyInterval(m.accuracy, ind.images, ind.groups);
  const what = ind.groups < ind.images
    ? html`These figures rest on <b>${ind.groups} independent groups</b>: near-duplicate frames among the ${ind.images} evaluated images (the same field shot again) count once.`
    : html`The ${ind.images} evaluated images are ${ind.groups} independent groups (no near-duplicates among them).`;
  return html`<p class="${ind.groups * 2 <= ind.images ? 'warning' : 'muted'}" id="independence">${what} Accuracy ${pct(m.accuracy)}, ${describeInterval(ci)}.</p>`;
}

function noveltyNote(ev: Evaluation): SafeHtml | string {
  const f = falseAlarms(ev);
  return f ? html`<p class="muted" id="novelty">${noveltySentence(f)}</p>` : '';
}

export function buildReportHtml(r: ReportInput): string {
  const ev = r.evaluation;
  const m = computeMetrics(ev.items, ev.classNames);
  const tta = ev.ttaItems ? computeMetrics(ev.ttaItems, ev.classNames) : null;
  const summary = table(
    ['', 'accuracy', 'top-3 accuracy', 'macro precision', 'macro recall', 'macro F1', 'weighted F1'],
    [
      summaryRows(m, 'this model', ev.items),
      ...(tta && ev.ttaItems ? [summaryRows(tta, 'this model, with TTA', ev.ttaItems)] : []),
      ...(r.baseline ? [[BASELINE_LABEL, num(r.baseline.accuracy), '–', '–', '–', num(r.baseline.f1), '–']] : []),
      ...r.references.map((ref) => [ref.name, num(ref.accuracy), '–', num(ref.precision), num(ref.recall), num(ref.f1), '–']),
    ],
  );
  const perClass = table(
    ['class', 'precision', 'recall', 'F1', 'support', 'predicted'],
    [
      ...m.perClass.map((c) => [html`${c.name}${c.neverPredicted ? html` <em>(never predicted)</em>` : ''}`, num(c.precision), num(c.recall), num(c.f1), c.support, c.predicted]),
      [html`<b>macro avg</b>`, num(m.macro.precision), num(m.macro.recall), num(m.macro.f1), m.n, ''],
      [html`<b>weighted avg</b>`, num(m.weighted.precision), num(m.weighted.recall), num(m.weighted.f1), m.n, ''],
    ],
  );
  const confused = mostConfused(m.confusion, ev.classNames).slice(0, 15);
  const bars = groupedBarSvg({
    title: 'Per-class precision, recall and F1', categories: ev.classNames,
    series: [
      { name: 'precision', color: SERIES_COLORS.precision, values: m.perClass.map((c) => c.precision) },
      { name: 'recall', color: SERIES_COLORS.recall, values: m.perClass.map((c) => c.recall) },
      { name: 'F1', color: SERIES_COLORS.f1, values: m.perClass.map((c) => c.f1) },
    ],
  });
  return html`<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${REPORT_CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>SEM Classifier evaluation report</title>
<style>
body { font-family: system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif; color: #1d2b3a; margin: 24px auto; max-width: 960px; padding: 0 16px; line-height: 1.45; font-size: 14px; }
h1 { font-size: 22px; } h2 { font-size: 17px; margin-top: 28px; border-bottom: 1px solid #dde3ea; padding-bottom: 4px; }
table { border-collapse: collapse; width: 100%; margin: 8px 0; } th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid #dde3ea; }
th { background: #f6f7f9; } td { font-variant-numeric: tabular-nums; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 4px 16px; } dt { color: #5b6b7c; } dd { margin: 0; }
figure { margin: 12px 0; } svg { max-width: 100%; height: auto; }
.muted { color: #5b6b7c; font-size: 12px; }
.warning { background: #fff4e5; color: #8a4b00; border: 1px solid #f0c27b; padding: 8px 12px; border-radius: 6px; }
@media print { body { margin: 0; max-width: none; } h2 { break-after: avoid; } figure, table, dl { break-inside: avoid; } }
</style></head><body>
<h1>SEM Classifier: evaluation report</h1>
<p class="muted">Computed in the browser from the ${ev.items.length} ${ev.split === 'valid' ? 'validation' : 'test'} images; no image left the machine.</p>
<h2>Model card</h2>${modelCard(r)}
<h2>Summary</h2>${summary}
${baselineNote(r.baseline ?? null, m)}
${independenceNote(r.independence ?? null, m)}
${noveltyNote(ev)}
<p class="muted">Published numbers are for other datasets and networks: a guide, not a like-for-like comparison.</p>
<h2>Per class</h2>${perClass}<figure>${trustedSvg(bars)}</figure>
<h2>Confusion matrix</h2><p class="muted">Rows: actual class; columns: predicted class; counts.</p><figure>${trustedSvg(confusionSvg(m.confusion, ev.classNames, false))}</figure>
<h2>Most confused</h2>${confused.length ? table(['actual', 'predicted', 'images'], confused.map((p) => [p.actual, p.predicted, p.count])) : html`<p>No image was misclassified.</p>`}
<h2>Training curves</h2>${curves(r)}
<p class="muted">Accuracy ${pct(m.accuracy)}. Report generated ${new Date().toISOString()}.</p>
</body></html>
`.markup;
}
