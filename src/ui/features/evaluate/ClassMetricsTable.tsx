import { useMemo, useState } from 'react';
import type { ClassMetrics, Metrics } from '../../../shared/eval/metrics';
import { fmt4, pct } from './format';
import { ReferenceRows } from './ReferenceRows';

type Key = 'name' | 'precision' | 'recall' | 'f1' | 'support';
const COLUMNS: { key: Key; label: string }[] = [
  { key: 'name', label: 'class' }, { key: 'precision', label: 'precision' }, { key: 'recall', label: 'recall' }, { key: 'f1', label: 'F1' }, { key: 'support', label: 'support' },
];

export function sortClasses(rows: readonly ClassMetrics[], key: Key, asc: boolean): ClassMetrics[] {
  const dir = asc ? 1 : -1;
  return [...rows].sort((a, b) => {
    const d = key === 'name' ? a.name.localeCompare(b.name) : a[key] - b[key];
    return d !== 0 ? d * dir : a.index - b.index;
  });
}

/** sklearn's classification_report, sortable by any column, with macro/weighted averages and reference rows. */
/** `ns` prefixes the test ids (Classify's labelled-folder table uses its own); reference rows only under Evaluate. */
export function ClassMetricsTable({ metrics, ns = 'metrics' }: { metrics: Metrics; ns?: string }) {
  const [sort, setSort] = useState<{ key: Key; asc: boolean }>({ key: 'name', asc: true });
  const rows = useMemo(() => sortClasses(metrics.perClass, sort.key, sort.asc), [metrics, sort]);
  const toggle = (key: Key) => setSort((s) => (s.key === key ? { key, asc: !s.asc } : { key, asc: key === 'name' }));
  return (
    <table className="table class-metrics" aria-label="Per-class precision, recall and F1">
      <thead>
        <tr>
          {COLUMNS.map((c) => (
            <th key={c.key} aria-sort={sort.key === c.key ? (sort.asc ? 'ascending' : 'descending') : 'none'}>
              <button type="button" className="sort" onClick={() => toggle(c.key)} data-testid={`${ns}.sort.${c.key}`}>
                {c.label} {sort.key === c.key ? (sort.asc ? '▲' : '▼') : ''}
              </button>
            </th>
          ))}
          <th>predicted</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((c) => (
          <tr key={c.name} data-testid={`${ns}.class-row`} data-class={c.name} data-precision={fmt4(c.precision)} data-recall={fmt4(c.recall)}
            data-f1={fmt4(c.f1)} data-support={c.support} data-never-predicted={c.neverPredicted}>
            <td>{c.name}{c.neverPredicted && <span className="tag warn" title="No image was predicted as this class: precision is undefined and shown as 0.">never predicted</span>}</td>
            <td>{pct(c.precision)}</td>
            <td>{pct(c.recall)}</td>
            <td>{pct(c.f1)}</td>
            <td>{c.support}</td>
            <td>{c.predicted}</td>
          </tr>
        ))}
      </tbody>
      <tbody className="averages">
        <tr data-testid={`${ns}.macro-row`} data-precision={fmt4(metrics.macro.precision)} data-recall={fmt4(metrics.macro.recall)} data-f1={fmt4(metrics.macro.f1)}>
          <th scope="row">macro avg</th><td>{pct(metrics.macro.precision)}</td><td>{pct(metrics.macro.recall)}</td><td>{pct(metrics.macro.f1)}</td><td>{metrics.n}</td><td />
        </tr>
        <tr data-testid={`${ns}.weighted-row`} data-precision={fmt4(metrics.weighted.precision)} data-recall={fmt4(metrics.weighted.recall)} data-f1={fmt4(metrics.weighted.f1)}>
          <th scope="row">weighted avg</th><td>{pct(metrics.weighted.precision)}</td><td>{pct(metrics.weighted.recall)}</td><td>{pct(metrics.weighted.f1)}</td><td>{metrics.n}</td><td />
        </tr>
      </tbody>
      {ns === 'metrics' && <ReferenceRows columns={COLUMNS.length + 1} />}
    </table>
  );
}
