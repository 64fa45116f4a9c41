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

/**
 * `waiting`: a new build is installed and waits for this tab (the old build's chunks stay until then);
 * `stale`: a chunk of the build this tab runs is gone from the server (a deploy removed it): only a reload helps.
 */
export type UpdateState = 'none' | 'waiting' | 'stale';
export const updateState = observable<UpdateState>('none');

let waitingWorker: ServiceWorker | null = null;

/** The user agreed: let the new build take over, and reload when it does (at once if it already has). */
export function applyUpdate(): void {
  const w = waitingWorker;
  if (!w || w.state !== 'installed') {
    window.location.reload();
    return;
  }
  navigator.serviceWorker.addEventListener('controllerchange', () => window.location.reload(), { once: true });
  w.postMessage({ type: 'SKIP_WAITING' });
}

/** What the tab says when a file of the build it runs is gone from the server. */
export const STALE_TEXT = 'The app was updated — reload. A part of the version this tab runs is no longer on the server.';

/** Thrown instead of a per-file or per-job failure when the build this tab runs is gone (a deploy replaced it). */
export class AppUpdated extends Error {
  override name = 'AppUpdated';
  constructor() {
    super(STALE_TEXT);
  }
}

/**
 * After a worker failed to start: is its script gone from the server (404/410)? Then a deploy replaced the
 * build this tab runs, and only a reload helps; the tab says so. A HEAD request, past every cache (the
 * service worker answers GETs only; a kept older build's file would have loaded).
 */
export async function workerScriptGone(url: string | URL): Promise<boolean> {
  let gone = false;
  try {
    const res = await fetch(url, { method: 'HEAD', cache: 'no-store' });
    gone = res.status === 404 || res.status === 410;
  } catch {
    gone = false; // offline: not a deploy we can tell of
  }
  if (gone) updateState.set('stale');
  return gone;
}

/** Is this error a missing chunk of the running build (a lazy import or a worker script that 404s)? */
export function isMissingChunk(reason: unknown): boolean {
  const text = reason instanceof Error ? `${reason.name}: ${reason.message}` : String(reason);
  return /Failed to fetch dynamically imported module|error loading dynamically imported module|Importing a module script failed|Unable to preload CSS/i.test(text);
}

/** Tells the user "the app was updated — reload" instead of a crash when a deploy removed a chunk. */
export function watchForMissingChunks(): void {
  window.addEventListener('vite:preloadError', (e) => {
    e.preventDefault();
    updateState.set('stale');
  });
  window.addEventListener('unhandledrejection', (e) => {
    if (isMissingChunk(e.reason)) updateState.set('stale');
  });
}

function watchWaiting(reg: ServiceWorkerRegistration): void {
  const consider = (w: ServiceWorker | null) => {
    if (w && navigator.serviceWorker.controller) {
      waitingWorker = w;
      if (updateState.get() === 'none') updateState.set('waiting');
    }
  };
  consider(reg.waiting);
  reg.addEventListener('updatefound', () => {
    const w = reg.installing;
    w?.addEventListener('statechange', () => {
      if (w.state === 'installed') consider(w);
    });
  });
  // Another tab let a new build take over: this one still runs its own (the worker keeps its files) until reloaded.
  if (navigator.serviceWorker.controller) {
    navigator.serviceWorker.addEventListener('controllerchange', () => {
      if (updateState.get() === 'none') updateState.set('waiting');
    });
  }
}

export function registerServiceWorker(): void {
  watchForMissingChunks();
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
    .then(async (reg) => {
      watchWaiting(reg);
      const active = await navigator.serviceWorker.ready;
      offlineState.set('ready');
      // Lets the worker drop an older build's files once no tab runs that build (src/sw.ts).
      active.active?.postMessage({ type: 'PAGE_STARTED' });
    })
    .catch((e: unknown) => {
      console.warn(`service worker: ${e instanceof Error ? e.message : String(e)}`);
      offlineState.set('failed');
    });
}
