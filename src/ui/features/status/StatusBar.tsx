import { BACKENDS, type BackendName } from '../../../shared/protocol';
import { restartWithBackend } from '../../startup';
import { useStore } from '../../store';
import { formatParams, memoryLabel } from '../../store/selectors';

function ModelStatus() {
  const state = useStore((s) => s.modelState);
  const source = useStore((s) => s.modelSource);
  const model = useStore((s) => s.model);
  const error = useStore((s) => s.modelError);
  return (
    <span
      className="status-item"
      data-testid="model.status"
      data-state={state}
      data-backbone={source}
      data-pretrained={String(model?.pretrained ?? false)}
      data-params={model?.params ?? 0}
      data-classes={model?.classNames.length ?? 0}
      title={model ? `${model.weightsNote}; preprocessing ${model.preprocessing}` : (error ?? '')}
    >
      <b>Model</b>{' '}
      {state === 'ready' && model && (
        <>
          {model.backbone} · {formatParams(model.params)} params ·{' '}
          <span className={model.pretrained ? '' : 'warn'}>{model.pretrained ? model.weightsNote : 'no pretrained weights: training from scratch'}</span>
        </>
      )}
      {state === 'loading' && <>loading {source}…</>}
      {state === 'error' && <span className="error">could not load {source}</span>}
      {state === 'none' && <>none</>}
    </span>
  );
}

function BackendStatus() {
  const ready = useStore((s) => s.ready);
  const backend = useStore((s) => s.backend);
  const override = useStore((s) => s.backendOverride);
  const fatal = useStore((s) => s.fatalError);
  return (
    <span
      className="status-item"
      data-testid="app.status"
      data-ready={String(ready)}
      data-backend={backend?.backend ?? ''}
      data-adapter={backend?.adapter ?? 'none'}
      data-threads={backend?.threads ?? ''}
      title={backend?.reason}
    >
      <label>
        <b>Backend</b>{' '}
        <select
          aria-label="Compute backend"
          data-testid="settings.backend"
          value={override ?? 'auto'}
          onChange={(e) => void restartWithBackend(e.target.value === 'auto' ? null : (e.target.value as BackendName))}
        >
          <option value="auto">automatic</option>
          {BACKENDS.map((b) => <option key={b} value={b}>{b}</option>)}
        </select>
      </label>{' '}
      {fatal ? <span className="error">{fatal}</span>
        : !backend ? 'starting…'
          : <>
              <span className="pill">{backend.backend}{backend.threads ? ` · ${backend.threads} thread${backend.threads > 1 ? 's' : ''}` : ''}</span>{' '}
              {backend.adapter !== 'none' && <span className="muted">{backend.adapter}{backend.software ? ' (software)' : ''} · </span>}
              <span className="muted">{backend.reason}</span>
              {!ready && ' · warming up…'}
            </>}
    </span>
  );
}

export function StatusBar() {
  const memory = useStore((s) => s.memory);
  return (
    <footer className="status-bar" aria-label="Status">
      <BackendStatus />
      <ModelStatus />
      <span className="status-item" data-testid="app.memory"><b>Memory</b> {memoryLabel(memory)}</span>
    </footer>
  );
}
