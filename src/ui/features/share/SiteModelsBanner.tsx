import { useState } from 'react';
import { useStore } from '../../store';
import { SiteBundles } from './SiteBundles';

/** On opening: the trained models this site offers, above every step until one is opened or it is dismissed. */
export function SiteModelsBanner() {
  const show = useStore((s) => s.siteBundles.length > 0 && s.loadedBundle === null);
  const [dismissed, setDismissed] = useState(false);
  if (!show || dismissed) return null;
  return (
    <div className="site-models" role="region" aria-label="Trained models on this site">
      <SiteBundles compact />
      <button type="button" aria-label="Dismiss" onClick={() => setDismissed(true)}>×</button>
    </div>
  );
}
