import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { changeLabels, undoLast } from '../labelActions';
import { ErrorBoundary } from '../../../components/ErrorBoundary';
import { useStore } from '../../../store';
import { selectDatasetView } from '../datasetView';
import { reviewQueue, type QueueItem } from '../labelSelectors';
import type { DatasetEntry } from '../../../../shared/dataset/records';
import { GradCamDialog } from '../../classify/GradCamDialog';
import { Thumb } from '../Thumb';
import { cancelReview, startReview } from './reviewActions';
import { ReviewQueueList } from './ReviewQueueList';
import { ReviewRounds } from './ReviewRounds';

const NONE: DatasetEntry[] = [];

/**
 * "Label with the model": the trained model predicts the unlabelled images, and the queue lists them most
 * uncertain first. Enter accepts the prediction, 1–9 labels with another class, Space skips, Backspace undoes.
 */
export function ReviewPanel() {
  // The entries only matter once the model has predicted: until then a label re-renders nothing here.
  const entries = useStore((s) => (s.reviewState === 'idle' && s.reviewClassNames.length === 0 ? NONE : s.entries));
  const crop = useStore((s) => s.meta?.cropDataBar ?? true);
  const state = useStore((s) => s.reviewState);
  const predictions = useStore((s) => s.reviewPredictions);
  const classNames = useStore((s) => s.reviewClassNames);
  const skipped = useStore((s) => s.reviewSkipped);
  const measure = useStore((s) => s.reviewMeasure);
  const progress = useStore((s) => s.reviewProgress);
  const error = useStore((s) => s.reviewError);
  const trained = useStore((s) => s.ready && s.modelState === 'ready' && !!s.model?.headTrained);
  const training = useStore((s) => s.trainState === 'running' || s.trainState === 'paused');
  const queue = useMemo(() => reviewQueue(entries, predictions, classNames, skipped, measure), [entries, predictions, classNames, skipped, measure]);
  const classes = useStore((s) => selectDatasetView(s).classes);
  const unlabelled = useStore((s) => selectDatasetView(s).reviewPool);
  const any = useStore((s) => s.entries.length > 0);
  const list = useRef<HTMLDivElement>(null);
  const [cam, setCam] = useState<QueueItem | null>(null);
  useEffect(() => {
    if (state === 'ready') list.current?.focus({ preventScroll: true });
  }, [state]);
  if (!any) return null;

  const first = queue[0] ?? null;
  const accept = () => first && changeLabels({ kind: 'label', paths: [first.id], label: first.pred, origin: 'accepted' }, { review: true });
  const relabel = (c: string) => first && changeLabels({ kind: 'label', paths: [first.id], label: c, origin: 'hand' }, { review: true });
  const skip = () => first && useStore.getState().reviewSkippedPath(first.id);
  const onKey = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    if (e.key === 'Enter') accept();
    else if (e.key === ' ') skip();
    else if (e.key === 'Backspace') undoLast();
    else if (/^[1-9]$/.test(e.key) && classes[Number(e.key) - 1]) relabel(classes[Number(e.key) - 1]);
    else return;
    e.preventDefault();
  };
  const blocker = !trained ? 'Train a model first (or load one): it predicts the unlabelled images.'
    : training ? 'Training is running.' : unlabelled === 0 ? 'No unlabelled images.' : null;
  const shownState = state === 'running' ? 'running' : state === 'ready' ? 'ready' : 'idle';

  return (
    <section className="panel" aria-labelledby="review-heading">
      <h2 id="review-heading">Label with the model</h2>
      <p className="hint">
        The trained model predicts every unlabelled image; the queue shows the ones it is least sure about first, where a
        label teaches it most. <kbd>Enter</kbd> accepts the prediction, <kbd>1</kbd>–<kbd>9</kbd> labels with another class,{' '}
        <kbd>Space</kbd> skips, <kbd>Backspace</kbd> undoes. Labels made here join the training side.
      </p>
      <div className="row">
        <button type="button" className="primary" data-testid="review.start" disabled={blocker !== null || state === 'running'} title={blocker ?? undefined}
          onClick={startReview}>
          {state === 'idle' ? 'Label with the model' : 'Predict again'}
        </button>
        {state === 'running' && <button type="button" onClick={cancelReview}>Cancel</button>}
        <label>
          Order by{' '}
          <select data-testid="review.measure" value={measure} onChange={(e) => useStore.getState().reviewMeasureSet(e.target.value as 'margin' | 'entropy')}>
            <option value="margin">least margin (top-1 − top-2) first</option>
            <option value="entropy">highest entropy first</option>
          </select>
        </label>
        <span role="status" data-testid="review.status" data-state={shownState} data-remaining={queue.length}>
          {state === 'running' ? `predicting ${progress.done} / ${progress.total}…` : state === 'ready' ? `${queue.length} to review` : ''}
        </span>
        {state === 'running' && <progress max={progress.total} value={progress.done} aria-label="Prediction progress" />}
      </div>
      {blocker && state === 'idle' && <p className="hint">{blocker}</p>}
      {error && <p className="error" role="alert">{error}</p>}
      {first && (
        <div className="review-current" data-testid="review.current" data-file={first.id}>
          <Thumb entry={first.entry} crop={crop} size={160} which="bytes" />
          <div className="stack">
            <div className="path">{first.id}</div>
            <div>predicted <b>{first.pred}</b> {(first.scored.confidence * 100).toFixed(1)} % · margin {first.scored.margin.toFixed(3)}</div>
            {first.unfamiliar && (
              <div data-testid="review.unfamiliar">
                <span className="tag warn">unfamiliar</span> Unlike the training images of every class, whatever the percentage: look before you
                accept. It may belong to a class you have not named yet.
              </div>
            )}
            <div className="row">
              <button type="button" className="primary" data-testid="review.accept" onClick={accept}>Accept “{first.pred}” ⏎</button>
              {classes.slice(0, 9).map((c, i) => (
                <button type="button" key={c} data-testid="review.relabel" data-class={c} onClick={() => relabel(c)}><kbd>{i + 1}</kbd> {c}</button>
              ))}
              <button type="button" data-testid="review.skip" onClick={skip}>Skip ␣</button>
              <button type="button" data-testid="review.undo" onClick={() => undoLast()}>Undo ⌫</button>
              <button type="button" data-testid="review.gradcam" onClick={() => setCam(first)}>Why?</button>
            </div>
          </div>
        </div>
      )}
      {queue.length > 0 && <ReviewQueueList queue={queue} crop={crop} box={list} onKey={onKey} />}
      <ErrorBoundary what="the review rounds chart" compact>
        <ReviewRounds />
      </ErrorBoundary>
      {cam && (
        <GradCamDialog image={{ hash: cam.entry.hash, cropDataBar: crop }} name={cam.id.split('/').pop() ?? cam.id}
          choices={[{ text: `predicted: ${cam.pred}`, classIndex: cam.scored.pred }]} onClose={() => setCam(null)} />
      )}
    </section>
  );
}
