import { evaluate, shownInStore } from '../../bridge';
import { useStore } from '../../store';

function eta(s: number | null): string {
  if (s === null) return 'estimating time left…';
  return s < 60 ? `about ${Math.ceil(s)} s left` : `about ${Math.ceil(s / 60)} min left`;
}

/** "Evaluate again" / "Evaluate with TTA", the progress of an evaluation, and its errors. */
export function EvalControls() {
  const state = useStore((s) => s.evalState);
  const progress = useStore((s) => s.evalProgress);
  const error = useStore((s) => s.evalError);
  const notices = useStore((s) => s.evalNotices);
  const createdAt = useStore((s) => s.evaluation?.createdAt ?? null);
  const hasEval = createdAt !== null;
  const training = useStore((s) => s.trainState === 'running' || s.trainState === 'paused');
  const running = state === 'running';
  const ttaAfterRun = useStore((s) => s.ttaAfterRun);
  const setTtaAfterRun = useStore((s) => s.ttaAfterRunSet);
  return (
    <div className="eval-controls" data-testid="metrics.status" data-state={state} data-created={createdAt ?? undefined}>
      <label className="hint">
        <input type="checkbox" checked={ttaAfterRun} onChange={(e) => setTtaAfterRun(e.target.checked)} data-testid="metrics.tta-after-run" />{' '}
        also evaluate with TTA when a training run ends (8× the prediction time)
      </label>
      {hasEval && (
        <div className="row">
          <button type="button" disabled={running || training} onClick={() => void evaluate(true).catch(shownInStore)} data-testid="metrics.tta"
            title="Predict every validation image under the 8 flips and 90° rotations and average the probabilities (8× the time)">
            Evaluate with TTA
          </button>
          <span className="hint">Test-time augmentation: the mean prediction over the 8 flips and rotations of each image, as fastai&apos;s <code>learn.tta()</code>.</span>
        </div>
      )}
      {running && progress && (
        <div className="train-progress" role="status">
          <progress max={progress.total} value={progress.done} aria-label="Evaluation progress" />
          <span>
            {progress.stage === 'reference'
              ? <>Reading the features of {progress.done} / {progress.total} training images for the unfamiliar-image check, {eta(progress.etaSeconds)}</>
              : <>Predicting {progress.tta ? 'with TTA ' : ''}{progress.done} / {progress.total} validation images, {eta(progress.etaSeconds)}</>}
          </span>
        </div>
      )}
      {running && !progress && <p role="status" className="muted">Waiting for the compute worker…</p>}
      {error && <p className="error" role="alert">{error}</p>}
      {notices.length > 0 && (
        <ul className="notices" aria-label="Evaluation notices">
          {notices.map((m, i) => <li key={i} className="notice warning" data-testid="metrics.notice" role="status">{m}</li>)}
        </ul>
      )}
    </div>
  );
}
