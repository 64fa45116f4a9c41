import { useRef } from 'react';
import { CartesianGrid, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { LR_FIND_DEFAULTS } from '../../../shared/train/lrSuggest';
import type { TrainRecipe } from '../../../shared/train/recipe';
import { runLrFind } from '../../bridge';
import { labelWritesDone } from '../data/labelActions';
import { useStore } from '../../store';

interface Props {
  recipe: TrainRecipe;
  /** why the finder cannot run now, or null */
  blocker: string | null;
  onUseLr: (lr: number) => void;
}

const fmtLr = (v: number) => v.toExponential(1);

/** fastai `lr_find`: loss against a growing learning rate on a log axis, the 'valley' suggestion marked. */
export function LrFinder({ recipe, blocker, onUseLr }: Props) {
  const state = useStore((s) => s.lrState);
  const points = useStore((s) => s.lrPoints);
  const suggestion = useStore((s) => s.lrSuggestion);
  const error = useStore((s) => s.lrError);
  const abort = useRef<AbortController | null>(null);
  const running = state === 'running';
  const start = () => {
    const job = (abort.current = new AbortController());
    // lr_find reads the training images from storage: after the label changes made so far.
    void labelWritesDone().then(() => (job.signal.aborted ? undefined : runLrFind(useStore.getState().projectId, recipe, job.signal)));
  };
  return (
    <section className="lr-finder" aria-labelledby="lr-finder-heading">
      <h3 id="lr-finder-heading" className="subhead">Learning rate finder (<code>lr_find</code>)</h3>
      <div className="row">
        <button type="button" data-testid="train.lr-find" disabled={running || blocker !== null} title={blocker ?? 'fastai lr_find on the frozen model'} onClick={start}>
          Find learning rate
        </button>
        <button type="button" data-testid="train.lr-find-cancel" disabled={!running} onClick={() => abort.current?.abort()}>Cancel</button>
        <span className="muted" role="status" data-testid="train.lr-status" data-state={state} data-points={points.length}>
          {running && `lr_find: ${points.length}/${LR_FIND_DEFAULTS.numIt} batches (stops early once the loss passes 4× its best)`}
          {state === 'cancelled' && 'lr_find cancelled.'}
          {state === 'done' && !suggestion && 'Too few points for a suggestion: add images or lower bs.'}
        </span>
        {suggestion && state === 'done' && (
          <button type="button" data-testid="train.lr-use" data-lr={suggestion.lr} onClick={() => onUseLr(Number(suggestion.lr.toPrecision(2)))}>
            Use {fmtLr(suggestion.lr)} as base_lr
          </button>
        )}
      </div>
      {state === 'error' && <p role="alert" className="error">{error}</p>}
      {points.length > 1 && (
        <figure className="chart" data-testid="train.lr-chart" data-points={points.length} data-suggested={suggestion?.lr ?? ''} aria-label="Loss against learning rate">
          <ResponsiveContainer width="100%" height={220}>
            <LineChart data={points} margin={{ top: 22, right: 16, bottom: 8, left: 0 }}>
              <CartesianGrid strokeDasharray="3 3" vertical={false} />
              <XAxis dataKey="lr" type="number" scale="log" domain={['dataMin', 'dataMax']} tickFormatter={fmtLr} tick={{ fontSize: 12 }} allowDataOverflow />
              <YAxis tick={{ fontSize: 12 }} domain={['auto', 'auto']} tickFormatter={(v: number) => v.toFixed(2)} />
              <Tooltip labelFormatter={(v) => `lr ${typeof v === 'number' ? fmtLr(v) : String(v)}`} formatter={(v) => (typeof v === 'number' ? v.toFixed(4) : String(v))} />
              <Line dataKey="loss" stroke="#2458a6" strokeWidth={2} dot={false} isAnimationActive={false} name="smoothed loss" />
              {suggestion && <ReferenceLine x={suggestion.lr} stroke="#b3261e" strokeDasharray="4 3" label={{ value: `valley ${fmtLr(suggestion.lr)}`, fontSize: 12, position: 'top' }} />}
            </LineChart>
          </ResponsiveContainer>
        </figure>
      )}
    </section>
  );
}
