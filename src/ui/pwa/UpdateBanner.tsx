import { useEffect, useState } from 'react';
import { applyUpdate, STALE_TEXT, updateState, type UpdateState } from './serviceWorker';

const TEXT: Record<Exclude<UpdateState, 'none'>, string> = {
  waiting: 'A new version of the app is ready. Reload to use it (this tab keeps the current one until then).',
  stale: STALE_TEXT,
};

/** Says when a deploy happened while this tab was open, with the one action that helps. */
export function UpdateBanner() {
  const [state, setState] = useState<UpdateState>(updateState.get());
  useEffect(() => updateState.subscribe(setState), []);
  if (state === 'none') return null;
  return (
    <div className="notice" role="alert" data-testid="app.update" data-state={state}>
      {TEXT[state]}{' '}
      <button type="button" onClick={applyUpdate}>Reload</button>
    </div>
  );
}
