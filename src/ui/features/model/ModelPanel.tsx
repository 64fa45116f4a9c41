import { useState } from 'react';
import { BUILTIN_BACKBONES, type BuiltinBackbone } from '../../../shared/protocol';
import { loadBackbone } from '../../bridge';
import { useStore } from '../../store';
import { formatParams } from '../../store/selectors';

/** Which network to fine-tune: a built-in architecture, a converted Keras model (URL or files), or Keras .h5 weights. */
export function ModelPanel() {
  const state = useStore((s) => s.modelState);
  const model = useStore((s) => s.model);
  const error = useStore((s) => s.modelError);
  const ready = useStore((s) => s.ready);
  const [url, setUrl] = useState('');
  const busy = !ready || state === 'loading';

  return (
    <section className="panel" aria-labelledby="model-heading">
      <h2 id="model-heading">Backbone</h2>
      <div className="row">
        <label>
          Architecture{' '}
          <select
            aria-label="Built-in backbone"
            disabled={busy}
            value={model && (BUILTIN_BACKBONES as readonly string[]).includes(model.backbone) ? model.backbone : ''}
            onChange={(e) => loadBackbone({ kind: 'builtin', id: e.target.value as BuiltinBackbone, pretrained: 'auto' })}
          >
            <option value="" disabled>other (converted)</option>
            {BUILTIN_BACKBONES.map((b) => <option key={b} value={b}>{b}</option>)}
          </select>
        </label>
        <form
          className="row"
          onSubmit={(e) => {
            e.preventDefault();
            if (url.trim()) loadBackbone({ kind: 'url', url: url.trim() });
          }}
        >
          <input aria-label="URL of a converted model.json" placeholder="…/model.json URL" value={url} onChange={(e) => setUrl(e.target.value)} />
          <button type="submit" disabled={busy || !url.trim()}>Load URL</button>
        </form>
        <label className="button">
          Load files…
          <input
            type="file"
            multiple
            hidden
            accept=".json,.bin,.h5,.hdf5,application/octet-stream"
            data-testid="model.backbone-input"
            onChange={(e) => {
              const files = Array.from(e.target.files ?? []);
              if (files.length) loadBackbone({ kind: 'files', files });
              e.target.value = '';
            }}
          />
        </label>
      </div>
      <p className="hint">
        A converted Keras ResNet50 (<code>model.json</code> with its weight files) or Keras <code>.h5</code> weights.
        Nothing leaves this browser.
      </p>
      {state === 'ready' && model && (
        <dl className="facts">
          <dt>Loaded</dt><dd>{model.backbone}</dd>
          <dt>Parameters</dt><dd>{formatParams(model.params)} ({model.params.toLocaleString('en')})</dd>
          <dt>Weights</dt><dd className={model.pretrained ? '' : 'warn'}>{model.weightsNote}</dd>
          <dt>Preprocessing</dt><dd>{model.preprocessing}</dd>
        </dl>
      )}
      {state === 'loading' && <p role="status">Loading backbone…</p>}
      {state === 'error' && <p role="alert" className="error">{error}</p>}
    </section>
  );
}
