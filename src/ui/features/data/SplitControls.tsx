import { useState } from 'react';
import { redrawSplit, setValidShare } from './datasetActions';
import { useStore } from '../../store';

/** Seed field and "Re-draw split": the same seed always gives the same split. */
export function SplitControls() {
  const split = useStore((s) => s.meta?.split ?? null);
  const [draft, setDraft] = useState<string | null>(null);
  if (!split) return null;
  const value = draft ?? String(split.seed);
  const valid = /^\d{1,9}$/.test(value);
  return (
    <>
    <ValidShare percent={Math.round(split.validFrac * 100)} />
    <form
      className="row split-controls"
      onSubmit={(e) => {
        e.preventDefault();
        if (valid) void redrawSplit(Number(value)).then(() => setDraft(null));
      }}
    >
      <label>
        Split seed{' '}
        <input type="text" inputMode="numeric" size={8} value={value} aria-invalid={!valid} onChange={(e) => setDraft(e.target.value)} />
      </label>
      <button type="submit" disabled={!valid}>Apply seed</button>
      <button type="button" onClick={() => void redrawSplit(Math.floor(Math.random() * 2 ** 31)).then(() => setDraft(null))}>
        Re-draw split
      </button>
    </form>
    </>
  );
}

/** The share of each class kept aside to measure the model (never trained on), in percent. */
function ValidShare({ percent }: { percent: number }) {
  const [draft, setDraft] = useState<string | null>(null);
  const value = draft ?? String(percent);
  const n = Number(value);
  const valid = /^\d{1,2}$/.test(value) && n >= 5 && n <= 50;
  return (
    <form
      className="row split-controls"
      onSubmit={(e) => {
        e.preventDefault();
        if (valid) void setValidShare(n / 100).then(() => setDraft(null));
      }}
    >
      <label>
        Validation share{' '}
        <input type="number" min={5} max={50} step={1} value={value} aria-invalid={!valid} data-testid="dataset.valid-share"
          onChange={(e) => setDraft(e.target.value)} style={{ width: '5em' }} /> %
      </label>
      <button type="submit" disabled={!valid || n === percent} data-testid="dataset.valid-apply">Apply share</button>
      <span className="hint">{valid ? `${value} % of each class is kept aside to measure the model; it never trains on them.` : 'Enter a whole number from 5 to 50.'}</span>
    </form>
  );
}
