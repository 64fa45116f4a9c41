import { useRef } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { Metrics } from '../../../shared/eval/metrics';
import { SERIES_COLORS } from '../../../shared/eval/report';
import { shortLabel } from '../../../shared/eval/svg';
import { chartSvg, serializeSvg } from './exportImage';
import { ExportButtons } from './ExportButtons';

/** Precision, recall and F1 per class as grouped bars (Okabe–Ito colours, distinguishable without hue vision). */
export function ClassBarChart({ metrics }: { metrics: Metrics }) {
  const ref = useRef<HTMLDivElement>(null);
  const data = metrics.perClass.map((c) => ({ name: shortLabel(c.name, 16), full: c.name, precision: c.precision, recall: c.recall, F1: c.f1 }));
  const many = data.length > 12;
  return (
    <figure className="chart" aria-label="Per-class precision, recall and F1" data-testid="metrics.class-chart">
      <div className="row chart-head">
        <b>Per-class precision, recall and F1</b>
        <ExportButtons name="per-class" label="per-class chart" getSvg={() => { const svg = chartSvg(ref.current); return svg ? serializeSvg(svg) : null; }} />
      </div>
      <div ref={ref}>
        <ResponsiveContainer width="100%" height={many ? 320 : 260}>
          <BarChart data={data} margin={{ top: 8, right: 8, bottom: many ? 60 : 8, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="name" interval={0} tick={{ fontSize: 11 }} angle={many ? -45 : 0} textAnchor={many ? 'end' : 'middle'} />
            <YAxis domain={[0, 1]} tick={{ fontSize: 12 }} />
            <Tooltip formatter={(v) => (typeof v === 'number' ? v.toFixed(3) : String(v))} labelFormatter={(_, p) => String(p?.[0]?.payload?.full ?? '')} />
            <Legend verticalAlign="top" height={24} itemSorter={null} />
            <Bar dataKey="precision" fill={SERIES_COLORS.precision} isAnimationActive={false} />
            <Bar dataKey="recall" fill={SERIES_COLORS.recall} isAnimationActive={false} />
            <Bar dataKey="F1" fill={SERIES_COLORS.f1} isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
}
