import { ErrorBoundary } from '../../components/ErrorBoundary';
import { useState } from 'react';
import { renameClass, setClassExcluded } from './datasetActions';
import type { ClassRow } from './datasetSelectors';
import { useDatasetView } from './datasetView';
import { SplitChart } from './SplitChart';

const pct = (x: number) => `${Math.round(x * 100)}%`;

/** Per-class counts, split sides and data-bar share; rename, merge or exclude without re-importing. */
export function ClassTable() {
  const { rows } = useDatasetView();
  if (rows.length === 0) return null;
  const hasTest = rows.some((r) => r.test > 0);
  return (
    <section className="panel" aria-labelledby="data-classes-heading">
      <h2 id="data-classes-heading">3 · Classes and split</h2>
      <datalist id="class-names">
        {rows.map((r) => <option key={r.label} value={r.label} />)}
      </datalist>
      <table className="table">
        <thead>
          <tr>
            <th scope="col">Class</th>
            <th scope="col">Images</th>
            <th scope="col">Train</th>
            <th scope="col">Valid</th>
            {hasTest && <th scope="col">Test</th>}
            <th scope="col">Data bar</th>
            <th scope="col">Use</th>
            <th scope="col">Rename / merge</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => <Row key={r.label} row={r} hasTest={hasTest} />)}
        </tbody>
      </table>
      <ErrorBoundary what="the split chart" compact>
        <SplitChart rows={rows} />
      </ErrorBoundary>
    </section>
  );
}

function Row({ row: r, hasTest }: { row: ClassRow; hasTest: boolean }) {
  const [name, setName] = useState(r.label);
  const [editing, setEditing] = useState(false);
  return (
    <tr
      data-testid="dataset.class-row"
      data-class={r.label}
      data-count={r.count}
      data-train={r.train}
      data-valid={r.valid}
      data-test={r.test}
      data-bar-share={r.barShare.toFixed(4)}
      data-excluded={r.excluded}
      data-left-out={r.leftOut}
      className={r.excluded ? 'excluded' : undefined}
    >
      <th scope="row">{r.label}{r.count < 2 && !r.excluded && <span className="warn" title="Fewer than 2 images: nothing to validate on"> ⚠ too few</span>}</th>
      <td>{r.count}{r.leftOut > 0 && <span className="muted" title="excluded from training one by one, kept in the dataset"> (+{r.leftOut} excluded)</span>}</td>
      <td>{r.train}</td>
      <td>{r.valid}</td>
      {hasTest && <td>{r.test}</td>}
      <td>{pct(r.barShare)}</td>
      <td>
        <label>
          <input type="checkbox" checked={!r.excluded} onChange={(e) => void setClassExcluded(r.label, !e.target.checked)} />
          <span className="sr-only">Use class {r.label}</span>
        </label>
      </td>
      <td>
        {editing ? (
          <form
            className="row"
            onSubmit={(e) => {
              e.preventDefault();
              void renameClass(r.label, name).then(() => setEditing(false));
            }}
          >
            <label>
              <span className="sr-only">New name for {r.label} (an existing name merges)</span>
              <input type="text" list="class-names" value={name} onChange={(e) => setName(e.target.value)} autoFocus size={14} />
            </label>
            <button type="submit" disabled={!name.trim()}>OK</button>
            <button type="button" onClick={() => (setEditing(false), setName(r.label))}>Cancel</button>
          </form>
        ) : (
          <button type="button" onClick={() => setEditing(true)} aria-label={`Rename or merge ${r.label}`}>Rename…</button>
        )}
      </td>
    </tr>
  );
}
