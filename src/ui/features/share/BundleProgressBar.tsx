import { useStore } from '../../store';
import { formatDuration } from '../../store/datasetSelectors';

/** Progress of an export or import, with time left once a rate is known. */
export function BundleProgressBar() {
  const job = useStore((s) => s.bundleJob);
  const p = useStore((s) => s.bundleProgress);
  if (job === 'idle' || !p) return null;
  const fraction = p.total > 0 ? Math.min(1, p.done / p.total) : null;
  const elapsed = (p.at - p.startedAt) / 1000;
  const eta = fraction && fraction > 0.02 && fraction < 1 ? (elapsed / fraction) * (1 - fraction) : null;
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
