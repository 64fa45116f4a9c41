// Registers the service worker that keeps the app (and models once used) for offline use and adds the
// cross-origin isolation headers hosts like GitHub Pages do not send. Relative URL and scope: works under
// any sub-path.
export type OfflineState = 'unsupported' | 'development' | 'installing' | 'ready' | 'failed';

function observable<T>(initial: T) {
  let value = initial;
  const listeners = new Set<(v: T) => void>();
  return {
    get: () => value,
    set(v: T) {
      value = v;
      for (const l of listeners) l(v);
    },
    subscribe(l: (v: T) => void): () => void {
      listeners.add(l);
      return () => listeners.delete(l);
    },
  };
}

export const offlineState = observable<OfflineState>('installing');

export function registerServiceWorker(): void {
  if (!('serviceWorker' in navigator) || !window.isSecureContext) {
    offlineState.set('unsupported');
    return;
  }
  if (!import.meta.env.PROD) {
    offlineState.set('development');
    return;
  }
  navigator.serviceWorker
    .register('./sw.js', { scope: './' })
    .then(async () => {
      await navigator.serviceWorker.ready;
      offlineState.set('ready');
    })
    .catch((e: unknown) => {
      console.warn(`service worker: ${e instanceof Error ? e.message : String(e)}`);
      offlineState.set('failed');
    });
}
