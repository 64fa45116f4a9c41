import { useId } from 'react';
import { useStore } from '../../store';

/** The model the rows were classified with, as the CSV names it: the bundle, or the backbone, run and epoch trained here. */
function modelId(): string {
  const m = useStore.getState().model;
  if (!m) return '';
  const o = m.origin;
  if (o.kind === 'bundle') return `bundle: ${o.name}`;
  if (o.kind === 'untrained' || !m.headTrained) return `${m.backbone} (untrained head)`;
  return `${m.backbone} run ${o.runId} epoch ${o.keptEpoch + 1}`;
}
import { labelCounts, predictionsCsv, predictionsJson, summary, type PredictionFilter } from './classifySelectors';
import { clearClassify } from './classifyRun';
import { downloadText } from '../../download';

interface Props {
  filter: PredictionFilter;
  onFilter: (f: PredictionFilter) => void;
  shown: number;
}

/** Uncertainty threshold, filters, exports and Clear, above the predictions table. */
export function ResultsToolbar({ filter, onFilter, shown }: Props) {
  const rows = useStore((s) => s.predictions);
  const below = useStore((s) => s.uncertainBelow);
  const setBelow = useStore((s) => s.setUncertainBelow);
  const id = useId();
  if (!rows.length) return null;
  const counts = labelCounts(rows);
  const sum = summary(rows, below);

  const exportJson = () => {
    const m = useStore.getState().model;
    const model = m && { backbone: m.backbone, classNames: m.classNames, headTrained: m.headTrained, inputSize: m.inputSize };
    downloadText('predictions.json', `${JSON.stringify(predictionsJson(rows, below, model), null, 2)}\n`, 'application/json');
  };

  return (
    <div className="results-toolbar">
      <div className="row">
        <label htmlFor={`${id}-t`}>Uncertain below</label>
        <input
          id={`${id}-t`} type="range" min={0} max={1} step={0.01} value={below}
          aria-label="Uncertainty threshold (slider)" onChange={(e) => setBelow(Number(e.target.value))}
        />
        <input
          type="number" min={0} max={1} step={0.01} value={below} className="num"
          aria-label="Uncertainty threshold" data-testid="predict.threshold"
          onChange={(e) => e.target.value !== '' && setBelow(Number(e.target.value))}
        />
        <span className="muted">
          {sum.done} classified · {sum.uncertain} uncertain · {sum.failed} failed
          {sum.checked > 0 && <> · <span data-testid="predict.unfamiliar-count" data-count={sum.unfamiliar}>{sum.unfamiliar} unfamiliar</span></>}
          {sum.done > 0 && sum.checked === 0 && (
            <> · <span data-testid="predict.unfamiliar-count" data-count="" title="Only a model trained in this version of the app (or exported from it) keeps its training images' features to compare new images with">no unfamiliar-image check for this model</span></>
          )}
        </span>
      </div>
      <div className="row">
        <select aria-label="Show predicted label" value={filter.label ?? ''} onChange={(e) => onFilter({ ...filter, label: e.target.value || null })}>
          <option value="">All labels</option>
          {counts.map((c) => <option key={c.label} value={c.label}>{c.label} ({c.count})</option>)}
        </select>
        <label>
          <input type="checkbox" checked={filter.uncertainOnly} onChange={(e) => onFilter({ ...filter, uncertainOnly: e.target.checked })} /> uncertain only
        </label>
        {sum.checked > 0 && (
          <label title="Images whose features lie farther from every class's training images than 99 % of the training images do">
            <input type="checkbox" data-testid="predict.unfamiliar-only" checked={filter.unfamiliarOnly} onChange={(e) => onFilter({ ...filter, unfamiliarOnly: e.target.checked })} /> unfamiliar only
          </label>
        )}
        <input type="search" placeholder="Search file names" aria-label="Search file names" value={filter.search} onChange={(e) => onFilter({ ...filter, search: e.target.value })} />
        <span className="muted">showing {shown} of {rows.length}</span>
        <span className="spacer" />
        <button type="button" data-testid="predict.export-csv" onClick={() => downloadText('predictions.csv', predictionsCsv(rows, below, { modelId: modelId(), date: new Date() }), 'text/csv;charset=utf-8')}>
          Export CSV
        </button>
        <button type="button" data-testid="predict.export-json" onClick={exportJson}>Export JSON</button>
        <button type="button" onClick={clearClassify}>Clear {rows.length} result{rows.length > 1 ? 's' : ''}</button>
      </div>
    </div>
  );
}
