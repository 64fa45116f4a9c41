import { useState } from 'react';
import { redrawSplit } from '../../dataset/datasetActions';
import { useStore } from '../../store';

/** Seed field and "Re-draw split": the same seed always gives the same split. */
export function SplitControls() {
  const split = useStore((s) => s.meta?.split ?? null);
  const [draft, setDraft] = useState<string | null>(null);
  if (!split) return null;
  const value = draft ?? String(split.seed);
  const valid = /^\d{1,9}$/.test(value);
  return (
    <form
      className="row split-controls"
      onSubmit={(e) => {
        e.preventDefault();
        if (valid) void redrawSplit(Number(value)).then(() => setDraft(null));
      }}
    >
      <span>Validation share {Math.round(split.validFrac * 100)}% (set with <code>?valid=</code>)</span>
      <label>
        Split seed{' '}
        <input type="text" inputMode="numeric" size={8} value={value} aria-invalid={!valid} onChange={(e) => setDraft(e.target.value)} />
      </label>
      <button type="submit" disabled={!valid}>Apply seed</button>
      <button type="button" onClick={() => void redrawSplit(Math.floor(Math.random() * 2 ** 31)).then(() => setDraft(null))}>
        Re-draw split
      </button>
    </form>
  );
}
