import { useState } from 'react';
import { parseScore, type ReferenceResult } from '../../../shared/eval/references';
import { useStore } from '../../store';
import { pct } from './format';

const FIELDS = ['accuracy', 'precision', 'recall', 'f1'] as const;
type Field = (typeof FIELDS)[number];
const EMPTY: Record<Field | 'name', string> = { name: '', accuracy: '', precision: '', recall: '', f1: '' };

/** Reference results as rows of the per-class table: the published ones pre-filled, the user's own added. */
export function ReferenceRows({ columns }: { columns: number }) {
  const refs = useStore((s) => s.references);
  const setRefs = useStore((s) => s.referencesChanged);
  const [draft, setDraft] = useState(EMPTY);
  const [error, setError] = useState<string | null>(null);

  const add = () => {
    if (!draft.name.trim()) return setError('Give the reference a name.');
    const values: Partial<Record<Field, number | null>> = {};
    for (const f of FIELDS) {
      const r = parseScore(draft[f]);
      if ('error' in r) return setError(`${f}: ${r.error}`);
      values[f] = r.value;
    }
    if (FIELDS.every((f) => values[f] === null)) return setError('Give at least one of accuracy, precision, recall or F1.');
    const ref: ReferenceResult = { name: draft.name.trim(), accuracy: values.accuracy!, precision: values.precision!, recall: values.recall!, f1: values.f1!, note: 'added by you' };
    setRefs([...refs, ref]);
    setDraft(EMPTY);
    setError(null);
  };

  return (
    <tbody className="references">
      <tr><th colSpan={columns} scope="rowgroup">References (accuracy in the support column)</th></tr>
      {refs.map((r, i) => (
        <tr key={`${r.name}-${i}`} className="reference" data-testid="metrics.reference-row" title={r.note}>
          <td>{r.name}</td><td>{pct(r.precision)}</td><td>{pct(r.recall)}</td><td>{pct(r.f1)}</td><td>acc. {pct(r.accuracy)}</td>
          <td><button type="button" onClick={() => setRefs(refs.filter((_, j) => j !== i))} aria-label={`Remove reference ${r.name}`}>Remove</button></td>
        </tr>
      ))}
      <tr className="reference-form">
        <td><input type="text" aria-label="Reference name" placeholder="name, e.g. my colleague's run" value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.target.value })} data-testid="metrics.reference-name" /></td>
        {(['precision', 'recall', 'f1', 'accuracy'] as const).map((f) => (
          <td key={f}>
            <input type="text" inputMode="decimal" size={6} aria-label={`Reference ${f}`} placeholder={f === 'f1' ? 'F1' : f} value={draft[f]}
              onChange={(e) => setDraft({ ...draft, [f]: e.target.value })} data-testid={`metrics.reference-${f}`} />
          </td>
        ))}
        <td>
          <button type="button" onClick={add} data-testid="metrics.reference-add">Add</button>
          {error && <div className="error" role="alert">{error}</div>}
        </td>
      </tr>
    </tbody>
  );
}
