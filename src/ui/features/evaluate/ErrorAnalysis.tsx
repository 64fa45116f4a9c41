import { useMemo, useState } from 'react';
import { mostConfused, topLosses, type Metrics } from '../../../shared/eval/metrics';
import type { Evaluation } from '../../../shared/eval/types';
import type { Cell } from './ConfusionMatrix';
import { CleanActions } from './CleanActions';
import { EvalCamButton } from './EvalCamButton';
import { EvalThumb, useEntriesByHash } from './EvalThumb';

const PAGE = 16;

/** fastai's plot_top_losses and most_confused. */
export function ErrorAnalysis({ evaluation, metrics, onPair }: { evaluation: Evaluation; metrics: Metrics; onPair: (c: Cell) => void }) {
  const [shown, setShown] = useState(PAGE);
  const [minCount, setMinCount] = useState(1);
  const byHash = useEntriesByHash();
  const names = evaluation.classNames;
  const losses = useMemo(() => topLosses(evaluation.items), [evaluation]);
  const pairs = useMemo(() => mostConfused(metrics.confusion, names, minCount), [metrics, names, minCount]);
  return (
    <div className="errors">
      <section aria-labelledby="top-losses-h">
        <h3 id="top-losses-h">Top losses</h3>
        <p className="hint">The validation images the model is most wrong (or least sure) about: cross-entropy −log p(actual class), largest first.</p>
        <ul className="eval-gallery">
          {losses.slice(0, shown).map((r) => (
            <li key={r.item.hash} className={`eval-card${r.predicted === r.item.label ? '' : ' wrong'}`} data-testid="metrics.top-loss" data-file={r.item.path} data-loss={r.loss.toFixed(4)}
              data-true={names[r.item.label]} data-pred={names[r.predicted]}>
              <EvalThumb hash={r.item.hash} entry={byHash.get(r.item.hash)} size={96} />
              <div className="eval-card-text">
                <div className="path" title={r.item.path}>{r.item.path.split('/').pop()}</div>
                <div>actual <b>{names[r.item.label]}</b></div>
                <div>predicted <b>{names[r.predicted]}</b> {(r.probability * 100).toFixed(1)} %</div>
                <div className="muted">loss {r.loss.toFixed(3)} · p(actual) {(r.trueProbability * 100).toFixed(1)} %</div>
                <EvalCamButton item={r.item} classNames={names} />
                <CleanActions path={r.item.path} />
              </div>
            </li>
          ))}
        </ul>
        {losses.length > shown && <button type="button" onClick={() => setShown((n) => n + PAGE)}>Show {Math.min(PAGE, losses.length - shown)} more</button>}
      </section>
      <section aria-labelledby="confused-h">
        <h3 id="confused-h">Most confused</h3>
        <label className="hint">
          min_val{' '}
          <input type="number" min={1} value={minCount} onChange={(e) => setMinCount(Math.max(1, Math.floor(Number(e.target.value)) || 1))} style={{ width: '5em' }} />
        </label>
        {pairs.length === 0 ? (
          <p className="muted">No pair of classes is confused {minCount > 1 ? `${minCount} times or more` : 'at all'}.</p>
        ) : (
          <table className="table" aria-label="Most confused pairs">
            <thead><tr><th>actual</th><th>predicted</th><th>images</th><th /></tr></thead>
            <tbody>
              {pairs.slice(0, 30).map((p) => (
                <tr key={`${p.actual}→${p.predicted}`} data-testid="metrics.confused-row" data-true={p.actual} data-pred={p.predicted} data-count={p.count}>
                  <td>{p.actual}</td><td>{p.predicted}</td><td>{p.count}</td>
                  <td><button type="button" onClick={() => onPair({ actual: names.indexOf(p.actual), predicted: names.indexOf(p.predicted) })}>Show images</button></td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
