import { useState } from 'react';
import { useStore } from '../../store';
import { SiteBundles } from './SiteBundles';

/**
 * Above every step: the trained models this site offers (on opening, until one is opened or it is dismissed),
 * and why a model link could not be opened (a ?model= link lands on Classify, not on Share).
 */
export function SiteModelsBanner() {
  const show = useStore((s) => s.siteBundles.length > 0 && s.loadedBundle === null);
  const error = useStore((s) => (s.step !== 'share' ? s.bundleError : null));
  const [dismissed, setDismissed] = useState(false);
  return (
    <>
      {error && <p className="error" role="alert" data-testid="share.open-error">Could not open the model: {error}</p>}
      {show && !dismissed && (
        <div className="site-models" role="region" aria-label="Trained models on this site">
          <SiteBundles compact />
          <button type="button" aria-label="Dismiss" onClick={() => setDismissed(true)}>×</button>
        </div>
      )}
    </>
  );
}
