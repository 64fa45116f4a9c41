import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useStore } from '../../store';

/**
 * fastai's smoothed training loss per batch (what `learn.recorder.plot_loss` shows), raw loss faint behind it:
 * of the viewed stored run, else of the live one (as the epoch table).
 */
export function LossChart() {
  const points = useStore((s) => s.viewedRun?.lossPoints ?? s.lossPoints);
  if (points.length < 2) return null;
  return (
    <figure className="chart" aria-label="Training loss per batch">
      <ResponsiveContainer width="100%" height={220}>
        <LineChart data={points} margin={{ top: 8, right: 8, bottom: 8, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="step" type="number" domain={['dataMin', 'dataMax']} tick={{ fontSize: 12 }} />
          <YAxis tick={{ fontSize: 12 }} domain={[0, 'auto']} />
          <Tooltip formatter={(v) => (typeof v === 'number' ? v.toFixed(4) : String(v))} />
          <Line dataKey="loss" stroke="#b8c4d6" dot={false} isAnimationActive={false} name="batch loss" />
          <Line dataKey="smoothLoss" stroke="#2458a6" strokeWidth={2} dot={false} isAnimationActive={false} name="smoothed loss" />
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
}
