import { useState } from 'react';
import { countGroupsHex, evaluatedHashes } from '../../../shared/dataset/independence';
import { buildReportHtml, type ReportInput } from '../../../shared/eval/report';
import { useStore, type Store } from '../../store';
import { selectDatasetView } from '../data/datasetView';
import { liveRunOf, modelRunOf } from '../model/modelSelectors';
import { downloadBlob } from '../../download';

/** Everything the report needs, read from the store when the button is pressed. */
export function reportInput(s: Store): ReportInput | null {
  if (!s.evaluation) return null;
  // the run that made the model in use (its origin), not the one the Train step may be viewing
  const run = modelRunOf(s.model?.origin, liveRunOf(s), s.runs);
  const names = new Set(s.evaluation.classNames);
  const rows = selectDatasetView(s).rows.filter((r) => names.has(r.label));
  // Counted here, once per report (a validation set groups in well under a second).
  const { hashed } = evaluatedHashes(s.evaluation.items, s.entries);
  return {
    evaluation: s.evaluation,
    dataset: s.meta
      ? { name: s.meta.name, classes: rows.map((r) => ({ name: r.label, train: r.train, valid: r.valid })), splitSeed: s.meta.split?.seed ?? null, validFrac: s.meta.split?.validFrac ?? null, cropDataBar: s.meta.cropDataBar }
      : null,
    plan: run?.plan ?? null,
    recipe: run?.recipe ?? null,
    model: s.model,
    backend: s.backend ? `${s.backend.backend} (${s.backend.adapter})` : null,
    epochs: run?.epochs ?? [],
    lossPoints: run?.lossPoints ?? [],
    references: s.references,
    baseline: s.baseline,
    independence: hashed.length ? { images: hashed.length, groups: countGroupsHex(hashed) } : null,
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
