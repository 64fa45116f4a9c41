import { Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { ReviewRound } from '../../../../shared/dataset/records';
import { useStore } from '../../../store';

/** Chart rows: round 0 is the accuracy the first round started from; then each round's labels and the next run's accuracy. */
export function roundPoints(rounds: readonly ReviewRound[]): { round: number; added: number; accuracy: number | null }[] {
  const used = rounds.filter((r) => r.added > 0);
  if (used.length === 0) return [];
  return [
    { round: 0, added: 0, accuracy: used[0].accuracyBefore },
    ...used.map((r, i) => ({ round: i + 1, added: r.added, accuracy: r.accuracyAfter })),
  ];
}

/** What labelling bought: images added per review round, and the validation accuracy of the run after it. */
export function ReviewRounds() {
  const rounds = useStore((s) => s.meta?.reviewRounds);
  const data = roundPoints(rounds ?? []);
  if (data.length === 0) return null;
  const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)} %`);
  return (
    <figure className="chart" aria-label="Review rounds: images added and validation accuracy" data-testid="review.rounds" data-rounds={data.length - 1}>
      <ResponsiveContainer width="100%" height={200}>
        <ComposedChart data={data} margin={{ top: 8, right: 8, bottom: 8, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="round" tick={{ fontSize: 12 }} label={{ value: 'round', position: 'insideBottomRight', offset: -4, fontSize: 12 }} />
          <YAxis yAxisId="n" allowDecimals={false} tick={{ fontSize: 12 }} />
          <YAxis yAxisId="acc" orientation="right" domain={[0, 1]} tickFormatter={(v: number) => `${Math.round(v * 100)}%`} tick={{ fontSize: 12 }} />
          <Tooltip />
          <Legend />
          <Bar yAxisId="n" dataKey="added" name="images labelled" fill="#2458a6" isAnimationActive={false} />
          <Line yAxisId="acc" dataKey="accuracy" name="validation accuracy of the next run" stroke="#e0902b" connectNulls isAnimationActive={false} />
        </ComposedChart>
      </ResponsiveContainer>
      <figcaption>
        <table className="table">
          <thead><tr><th>round</th><th>images labelled</th><th>accuracy after</th></tr></thead>
          <tbody>
            {data.slice(1).map((d) => (
              <tr key={d.round} data-testid="review.round" data-added={d.added} data-accuracy={d.accuracy === null ? '' : d.accuracy.toFixed(4)}>
                <td>{d.round}</td><td>{d.added}</td><td>{pct(d.accuracy)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <span className="muted">before the first round: {pct(data[0].accuracy)}</span>
      </figcaption>
    </figure>
  );
}
