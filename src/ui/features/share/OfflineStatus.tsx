import { useEffect, useState } from 'react';
import { offlineState, type OfflineState } from '../../pwa/serviceWorker';

const TEXT: Record<OfflineState, string> = {
  unsupported: 'This browser (or an insecure http:// address) offers no service worker: the app needs the network on each visit.',
  development: 'Offline use is off in development builds.',
  installing: 'Saving the app for offline use…',
  ready: 'The app is saved in this browser: it opens and classifies without a network. Models you open are kept for offline use too.',
  failed: 'The app could not be saved for offline use; it still works online.',
};

/** Whether the app works offline here, and whether multi-threaded WebAssembly is available. */
export function OfflineStatus() {
  const [state, setState] = useState<OfflineState>(offlineState.get());
  useEffect(() => offlineState.subscribe(setState), []);
  return (
    <section className="panel" aria-labelledby="offline-heading" data-testid="share.offline" data-state={state}>
      <h2 id="offline-heading">Offline and installable</h2>
      <p>{TEXT[state]}</p>
      <p className="hint">
        {window.crossOriginIsolated
          ? 'This page is cross-origin isolated: WebAssembly can use several threads (as many as the status bar shows).'
          : state === 'ready'
            ? 'Reload once to let the saved app run WebAssembly multi-threaded (the server sends no isolation headers; the offline copy adds them).'
            : 'Not cross-origin isolated: WebAssembly runs single-threaded.'}{' '}
        Your browser's menu offers to install the app as a standalone window.
      </p>
    </section>
  );
}
