import { useState } from 'react';
import { deleteStoredDataset } from './datasetActions';
import { useStore } from '../../store';
import { formatBytes } from '../../store/selectors';

/** Browser storage use, and deleting the stored dataset (with a confirmation step). */
export function StorageInfo() {
  const storage = useStore((s) => s.storage);
  const importing = useStore((s) => s.importState === 'importing');
  const [confirming, setConfirming] = useState(false);
  return (
    <div className="row storage">
      {storage && (
        <span className="muted">
          Browser storage: {formatBytes(storage.usage)} used of {formatBytes(storage.quota)}
          {storage.persisted ? ' (persistent)' : ' (the browser may evict it under disk pressure)'}
        </span>
      )}
      {!confirming ? (
        <button type="button" onClick={() => setConfirming(true)} disabled={importing}>Delete dataset…</button>
      ) : (
        <span role="alertdialog" aria-label="Confirm deletion" className="row">
          Delete the stored images and split from this browser? The original folders are not touched.
          <button type="button" className="danger" onClick={() => void deleteStoredDataset().then(() => setConfirming(false))} autoFocus>
            Delete
          </button>
          <button type="button" onClick={() => setConfirming(false)}>Keep</button>
        </span>
      )}
    </div>
  );
}
