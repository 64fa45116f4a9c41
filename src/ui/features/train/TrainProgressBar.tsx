import { useStore } from '../../store';
import { formatDuration } from '../../store/datasetSelectors';
import { trainFraction } from '../../store/trainSelectors';

/** Overall progress in batches, with throughput, time left and the worker's tensor count (a leak shows). */
export function TrainProgressBar() {
  const state = useStore((s) => s.trainState);
  const plan = useStore((s) => s.trainPlan);
  const p = useStore((s) => s.trainProgress);
  if (state === 'idle' || !plan) return null;
  const fraction = trainFraction(plan, p, state);
  return (
    <div className="train-progress">
      <progress max={1} value={fraction} aria-label="Training progress" />
      <span className="muted">
        {Math.round(fraction * 100)}%
        {p && state !== 'done' && (
          <>
            {' '}· epoch {p.epoch + 1} ({p.phase}) batch {p.batch + 1}/{plan.stepsPerEpoch} at {p.imageSize} px
            {' '}· {p.imagesPerSecond > 0 ? `${p.imagesPerSecond.toFixed(1)} images/s` : 'measuring speed…'}
            {' '}· {formatDuration(p.etaSeconds)} left · loss {p.smoothLoss.toFixed(3)} · {p.memory.numTensors} tensors
          </>
        )}
      </span>
      <p className="hint" data-testid="train.plan" data-train-images={plan.trainImages} data-valid-images={plan.validImages}>
        {plan.trainImages} training and {plan.validImages} validation images, {plan.classNames.length} classes
        ({plan.classNames.join(', ')}).{plan.warnings.length > 0 && ` ${plan.warnings.join(' ')}`}
      </p>
    </div>
  );
}
