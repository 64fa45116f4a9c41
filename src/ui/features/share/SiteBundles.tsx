import { modelParam } from '../../../shared/bundle/shareLink';
import { useStore } from '../../store';
import { openBundleUrl } from './shareActions';

/** Trained models the site's models/manifest.json offers: one click opens one in Classify. */
export function SiteBundles({ compact = false }: { compact?: boolean }) {
  const bundles = useStore((s) => s.siteBundles);
  const busy = useStore((s) => !s.ready || s.bundleJob !== 'idle');
  const setStep = useStore((s) => s.setStep);
  if (!bundles.length) return null;
  // The address bar gets the same relative ?model= a share link would hold.
  const open = async (url: string) => {
    if (await openBundleUrl(modelParam(window.location.href, url), true)) setStep('classify');
  };
  const buttons = bundles.map((b) => (
    <button key={b.id} type="button" data-testid="share.open-bundle" data-id={b.id} disabled={busy} title={b.description ?? b.url}
      onClick={() => void open(b.url)}>
      open {b.name}
    </button>
  ));
  if (compact) return <div className="row">Trained models on this site: {buttons}</div>;
  return (
    <section className="panel" aria-labelledby="site-heading">
      <h2 id="site-heading">Trained models on this site</h2>
      <div className="row">{buttons}</div>
      <p className="hint">Listed by the site's <code>models/manifest.json</code> (entries of kind <code>bundle</code>).</p>
    </section>
  );
}
