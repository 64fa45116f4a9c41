import { useRef, type ReactNode } from 'react';
import { CartesianGrid, Legend, Line, LineChart, ReferenceArea, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { TrainEpoch, TrainPlanInfo } from '../../../shared/protocol';
import { SERIES_COLORS, stageBands } from '../../../shared/eval/report';
import type { LossPoint } from '../train/trainSlice';
import { chartSvg, serializeSvg } from './exportImage';
import { ExportButtons } from './ExportButtons';

/** One training run's curves; the charts take a list so runs can be overlaid. */
export interface CurveRun {
  id: string;
  name: string;
  epochs: readonly TrainEpoch[];
  lossPoints: readonly LossPoint[];
  plan: TrainPlanInfo | null;
}

interface Pt {
  x: number;
  y: number;
}

const DASHES = [undefined, '6 3', '2 2', '8 3 2 3'];
const num = (v: unknown) => (typeof v === 'number' ? (Math.abs(v) < 0.01 && v !== 0 ? v.toExponential(2) : v.toFixed(4)) : String(v));
const tick = (v: unknown) => (typeof v === 'number' ? (Math.abs(v) < 0.01 && v !== 0 ? v.toExponential(0) : String(Number(v.toPrecision(3)))) : String(v));

/** Batch points on the epoch axis: batch step s of an epoch with n batches ends at (s + 1) / n. */
function batchX(run: CurveRun, step: number): number {
  return (step + 1) / Math.max(1, run.plan?.stepsPerEpoch ?? 1);
}

function Chart({ title, name, bands, children, log }: { title: string; name: string; bands: ReturnType<typeof stageBands>; children: ReactNode; log?: boolean }) {
  const ref = useRef<HTMLDivElement>(null);
  return (
    <figure className="chart curve" data-testid={`metrics.curve.${name}`} aria-label={title}>
      <div className="row chart-head">
        <b>{title}</b>
        <ExportButtons name={name} label={title} getSvg={() => { const svg = chartSvg(ref.current); return svg ? serializeSvg(svg) : null; }} />
      </div>
      <div ref={ref}>
        <ResponsiveContainer width="100%" height={250}>
          <LineChart margin={{ top: 8, right: 12, bottom: 8, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            {bands.map((b, i) => (
              <ReferenceArea key={b.label + i} x1={b.x0} x2={b.x1} fill={i % 2 ? '#dfe7f1' : '#eef2f7'} fillOpacity={0.7} label={{ value: b.label, position: 'insideTopLeft', fontSize: 11, fill: '#5b6b7c' }} />
            ))}
            <XAxis dataKey="x" type="number" domain={[0, 'dataMax']} allowDuplicatedCategory={false} tick={{ fontSize: 12 }}
              label={{ value: 'epoch', position: 'insideBottomRight', offset: -4, fontSize: 11 }} />
            <YAxis tick={{ fontSize: 12 }} scale={log ? 'log' : 'auto'} domain={log ? ['auto', 'auto'] : [0, 'auto']} tickFormatter={tick} width={48} />
            <Tooltip formatter={num} labelFormatter={(v) => `epoch ${Number(v).toFixed(2)}`} />
            <Legend verticalAlign="bottom" wrapperStyle={{ fontSize: 12, paddingTop: 8 }} itemSorter={null} />
            {children}
          </LineChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
}

/** fastai's recorder plots: losses, validation accuracy and learning rate, stages of progressive resizing shaded. */
export function TrainingCurves({ runs }: { runs: readonly CurveRun[] }) {
  const withData = runs.filter((r) => r.epochs.length > 0 || r.lossPoints.length > 0);
  if (!withData.length) return <p className="muted">No training curves yet: they appear once a run has finished an epoch.</p>;
  const bands = withData[0].plan ? stageBands(withData[0].plan) : [];
  const tag = (r: CurveRun, s: string) => (withData.length > 1 ? `${s} (${r.name})` : s);
  const line = (key: string, r: CurveRun, i: number, label: string, color: string, data: Pt[], width = 2) => (
    <Line key={`${key}-${r.id}`} data={data} dataKey="y" name={tag(r, label)} stroke={color} strokeWidth={width} strokeDasharray={DASHES[i % DASHES.length]}
      dot={data.length < 30} isAnimationActive={false} />
  );
  return (
    <div className="curves">
      <Chart title="Loss" name="loss" bands={bands}>
        {withData.flatMap((r, i) => [
          line('batch', r, i, 'smoothed batch loss', '#9aa8b8', r.lossPoints.map((p) => ({ x: batchX(r, p.step), y: p.smoothLoss })), 1),
          line('train', r, i, 'train_loss', SERIES_COLORS.train, r.epochs.map((e) => ({ x: e.epoch + 1, y: e.trainLoss }))),
          line('valid', r, i, 'valid_loss', SERIES_COLORS.valid, r.epochs.filter((e) => e.validLoss !== null).map((e) => ({ x: e.epoch + 1, y: e.validLoss! }))),
        ])}
      </Chart>
      <Chart title="Validation accuracy" name="accuracy" bands={bands}>
        {withData.map((r, i) => line('acc', r, i, 'accuracy', SERIES_COLORS.accuracy, r.epochs.filter((e) => e.validAccuracy !== null).map((e) => ({ x: e.epoch + 1, y: e.validAccuracy! }))))}
      </Chart>
      <Chart title="Learning rate (head)" name="lr" bands={bands} log>
        {withData.map((r, i) => line('lr', r, i, 'lr', SERIES_COLORS.lr, r.lossPoints.filter((p) => p.lr !== undefined && p.lr > 0).map((p) => ({ x: batchX(r, p.step), y: p.lr! })), 1.5))}
      </Chart>
    </div>
  );
}
