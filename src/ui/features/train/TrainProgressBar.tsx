import { useMemo } from 'react';
import { useSecondsSince } from '../../components/useSecondsSince';
import type { TrainProgress } from '../../../shared/protocol';
import { useStore } from '../../store';
import { formatDuration } from '../data/datasetSelectors';
import { trainFraction } from './trainSelectors';
import { PREPARING, silentPhase, steadyEta, type ShownEta } from './trainPhase';

// The last time-left shown, so the next can be kept steady (one progress bar on the page; a new run starts over).
let lastEta: ShownEta | null = null;
function etaFor(p: TrainProgress | null): ShownEta | null {
  lastEta = p ? steadyEta(lastEta, p.etaSeconds, performance.now()) : null;
  return lastEta;
}

/** Overall progress in batches, with throughput, time left and the worker's tensor count (a leak shows). */
export function TrainProgressBar() {
  const state = useStore((s) => s.trainState);
  const plan = useStore((s) => s.trainPlan);
  const p = useStore((s) => s.trainProgress);
  const epochs = useStore((s) => s.trainEpochs);
  const evaluating = useStore((s) => s.evalState === 'running');
  const left = useMemo(() => etaFor(p), [p]);
  const starting = state === 'running' && p === null;
  const startedAt = useStore((s) => s.trainStartedAt);
  const waited = useSecondsSince(startedAt, starting);
  if (state === 'idle') return null;
  if (!plan) {
    // the worker has not started the run yet: it reads the split, or ends the job before it (a mode timing
    // stops at its next timed call)
    return state === 'running' ? (
      <div className="train-progress">
        <p className="hint" data-testid="train.phase">
          <span role="status">{PREPARING}</span> <span aria-hidden="true">{waited} s so far.</span>
        </p>
      </div>
    ) : null;
  }
  const fraction = trainFraction(plan, p, state);
  const phase = silentPhase(plan, p, epochs, state);
  return (
    <div className="train-progress">
      <progress max={1} value={fraction} aria-label="Training progress" />
      <span className="muted">
        {Math.round(fraction * 100)}%
        {p && state !== 'done' && (
          <>
            {' '}· epoch {p.epoch + 1} of {plan.perEpoch.length} ({p.phase}) · batch {p.batch + 1} of {plan.stepsPerEpoch} at {p.imageSize} px
            {' '}· {p.imagesPerSecond > 0 ? `${p.imagesPerSecond.toFixed(1)} images/s` : 'measuring speed…'}
            {' '}· <span data-testid="train.eta" title="Counts the training batches and validation passes left; not the final evaluation">
              {left ? `about ${formatDuration(left.seconds)} left for training and validation` : 'estimating time left…'}
            </span>
            {' '}· loss {p.smoothLoss.toFixed(3)} · {p.memory.numTensors} tensors
          </>
        )}
      </span>
      {phase && (
        <p className="hint" data-testid="train.phase">
          <span role="status">{phase}</span>
          {starting && <span aria-hidden="true"> {waited} s so far.</span>}
        </p>
      )}
      {state === 'done' && evaluating && <p role="status" className="hint" data-testid="train.phase">Training done: predicting the validation images for Evaluate…</p>}
      <p className="hint" data-testid="train.plan" data-train-images={plan.trainImages} data-valid-images={plan.validImages}>
        {plan.trainImages} training and {plan.validImages} validation images, {plan.classNames.length} classes
        ({plan.classNames.join(', ')}).{plan.warnings.length > 0 && ` ${plan.warnings.join(' ')}`}
      </p>
    </div>
  );
}
