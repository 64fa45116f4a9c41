import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { keptReason, originRunId } from '../../../shared/modelOrigin';
import { useStore } from '../../store';
import { liveRunOf, shownRunOf } from '../model/modelSelectors';
import { formatRunDate } from './runsSelectors';
import { epochRows } from './trainSelectors';

/**
 * fastai's per-epoch table of the viewed stored run, else of the live one; epochs counted from 1 as the
 * status line and the runs list count them. One tag marks the epoch whose weights the run's model holds (a
 * completed run: the last; a stopped one: the lowest valid_loss), the same epoch everywhere; while a run
 * goes on, "best so far" marks the epoch Stop would keep.
 */
export function EpochTable() {
  const live = useStore(useShallow(liveRunOf));
  const viewed = useStore((s) => s.viewedRun);
  const inUse = useStore((s) => originRunId(s.model?.origin));
  const shown = useMemo(() => shownRunOf(live, viewed), [live, viewed]);
  const rows = useMemo(() => epochRows(shown.epochs, shown.bestSoFar, shown.kept), [shown]);
  if (!rows.length) return null;
  const keptTitle = `${keptReason(shown.stopped, rows.some((r) => r.kept && r.lossValue !== ''))}: the model of this run holds these weights, and every number elsewhere is this epoch's`;
  return (
    <table className="table" aria-label="Epochs" data-testid="train.epochs" data-run={shown.viewed?.id ?? live.runId ?? ''} data-viewed={String(shown.viewed !== null)}>
      {shown.viewed && (
        <caption className="muted">
          {shown.viewed.id === inUse
            ? <>The run of {formatRunDate(shown.viewed.createdAt)}, whose kept model is the one in use.</>
            : <>Viewing the run of {formatRunDate(shown.viewed.createdAt)}: the model in use, Evaluate and what Share exports stay as they are.</>}
        </caption>
      )}
      <thead>
        <tr><th>epoch</th><th>phase</th><th>size</th><th>train_loss</th><th>valid_loss</th><th>accuracy</th><th>time</th></tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.epoch} data-testid="train.epoch-row" data-epoch={r.epoch} data-size={r.size} data-valid-accuracy={r.accuracyValue}
            data-valid-loss={r.lossValue} data-tensors={r.tensors} data-gpu-bytes={r.gpuBytes} data-input-shapes={r.inputShapes}>
            <td>{r.epoch + 1}</td>
            <td>{r.phase}</td>
            <td>{r.size} px</td>
            <td>{r.trainLoss}</td>
            <td>{r.validLoss}{r.best && <span className="tag" title="lowest validation loss so far: the epoch Stop would keep">best so far</span>}</td>
            <td>{r.validAccuracy}{r.kept && <span className="tag" data-testid="train.kept-tag" title={keptTitle}>kept</span>}</td>
            <td>{r.seconds} s</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
