import { useState } from 'react';
import { buildReportHtml, type ReportInput } from '../../../shared/eval/report';
import { useStore, type Store } from '../../store';
import { selectDatasetView } from '../../store/datasetView';
import { downloadBlob } from '../../download';

/** Everything the report needs, read from the store when the button is pressed. */
export function reportInput(s: Store): ReportInput | null {
  if (!s.evaluation) return null;
  const names = new Set(s.evaluation.classNames);
  const rows = selectDatasetView(s).rows.filter((r) => names.has(r.label));
  return {
    evaluation: s.evaluation,
    dataset: s.meta
      ? { name: s.meta.name, classes: rows.map((r) => ({ name: r.label, train: r.train, valid: r.valid })), splitSeed: s.meta.split?.seed ?? null, validFrac: s.meta.split?.validFrac ?? null, cropDataBar: s.meta.cropDataBar }
      : null,
    plan: s.trainPlan,
    recipe: s.runRecipe,
    model: s.model,
    backend: s.backend ? `${s.backend.backend} (${s.backend.adapter})` : null,
    epochs: s.trainEpochs,
    lossPoints: s.lossPoints,
    references: s.references,
    baseline: s.baseline,
  };
}

/** Downloads the self-contained HTML report (model card, metrics, matrix, curves); prints well. */
export function ReportButton() {
  const [error, setError] = useState<string | null>(null);
  const download = () => {
    const input = reportInput(useStore.getState());
    if (!input) return setError('There is no evaluation to report yet.');
    setError(null);
    const stamp = new Date(input.evaluation.createdAt).toISOString().slice(0, 16).replace(/[:T]/g, '-');
    downloadBlob(new Blob([buildReportHtml(input)], { type: 'text/html' }), `sem-evaluation-${stamp}.html`);
  };
  return (
    <span>
      <button type="button" onClick={download} data-testid="metrics.report">Download report (HTML)</button>
      {error && <span className="error" role="alert"> {error}</span>}
    </span>
  );
}
