import { controlTraining } from '../../bridge';
import { useStore } from '../../store';
import { trainStatusAttrs } from './trainSelectors';

interface Props {
  /** why Train cannot start, or null */
  blocker: string | null;
  onStart: () => void;
}

const STATE_TEXT = { idle: 'not started', running: 'training', paused: 'paused (after the current batch)', done: 'done', error: 'failed' } as const;

/** Start, pause, resume, stop, and the contract's `train.status` element. */
export function TrainControls({ blocker, onStart }: Props) {
  const state = useStore((s) => s.trainState);
  const plan = useStore((s) => s.trainPlan);
  const progress = useStore((s) => s.trainProgress);
  const epochs = useStore((s) => s.trainEpochs);
  const stopped = useStore((s) => s.trainStopped);
  const error = useStore((s) => s.trainError);
  const kept = useStore((s) => s.keptEpoch);
  const attrs = trainStatusAttrs(plan, progress, epochs);
  const active = state === 'running' || state === 'paused';
  return (
    <div className="stack">
      <div className="row">
        <button type="button" className="primary large" data-testid="train.start" disabled={blocker !== null} aria-describedby={blocker ? 'train-blocker' : undefined} onClick={onStart}>
          Train
        </button>
        {blocker && !active && <span className="hint" id="train-blocker" data-testid="train.blocker">{blocker}</span>}
        <button type="button" data-testid="train.pause" disabled={state !== 'running'} onClick={() => controlTraining('pause')}>Pause</button>
        <button type="button" data-testid="train.resume" disabled={state !== 'paused'} onClick={() => controlTraining('resume')}>Resume</button>
        <button type="button" data-testid="train.stop" disabled={!active} onClick={() => controlTraining('stop')}>Stop</button>
        <span
          role="status"
          data-testid="train.status"
          data-state={state}
          data-epoch={attrs.epoch}
          data-stage={attrs.stage}
          data-size={attrs.size}
        >
          {STATE_TEXT[state]}
          {attrs.epoch > 0 && plan && ` · epoch ${attrs.epoch}/${plan.perEpoch.length} · stage ${attrs.stage}/${plan.stages.length} at ${attrs.size} px`}
          {state === 'done' && stopped && (kept === null ? ' (stopped early; the weights so far are kept)' : ` (stopped early; kept the weights of epoch ${kept + 1}, the lowest valid_loss)`)}
          {state === 'done' && !stopped && kept !== null && ` (kept the weights of epoch ${kept + 1}, the last)`}
        </span>
      </div>
      {state === 'error' && <p role="alert" className="error">{error}</p>}
    </div>
  );
}
