import { useStore } from '../../store';
import { formatDuration } from '../data/datasetSelectors';
import { count } from '../data/phrasing';
import { cancelClassify } from './classifyRun';

/** done / total, images/s, time left and Cancel while a folder is being classified; what the worker recovered from. */
export function PredictProgress() {
  const run = useStore((s) => s.predictRun);
  const training = useStore((s) => s.trainState === 'running' || s.trainState === 'paused');
  return (
    <div className="import-status" data-testid="predict.status" data-state={run.state} data-done={run.done} data-total={run.total} aria-live="polite">
      {run.state === 'running' && (
        <>
          <progress max={Math.max(1, run.total)} value={run.done} aria-label="Classification progress" />
          <span>
            {run.done} / {run.total} images · {run.imagesPerSecond > 0 ? `${run.imagesPerSecond.toFixed(1)} images/s` : 'measuring speed…'}
            {' '}· {formatDuration(run.etaSeconds)} left
          </span>
          <button type="button" onClick={cancelClassify}>Cancel</button>
          {training && run.done === 0 && <span className="muted">Waiting for the training run to finish…</span>}
        </>
      )}
      {run.state === 'done' && <span>Classified {run.total} image{run.total === 1 ? '' : 's'}.</span>}
      {run.state === 'cancelled' && <span>Cancelled after {run.done} of {run.total} images.</span>}
      {run.skipped > 0 && <span className="muted">{count(run.skipped, 'file')} skipped (not images by name, or hidden).</span>}
      {run.message && <p className="error" role="alert">{run.message}</p>}
      {run.notices.length > 0 && (
        <ul className="notices" aria-label="Classification notices">
          {run.notices.map((m, i) => <li key={i} className="notice warning" data-testid="predict.notice">{m}</li>)}
        </ul>
      )}
    </div>
  );
}
