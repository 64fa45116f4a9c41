import { useState } from 'react';
import { shareLink } from '../../../shared/bundle/shareLink';
import { bundleName } from '../../../shared/modelOrigin';
import { useStore } from '../../store';

/** The bundle Classify uses, and the link that opens the app with it. */
export function LoadedBundle() {
  const bundle = useStore((s) => s.loadedBundle);
  const current = useStore((s) => s.loadedBundle !== null && bundleName(s.model) === s.loadedBundle.name);
  const [copied, setCopied] = useState<'yes' | 'no' | null>(null);
  if (!bundle || !current) return null;
  const link = bundle.url ? shareLink(window.location.href, bundle.url) : null;
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(link!);
      setCopied('yes');
    } catch {
      setCopied('no'); // no clipboard permission: the link stays selectable below
    }
  };
  return (
    <section className="panel" aria-labelledby="loaded-heading" data-testid="share.loaded" data-name={bundle.name} data-url={bundle.url ?? ''}>
      <h2 id="loaded-heading">Loaded model: {bundle.name}</h2>
      <dl className="facts">
        <dt>Classes</dt><dd>{bundle.classNames.join(', ')}</dd>
        <dt>Input</dt><dd>{bundle.inputSize} px</dd>
        <dt>Created</dt><dd>{bundle.createdAt ? new Date(bundle.createdAt).toLocaleString() : 'unknown'}{bundle.appVersion && ` (app ${bundle.appVersion})`}</dd>
        <dt>Validation accuracy</dt><dd>{bundle.validAccuracy === null ? 'not recorded' : `${(bundle.validAccuracy * 100).toFixed(1)}%`}</dd>
        <dt>From</dt><dd className="path">{bundle.from}</dd>
      </dl>
      {link ? (
        <div className="row" style={{ marginTop: 12 }}>
          <input type="text" readOnly aria-label="Share link" data-testid="share.link" value={link} size={60} onFocus={(e) => e.target.select()} />
          <button type="button" data-testid="share.copy-link" onClick={() => void copy()}>Copy share link</button>
          {copied === 'yes' && <span className="hint" role="status">Copied.</span>}
          {copied === 'no' && <span className="hint" role="status">The browser refused the clipboard: select the link and copy it.</span>}
        </div>
      ) : (
        <p className="hint" data-testid="share.link-help">
          This bundle came from a file on your computer, so there is no link to it yet. To share it as a link, put the
          <code> .zip</code> on the same web site as this app (e.g. in its <code>models/</code> folder, listed in
          <code> models/manifest.json</code>) or anywhere that allows it to be read, then open
          <code> ?model=&lt;its URL&gt;</code> and copy the link from here.
        </p>
      )}
      {bundle.card && (
        <details style={{ marginTop: 12 }}>
          <summary>Model card</summary>
          <pre className="card">{bundle.card}</pre>
        </details>
      )}
    </section>
  );
}
