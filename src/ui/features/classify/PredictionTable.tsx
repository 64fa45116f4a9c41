import { useStore } from '../../store';

const pct = (p: number) => `${(p * 100).toFixed(1)}%`;

export function PredictionTable() {
  const rows = useStore((s) => s.predictions);
  const untrained = useStore((s) => s.model !== null && !s.model.headTrained);
  if (!rows.length) return null;
  return (
    <table className="table" aria-label="Predictions">
      <thead>
        <tr><th /><th>File</th><th>Label</th><th>Confidence</th><th>Top 3</th></tr>
      </thead>
      <tbody>
        {rows.map((r) => {
          const best = r.top[0];
          return (
            <tr
              key={r.id}
              data-testid={r.state === 'done' ? 'predict.row' : 'predict.pending-row'}
              data-file={r.file}
              data-label={best?.label ?? ''}
              data-confidence={best ? best.probability.toFixed(4) : ''}
              data-top={r.top.map((t) => `${t.label}=${t.probability}`).join(' ')}
            >
              <td>{r.thumbUrl ? <img className="thumb" src={r.thumbUrl} alt="" /> : null}</td>
              <td>{r.file}</td>
              <td>
                {r.state === 'pending' ? 'classifying…' : r.state === 'error' ? <span className="error">{r.error}</span> : best?.label}
                {r.state === 'done' && untrained && <span className="tag warn" title="The head has random weights">untrained</span>}
              </td>
              <td>{best ? pct(best.probability) : ''}</td>
              <td className="muted">{r.top.map((t) => `${t.label} ${pct(t.probability)}`).join(' · ')}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
