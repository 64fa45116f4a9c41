import { useRef } from 'react';
import { DropZone } from '../../components/DropZone';
import { useStore } from '../../store';
import { importBundleFiles } from './shareActions';

export function ImportPanel() {
  const ready = useStore((s) => s.ready);
  const job = useStore((s) => s.bundleJob);
  const error = useStore((s) => s.bundleError);
  const input = useRef<HTMLInputElement>(null);
  return (
    <section className="panel" aria-labelledby="import-heading">
      <h2 id="import-heading">Open a trained model</h2>
      <DropZone
        label="press Enter to choose the bundle"
        onActivate={() => input.current?.click()}
        onDropData={(data) => void importBundleFiles(Array.from(data.files))}
      >
        {!ready ? 'Waiting for the compute worker…' : job === 'importing' ? 'Importing…' : (
          <>Drop a bundle <code>.zip</code> here (or <code>model.json</code> with its weight files and <code>bundle.json</code>), or click to choose</>
        )}
        <input
          ref={input}
          type="file"
          multiple
          hidden
          accept=".zip,.json,.bin,.md,application/zip"
          data-testid="model.import-input"
          onChange={(e) => {
            void importBundleFiles(Array.from(e.target.files ?? []));
            e.target.value = '';
          }}
        />
      </DropZone>
      {error && <p className="error" role="alert" data-testid="share.error">Could not use this model: {error}</p>}
      <p className="hint">
        The bundle is checked before it is loaded (files, sizes, shapes, class count); the model it holds then replaces
        the current one in Classify. Training again starts from the backbone chosen under Train.
      </p>
    </section>
  );
}
