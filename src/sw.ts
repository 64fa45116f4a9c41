/// <reference lib="webworker" />
// The service worker (built by vite-plugin-pwa, injectManifest): precaches the app shell, the JS (worker
// bundles included) and the tfjs .wasm files; keeps model files (models/, bundles) once fetched; adds the
// COOP/COEP headers that make the page cross-origin isolated on hosts that send none (the
// coi-serviceworker technique); and sends the app's Content-Security-Policy as a header on every response
// it serves (src/shared/csp.ts: workers included, frame-ancestors 'self', connect-src limited to the app's
// origin plus the https model URL in the page's address).
//
// Isolation: a page is isolated only when its own navigation response came through this worker with the
// headers, so the visit that installs it is not. Isolation starts at the first load after the worker has
// finished installing (it precaches ~30 MB first): on a fast link the first reload, on a slow one a later
// one. The Share step says which applies ("Reload once to let the saved app run WebAssembly multi-threaded").
//
// Updates: a new build's worker waits (no skipWaiting on its own) while any tab still runs the old build,
// so the old build's precached chunks stay until no client runs it. The page sees the waiting worker and
// offers "A new version is ready — reload" (src/ui/pwa/serviceWorker.ts), which posts SKIP_WAITING.
import { addPlugins, cleanupOutdatedCaches, precacheAndRoute, type PrecacheEntry } from 'workbox-precaching';
import { registerRoute, setDefaultHandler } from 'workbox-routing';
import { NetworkFirst, NetworkOnly } from 'workbox-strategies';
import type { WorkboxPlugin } from 'workbox-core';
import { headerPolicy } from './shared/csp';

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: (string | PrecacheEntry)[] };

const NULL_BODY = new Set([101, 204, 205, 304]);

function withHeaders(r: Response, pageUrl: string | null): Response {
  // Opaque (cross-origin no-cors) responses cannot be rewritten; the page's own files always can.
  if (r.status === 0 || r.type === 'opaque' || r.type === 'opaqueredirect') return r;
  const headers = new Headers(r.headers);
  headers.set('Cross-Origin-Embedder-Policy', 'require-corp');
  headers.set('Cross-Origin-Opener-Policy', 'same-origin');
  headers.set('Cross-Origin-Resource-Policy', 'cross-origin');
  headers.set('Content-Security-Policy', headerPolicy(pageUrl));
  headers.set('X-Content-Type-Options', 'nosniff');
  return new Response(NULL_BODY.has(r.status) ? null : r.body, { status: r.status, statusText: r.statusText, headers });
}

/** The page a request is made for: a navigation's own URL, else the client (page or worker) asking. */
async function pageUrlOf(event: ExtendableEvent | undefined, request: Request): Promise<string | null> {
  if (request.mode === 'navigate') return request.url;
  const fetchEvent = event as FetchEvent | undefined;
  const id = fetchEvent?.clientId || fetchEvent?.resultingClientId;
  if (!id) return null;
  const client = await self.clients.get(id);
  return client?.url ?? null;
}

const headersPlugin: WorkboxPlugin = {
  handlerWillRespond: async ({ response, request, event }) => withHeaders(response, await pageUrlOf(event, request)),
};

// Chromium throws on this combination when a request is replayed through a service worker.
self.addEventListener('fetch', (e) => {
  if (e.request.cache === 'only-if-cached' && e.request.mode !== 'same-origin') e.stopImmediatePropagation();
});

addPlugins([headersPlugin]);
// Hashed asset names make query strings irrelevant; ignoring them lets `./?model=…` open the cached index.html.
precacheAndRoute(self.__WB_MANIFEST, { ignoreURLParametersMatching: [/.*/] });
cleanupOutdatedCaches();

const scope = new URL(self.registration.scope);
function isModelFile(url: URL): boolean {
  if (url.origin !== scope.origin || !url.pathname.startsWith(scope.pathname)) return false;
  const rel = url.pathname.slice(scope.pathname.length);
  return rel.startsWith('models/') || /\.(zip|bin)$/i.test(rel) || /(^|\/)(model|bundle)\.json$/i.test(rel);
}

// Network first: a redeployed model is picked up online; the last copy serves offline.
registerRoute(({ url, request }) => request.method === 'GET' && isModelFile(url), new NetworkFirst({ cacheName: 'sem-models', plugins: [headersPlugin] }));
setDefaultHandler(new NetworkOnly({ plugins: [headersPlugin] }));

// The page asks for the update once the user agreed to reload (or no tab runs the old build any more).
self.addEventListener('message', (e) => {
  if ((e.data as { type?: string } | null)?.type === 'SKIP_WAITING') void self.skipWaiting();
});
self.addEventListener('activate', (e) => e.waitUntil(self.clients.claim()));
