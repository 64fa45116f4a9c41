import { memo } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { ClassRow } from './datasetSelectors';

const sameSplit = (a: readonly ClassRow[], b: readonly ClassRow[]) =>
  a.length === b.length && a.every((r, i) => r.label === b[i].label && r.excluded === b[i].excluded && r.train === b[i].train && r.valid === b[i].valid && r.test === b[i].test);

/**
 * Train/valid images per class, stacked: imbalance and thin validation sets show at a glance. Drawn again
 * only when a side's count changes (a label changes counts first, the split a moment later).
 */
export const SplitChart = memo(function SplitChart({ rows }: { rows: readonly ClassRow[] }) {
  const data = rows.filter((r) => !r.excluded).map((r) => ({ label: r.label, train: r.train, valid: r.valid, test: r.test }));
  if (data.length === 0) return null;
  const hasTest = data.some((d) => d.test > 0);
  return (
    <figure className="chart" aria-label="Training and validation images per class">
      <ResponsiveContainer width="100%" height={220}>
        <BarChart data={data} margin={{ top: 8, right: 8, bottom: 8, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="label" interval={0} tick={{ fontSize: 12 }} />
          <YAxis allowDecimals={false} tick={{ fontSize: 12 }} />
          <Tooltip />
          <Legend />
          <Bar dataKey="train" stackId="s" fill="#2458a6" name="train" isAnimationActive={false} />
          <Bar dataKey="valid" stackId="s" fill="#e0902b" name="valid" isAnimationActive={false} />
          {hasTest && <Bar dataKey="test" stackId="s" fill="#6b8e23" name="test" isAnimationActive={false} />}
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}, (a, b) => sameSplit(a.rows, b.rows));
