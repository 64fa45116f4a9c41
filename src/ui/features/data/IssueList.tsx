import { useState } from 'react';
import { useStore } from '../../store';

const FIRST = 1000;

/** Files that were skipped or flagged, each with its reason. Long lists are cut, with a "show all". */
export function IssueList() {
  const issues = useStore((s) => s.meta?.issues ?? null);
  const [all, setAll] = useState(false);
  if (!issues || issues.length === 0) return null;
  const shown = all ? issues : issues.slice(0, FIRST);
  return (
    <section className="panel" aria-labelledby="data-issues-heading">
      <h2 id="data-issues-heading">Files not used ({issues.length})</h2>
      <table className="table">
        <thead>
          <tr>
            <th scope="col">File</th>
            <th scope="col">Reason</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((i) => (
            <tr key={i.path} data-testid="dataset.issue-row" data-file={i.path} data-reason={i.reason}>
              <td className="path">{i.path}</td>
              <td>{i.reason}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {!all && issues.length > FIRST && <button type="button" onClick={() => setAll(true)}>Show all {issues.length}</button>}
    </section>
  );
}
