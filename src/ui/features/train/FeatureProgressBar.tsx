import { useStore } from '../../store';
import { formatDuration } from '../data/datasetSelectors';

/** Fast mode's first stage: backbone features per image and view, before the head's epochs start. */
export function FeatureProgressBar() {
  const p = useStore((s) => s.featureProgress);
  const state = useStore((s) => s.trainState);
  if (!p || state === 'idle') return null;
  const computing = p.done < p.total;
  return (
    <div className="train-progress" data-testid="train.features" data-done={p.done} data-total={p.total}>
      <progress max={p.total} value={p.done} aria-label="Computing features" />
      <span className="muted">
        computing features: {p.done}/{p.total} images × views
        {computing && (state === 'running' || state === 'paused') && ` · ${formatDuration(p.etaSeconds)} left`}
        {!computing && ' · done; the head trains on them'}
      </span>
    </div>
  );
}
