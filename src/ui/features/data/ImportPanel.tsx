import { useRef } from 'react';
import { DropZone } from '../../components/DropZone';
import { cancelImport } from './importer';
import { hasDirectoryPicker, importFromDirectoryPicker, importInput } from './intake';
import { useStore } from '../../store';
import { formatDuration } from './datasetSelectors';

/** Ways in (the window-level drop lives in DataView) and the import status line. */
export function ImportPanel({ over }: { over: boolean }) {
  const folderInput = useRef<HTMLInputElement>(null);
  const filesInput = useRef<HTMLInputElement>(null);
  const importing = useStore((s) => s.importState === 'importing');

  return (
    <section className="panel" aria-labelledby="data-import-heading">
      <h2 id="data-import-heading">Import images</h2>
      <p className="hint">
        One folder per class (<code>root/class/…/image</code>), or <code>train/</code>, <code>valid/</code>, <code>test/</code> folders with
        class folders inside. JPEG, PNG, TIFF (8/16-bit), BMP, GIF, WebP. Images stay in this browser.
      </p>
      <DropZone
        label="press Enter to choose a folder"
        over={over}
        onActivate={() => folderInput.current?.click()}
      >
        Drop one or several class folders anywhere on this page, or click to choose a folder
      </DropZone>
      <div className="row">
        {hasDirectoryPicker && (
          <button type="button" onClick={() => void importFromDirectoryPicker()} disabled={importing}>Choose folder…</button>
        )}
        <label className="button">
          Choose loose files…
          <input ref={filesInput} type="file" multiple hidden accept="image/*,.tif,.tiff" onChange={(e) => (importInput(e.target.files), (e.target.value = ''))} />
        </label>
        <input
          ref={folderInput}
          type="file"
          hidden
          aria-label="Dataset folder"
          data-testid="dataset.folder-input"
          {...{ webkitdirectory: '', directory: '' }}
          onChange={(e) => (importInput(e.target.files), (e.target.value = ''))}
        />
      </div>
      <ImportStatus onCancel={cancelImport} />
    </section>
  );
}

function ImportStatus({ onCancel }: { onCancel: () => void }) {
  const state = useStore((s) => s.importState);
  const p = useStore((s) => s.progress);
  const scanning = useStore((s) => s.scanning);
  const error = useStore((s) => s.datasetError);
  const stopReason = useStore((s) => s.meta?.stopReason ?? null);
  return (
    <div data-testid="dataset.status" data-state={state} data-done={p.done} data-total={p.total} className="import-status" aria-live="polite">
      {scanning !== null && <p>Reading folders… {scanning} files found</p>}
      {state === 'importing' && (
        <>
          <progress max={Math.max(1, p.total)} value={p.done} aria-label="Import progress" />
          <span>
            {p.done} / {p.total} files · {p.rate.toFixed(1)} images/s · {formatDuration(p.eta)} left
          </span>
          <button type="button" onClick={onCancel}>Cancel</button>
        </>
      )}
      {state === 'done' && <span>Dataset stored in this browser.</span>}
      {stopReason && <p className="warn" role="note" data-testid="dataset.stop-reason">{stopReason}</p>}
      {error && <p className="error" role="alert">{error}</p>}
    </div>
  );
}
