import { useMemo } from 'react';
import { useStore } from '../../store';
import { epochRows } from '../../store/trainSelectors';

/** fastai's per-epoch table; the lowest validation loss is marked, and the epoch the model kept when stopped early. */
export function EpochTable() {
  const epochs = useStore((s) => s.trainEpochs);
  const best = useStore((s) => s.bestEpoch);
  const kept = useStore((s) => (s.trainStopped || s.viewedRunId ? s.keptEpoch : null));
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
            <td>{r.epoch}</td>
            <td>{r.phase}</td>
            <td>{r.size} px</td>
            <td>{r.trainLoss}</td>
            <td>{r.validLoss}{r.best && <span className="tag" title="lowest validation loss">best</span>}</td>
            <td>{r.validAccuracy}{r.kept && <span className="tag" title="the model kept these weights">kept</span>}</td>
            <td>{r.seconds} s</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
