import { useMemo } from 'react';
import { useStore } from '../../store';
import { epochRows } from '../../store/trainSelectors';

/**
 * fastai's per-epoch table, epochs counted from 1 as the status line and the runs list count them; one tag
 * marks the epoch whose weights the model keeps (the lowest valid_loss), the same epoch everywhere.
 */
export function EpochTable() {
  const epochs = useStore((s) => s.trainEpochs);
  const best = useStore((s) => s.bestEpoch);
  // Where the worker does not say, the model has the last epoch's weights (as the run's record says too).
  const kept = useStore((s) => (s.trainState === 'running' || s.trainState === 'paused' ? null
    : s.keptEpoch ?? (s.trainEpochs.length ? s.trainEpochs[s.trainEpochs.length - 1].epoch : null)));
  const rows = useMemo(() => epochRows(epochs, best, kept), [epochs, best, kept]);
  if (!rows.length) return null;
  return (
    <table className="table" aria-label="Epochs">
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
            <td>{r.validLoss}{r.best && !r.kept && <span className="tag" title="lowest validation loss so far">best</span>}</td>
            <td>{r.validAccuracy}{r.kept && <span className="tag" data-testid="train.kept-tag" title="the lowest valid_loss: the model keeps these weights, and every number elsewhere is this epoch's">kept</span>}</td>
            <td>{r.seconds} s</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
