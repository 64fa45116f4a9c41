import { useStore } from '../../store';
import { formatDuration } from '../data/datasetSelectors';
import { jobProgress } from '../../store/selectors';

/** Progress of an export or import, with time left once a rate is known. */
export function BundleProgressBar() {
  const job = useStore((s) => s.bundleJob);
  const p = useStore((s) => s.bundleProgress);
  if (job === 'idle' || !p) return null;
  const { fraction, eta } = jobProgress(p.done, p.total, p.startedAt, p.at);
  return (
    <div className="train-progress" data-testid="share.progress">
      <progress max={1} value={fraction ?? undefined} aria-label={job === 'exporting' ? 'Export progress' : 'Import progress'} />
      <span className="muted">
        {job === 'exporting' ? 'Exporting' : 'Importing'}: {p.stage}
        {fraction !== null && ` · ${Math.round(fraction * 100)}%`}
        {p.total > 1e5 && ` of ${(p.total / 1e6).toFixed(1)} MB`}
        {eta !== null && ` · ${formatDuration(eta)} left`}
      </span>
    </div>
  );
}
