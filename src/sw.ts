/// <reference lib="webworker" />
// The service worker (built by vite-plugin-pwa, injectManifest): precaches the app shell, the JS (worker
// bundles included) and the tfjs .wasm files; keeps model files (models/, bundles) once fetched; and adds
// the COOP/COEP headers that make the page cross-origin isolated on hosts that send none (the
// coi-serviceworker technique), so multi-threaded WebAssembly works from the first reload on.
import { addPlugins, cleanupOutdatedCaches, precacheAndRoute, type PrecacheEntry } from 'workbox-precaching';
import { registerRoute, setDefaultHandler } from 'workbox-routing';
import { NetworkFirst, NetworkOnly } from 'workbox-strategies';
import type { WorkboxPlugin } from 'workbox-core';

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: (string | PrecacheEntry)[] };

const NULL_BODY = new Set([101, 204, 205, 304]);

function withIsolation(r: Response): Response {
  // Opaque (cross-origin no-cors) responses cannot be rewritten; the page's own files always can.
  if (r.status === 0 || r.type === 'opaque' || r.type === 'opaqueredirect') return r;
  const headers = new Headers(r.headers);
  headers.set('Cross-Origin-Embedder-Policy', 'require-corp');
  headers.set('Cross-Origin-Opener-Policy', 'same-origin');
  headers.set('Cross-Origin-Resource-Policy', 'cross-origin');
  return new Response(NULL_BODY.has(r.status) ? null : r.body, { status: r.status, statusText: r.statusText, headers });
}

const isolation: WorkboxPlugin = { handlerWillRespond: async ({ response }) => withIsolation(response) };

// Chromium throws on this combination when a request is replayed through a service worker.
self.addEventListener('fetch', (e) => {
  if (e.request.cache === 'only-if-cached' && e.request.mode !== 'same-origin') e.stopImmediatePropagation();
});

addPlugins([isolation]);
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
registerRoute(({ url, request }) => request.method === 'GET' && isModelFile(url), new NetworkFirst({ cacheName: 'sem-models', plugins: [isolation] }));
setDefaultHandler(new NetworkOnly({ plugins: [isolation] }));

self.addEventListener('install', () => void self.skipWaiting());
self.addEventListener('activate', (e) => e.waitUntil(self.clients.claim()));
