import { useMemo, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { bundleName, originKeptEpoch, originRunId } from '../../../shared/modelOrigin';
import { cellItems, computeMetrics } from '../../../shared/eval/metrics';
import { useStore } from '../../store';
import { liveRunOf, modelRunOf } from '../model/modelSelectors';
import { ClassBarChart } from './ClassBarChart';
import { ClassMetricsTable } from './ClassMetricsTable';
import { DatasetChanged } from './CleanActions';
import { ConfusionMatrix, type Cell } from './ConfusionMatrix';
import { ErrorAnalysis } from './ErrorAnalysis';
import { EvalControls } from './EvalControls';
import { ImageGallery } from './ImageGallery';
import { IndependenceNote } from './Independence';
import { MetricsSummary } from './MetricsSummary';
import { NoveltyNote } from './NoveltyNote';
import { ReportButton } from './ReportButton';
import { TrainingCurves, type CurveRun } from './TrainingCurves';
import { NextStep } from '../steps/NextStep';
import './evaluate.css';

/** What Evaluate is waiting for, in the state the app is really in (one message, one next step). */
function EmptyState() {
  const setStep = useStore((s) => s.setStep);
  const trainState = useStore((s) => s.trainState);
  const evalState = useStore((s) => s.evalState);
  const epoch = useStore((s) => s.trainEpochs.length);
  const total = useStore((s) => s.trainPlan?.perEpoch.length ?? 0);
  const hasData = useStore((s) => s.meta !== null && s.entries.length > 0);
  const bundle = useStore((s) => (s.model?.headTrained ? bundleName(s.model) : null));
  const trainedHere = useStore((s) => !!s.model?.headTrained && s.model.origin?.kind === 'trained');
  const evalFailed = useStore((s) => s.evalState === 'error');
  const link = (step: 'data' | 'train' | 'classify', text: string) => <button type="button" className="link" onClick={() => setStep(step)}>{text}</button>;
  const [state, body] = trainState === 'running' || trainState === 'paused'
    ? ['training', <p key="t">Training is {trainState === 'paused' ? 'paused' : 'running'}{total > 0 ? ` (epoch ${Math.min(epoch + 1, total)} of ${total})` : ''}: the validation images are predicted and every metric shows here when it ends. Follow it in {link('train', 'Train')}.</p>]
    : evalState === 'running'
      ? ['evaluating', <p key="e">Predicting the validation images with the model just trained…</p>]
      : bundle
        ? ['bundle', <p key="b">The model in use, “{bundle}”, was trained elsewhere, so there are no validation predictions here. To measure it on your images, {link('classify', 'classify a labelled folder')} (one subfolder per class).</p>]
        : trainedHere && evalFailed
          // the run's model exists, its evaluation failed (EvalControls above says why): never "no model yet"
          ? ['unmeasured', <p key="m">The model trained here has no evaluation: the reason is above. It can still {link('classify', 'classify images')}.</p>]
          : hasData
          ? ['untrained', <p key="u">No model trained on this dataset yet. {link('train', 'Train one')}: when the run ends its validation images are predicted and every metric shows here.</p>]
          : ['no-data', <p key="n">No data yet. {link('data', 'Import class folders')} (one subfolder per class), then train a model: its evaluation shows here.</p>];
  return <div className="empty" data-testid="metrics.empty" data-state={state}>{body}</div>;
}

/** Evaluate step: fastai's ClassificationInterpretation and sklearn's classification_report for the last run. */
export function EvaluateView() {
  const evaluation = useStore((s) => s.evaluation);
  const references = useStore((s) => s.references);
  // the curves of the run that made the model in use (its origin), not of a run the Train step views
  const live = useStore(useShallow(liveRunOf));
  const origin = useStore((s) => s.model?.origin);
  const storedRuns = useStore((s) => s.runs);
  const modelRun = useMemo(() => modelRunOf(origin, live, storedRuns), [origin, live, storedRuns]);
  const kept = originKeptEpoch(origin);
  const ofModel = evaluation !== null && evaluation.runId !== null && evaluation.runId === originRunId(origin);
  const [selected, setSelected] = useState<Cell | null>(null);
  const showPair = (c: Cell) => {
    setSelected(c);
    document.getElementById('cm-heading')?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  };
  const metrics = useMemo(() => (evaluation ? computeMetrics(evaluation.items, evaluation.classNames) : null), [evaluation]);
  const tta = useMemo(() => (evaluation?.ttaItems ? computeMetrics(evaluation.ttaItems, evaluation.classNames) : null), [evaluation]);
  const runs: CurveRun[] = useMemo(
    () => (modelRun ? [{ id: 'current', name: 'this run', epochs: modelRun.epochs, lossPoints: modelRun.lossPoints, plan: modelRun.plan }] : []),
    [modelRun],
  );
  const cell = selected && evaluation && selected.actual < evaluation.classNames.length && selected.predicted < evaluation.classNames.length ? selected : null;
  const images = useMemo(() => (cell && evaluation ? cellItems(evaluation.items, cell.actual, cell.predicted) : []), [cell, evaluation]);

  return (
    <section className="panel evaluate" aria-labelledby="evaluate-heading">
      <div className="row">
        <h2 id="evaluate-heading">3 · Evaluate</h2>
        {evaluation && <ReportButton />}
      </div>
      <EvalControls />
      {!evaluation || !metrics ? (
        <EmptyState />
      ) : (
        <>
          <DatasetChanged />
          <p className="hint">
            {evaluation.items.length} validation images of {evaluation.classNames.length} classes, predicted at {evaluation.size} px
            {ofModel && kept !== null ? ` by the model in use, which holds the weights of epoch ${kept + 1} of its run.` : ' by the model the last run trained.'}
          </p>
          <MetricsSummary evaluation={evaluation} metrics={metrics} tta={tta} references={references} />
          <IndependenceNote evaluation={evaluation} accuracy={metrics.accuracy} />
          <NoveltyNote evaluation={evaluation} />
          <NextStep to="classify" note="Use the model on new images, or on a labelled test folder to measure it on images it never saw." />
          <h3 id="cm-heading">Confusion matrix</h3>
          <div className="cm-layout">
            <ConfusionMatrix metrics={metrics} selected={cell} onSelect={setSelected} />
            {cell && (
              <div className="cm-images" data-testid="metrics.cm-gallery" data-true={evaluation.classNames[cell.actual]} data-pred={evaluation.classNames[cell.predicted]} data-count={images.length}>
                <div className="row">
                  <b>
                    {evaluation.classNames[cell.actual]} predicted as {evaluation.classNames[cell.predicted]}: {images.length} image{images.length === 1 ? '' : 's'}
                  </b>
                  <button type="button" onClick={() => setSelected(null)}>Close</button>
                </div>
                <ImageGallery key={`${cell.actual}-${cell.predicted}`} items={images} classNames={evaluation.classNames} testId="metrics.cm-image"
                  label={`Images of ${evaluation.classNames[cell.actual]} predicted as ${evaluation.classNames[cell.predicted]}`} />
              </div>
            )}
          </div>
          <h3>Per class</h3>
          <ClassMetricsTable metrics={metrics} />
          <ClassBarChart metrics={metrics} />
          <h3>Training curves</h3>
          <TrainingCurves runs={runs} />
          <h3>Error analysis</h3>
          <ErrorAnalysis evaluation={evaluation} metrics={metrics} onPair={showPair} />
        </>
      )}
    </section>
  );
}
