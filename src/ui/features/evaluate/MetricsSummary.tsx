import { meanLoss, topKAccuracy, type Metrics } from '../../../shared/eval/metrics';
import type { ReferenceResult } from '../../../shared/eval/references';
import type { Evaluation } from '../../../shared/eval/types';
import { BaselineRow, BaselineSummary } from './BaselineSummary';
import { fmt4, pct } from './format';


function Stat({ label, value, testId }: { label: string; value: number; testId?: string }) {
  return (
    <div className="stat" data-testid={testId} data-value={fmt4(value)}>
      <div className="stat-value">{pct(value)}</div>
      <div className="stat-label">{label}</div>
    </div>
  );
}

/** Accuracy and macro averages of this run (with and without TTA), next to the published results. */
export function MetricsSummary({ evaluation, metrics, tta, references }: {
  evaluation: Evaluation; metrics: Metrics; tta: Metrics | null; references: readonly ReferenceResult[];
}) {
  const rows: { name: string; model: 'plain' | 'tta'; m: Metrics; items: Evaluation['items'] }[] = [
    { name: tta ? 'this model, without TTA' : 'this model', model: 'plain', m: metrics, items: evaluation.items },
  ];
  if (tta && evaluation.ttaItems) rows.push({ name: 'this model, with TTA (8 flips/rotations)', model: 'tta', m: tta, items: evaluation.ttaItems });
  return (
    <div>
      <div className="stats">
        <Stat label={`accuracy on ${metrics.n} validation images`} value={metrics.accuracy} testId="metrics.accuracy" />
        {tta && <Stat label="accuracy with TTA" value={tta.accuracy} testId="metrics.accuracy-tta" />}
        <Stat label="macro precision" value={metrics.macro.precision} testId="metrics.macro-precision" />
        <Stat label="macro recall" value={metrics.macro.recall} testId="metrics.macro-recall" />
        <Stat label="macro F1" value={metrics.macro.f1} testId="metrics.macro-f1" />
      </div>
      <table className="table" aria-label="Summary against published results">
        <thead>
          <tr><th>model</th><th>accuracy</th><th>top-3 accuracy</th><th>macro precision</th><th>macro recall</th><th>macro F1</th><th title="Mean cross-entropy of the validation images (fastai's valid_loss)">loss</th></tr>
        </thead>
        <tbody>
          {rows.map((r) => {
            const loss = meanLoss(r.items);
            return (
              <tr key={r.name} data-testid="metrics.summary-row" data-model={r.model} data-loss={loss}>
                <td><b>{r.name}</b></td>
                <td>{pct(r.m.accuracy)}</td>
                <td>{pct(topKAccuracy(r.items, 3))}</td>
                <td>{pct(r.m.macro.precision)}</td>
                <td>{pct(r.m.macro.recall)}</td>
                <td>{pct(r.m.macro.f1)}</td>
                <td>{loss.toFixed(4)}</td>
              </tr>
            );
          })}
          <BaselineRow />
          {references.map((r, i) => (
            <tr key={`${r.name}-${i}`} className="reference" title={r.note}>
              <td>{r.name}</td><td>{pct(r.accuracy)}</td><td>–</td><td>{pct(r.precision)}</td><td>{pct(r.recall)}</td><td>{pct(r.f1)}</td><td>–</td>
            </tr>
          ))}
        </tbody>
      </table>
      <BaselineSummary metrics={metrics} />
      <p className="hint">Published numbers come from other datasets (18,600 NFFA SEM images, 10 classes) and pretrained networks: a guide, not a like-for-like comparison.</p>
    </div>
  );
}
