import { useMemo } from 'react';
import { useStore } from '../../store';
import { epochRows } from '../../store/trainSelectors';

/** fastai's per-epoch table; the best validation accuracy is marked. */
export function EpochTable() {
  const epochs = useStore((s) => s.trainEpochs);
  const best = useStore((s) => s.bestEpoch);
  const rows = useMemo(() => epochRows(epochs, best), [epochs, best]);
  if (!rows.length) return null;
  return (
    <table className="table" aria-label="Epochs">
      <thead>
        <tr><th>epoch</th><th>phase</th><th>size</th><th>train_loss</th><th>valid_loss</th><th>accuracy</th><th>time</th></tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.epoch} data-testid="train.epoch-row" data-epoch={r.epoch} data-size={r.size} data-valid-accuracy={r.accuracyValue}>
            <td>{r.epoch}</td>
            <td>{r.phase}</td>
            <td>{r.size} px</td>
            <td>{r.trainLoss}</td>
            <td>{r.validLoss}</td>
            <td>{r.validAccuracy}{r.best && <span className="tag" title="best validation accuracy">best</span>}</td>
            <td>{r.seconds} s</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
