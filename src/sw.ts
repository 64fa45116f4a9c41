/// <reference lib="webworker" />
// The service worker (built by vite-plugin-pwa, injectManifest): precaches the app shell, the JS (worker
// bundles included) and the tfjs .wasm files; keeps model files (models/, bundles) once fetched; adds the
// COOP/COEP headers that make the page cross-origin isolated on hosts that send none (the
// coi-serviceworker technique); and sends the app's Content-Security-Policy as a header on every response
// it serves (src/shared/csp.ts: workers included, frame-ancestors 'self', connect-src limited to the app's
// origin plus the https model URL in the page's address, or in the compute worker's script URL: a page's
// Client.url is the address it was created with, not one changed by history.replaceState).
//
// Isolation: a page is isolated only when its own navigation response came through this worker with the
// headers, so the visit that installs it is not. Isolation starts at the first load after the worker has
// finished installing (it precaches ~30 MB first): on a fast link the first reload, on a slow one a later
// one. The Share step says which applies ("Reload once to let the saved app run WebAssembly multi-threaded").
//
// Updates (docs/reliability.md, "Deploys"): a new build's worker installs next to the old one and waits (no
// skipWaiting of its own); the tabs see it and offer "A new version is ready — reload", whose click posts
// SKIP_WAITING. Other tabs may still run the old build then, so activation does not delete the old build's
// precached files (workbox's default would): every client alive at activation is recorded as running an
// older build, their files keep being served from the precache (`keptOldFile`), and they are deleted only
// once none of those clients is left (checked at activation and whenever a page starts). A chunk that is
// gone all the same (no service worker, storage cleared) makes the tab say "The app was updated — reload".
import { cleanupOutdatedCaches, PrecacheController, PrecacheRoute, type PrecacheEntry } from 'workbox-precaching';
import { registerRoute, setDefaultHandler } from 'workbox-routing';
import { NetworkFirst, NetworkOnly } from 'workbox-strategies';
import type { RouteHandlerCallbackOptions, WorkboxPlugin } from 'workbox-core';
import { headerPolicy } from './shared/csp';
import { clientsStillOld, filesToDrop, parseOldBuild, type OldBuild } from './shared/buildKeep';

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: (string | PrecacheEntry)[] };

const NULL_BODY = new Set([101, 204, 205, 304]);

function withHeaders(r: Response, pageUrl: string | null, requestUrl: string): Response {
  // Opaque (cross-origin no-cors) responses cannot be rewritten; the page's own files always can.
  if (r.status === 0 || r.type === 'opaque' || r.type === 'opaqueredirect') return r;
  const headers = new Headers(r.headers);
  headers.set('Cross-Origin-Embedder-Policy', 'require-corp');
  headers.set('Cross-Origin-Opener-Policy', 'same-origin');
  headers.set('Cross-Origin-Resource-Policy', 'cross-origin');
  headers.set('Content-Security-Policy', headerPolicy(pageUrl, requestUrl));
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
  handlerWillRespond: async ({ response, request, event }) => withHeaders(response, await pageUrlOf(event, request), request.url),
};

// Chromium throws on this combination when a request is replayed through a service worker.
self.addEventListener('fetch', (e) => {
  if (e.request.cache === 'only-if-cached' && e.request.mode !== 'same-origin') e.stopImmediatePropagation();
});

// The precache, without workbox's activate step (which deletes every file the new build does not list).
const precache = new PrecacheController({ plugins: [headersPlugin] });
precache.addToCacheList(self.__WB_MANIFEST);
self.addEventListener('install', precache.install);
// Hashed asset names make query strings irrelevant; ignoring them lets `./?model=…` open the cached index.html.
registerRoute(new PrecacheRoute(precache, { ignoreURLParametersMatching: [/.*/] }));
cleanupOutdatedCaches();

const scope = new URL(self.registration.scope);
function isModelFile(url: URL): boolean {
  if (url.origin !== scope.origin || !url.pathname.startsWith(scope.pathname)) return false;
  const rel = url.pathname.slice(scope.pathname.length);
  return rel.startsWith('models/') || /\.(zip|bin)$/i.test(rel) || /(^|\/)(model|bundle)\.json$/i.test(rel);
}

// Network first: a redeployed model is picked up online; the last copy serves offline.
registerRoute(({ url, request }) => request.method === 'GET' && isModelFile(url), new NetworkFirst({ cacheName: 'sem-models', plugins: [headersPlugin] }));

/** A hashed file of an older build still in the precache (the current build's are routed above), or undefined. */
async function keptOldFile(request: Request): Promise<Response | undefined> {
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== scope.origin) return undefined;
  // Hashed files are precached under their plain URL; files with a __WB_REVISION__ key (index.html) never match.
  const cache = await caches.open(precache.strategy.cacheName);
  return cache.match(url.origin + url.pathname);
}

const network = new NetworkOnly({ plugins: [headersPlugin] });
setDefaultHandler(async (options: RouteHandlerCallbackOptions) => {
  const kept = await keptOldFile(options.request as Request);
  if (kept) return withHeaders(kept, await pageUrlOf(options.event, options.request as Request), options.request.url);
  return network.handle(options as { event: ExtendableEvent; request: Request });
});

// What an older build left: the clients alive when this build activated (they run an older one) and the files
// the precache held then that this build does not name. Kept in Cache Storage (a stopped worker loses memory).
// Only those files are ever deleted: a newer build installing next to this one adds files this one does not
// name, and they are not this worker's to delete.
const STATE_CACHE = 'sem-sw-builds';
const STATE_KEY = new URL('__sem-old-build__', scope).href;

async function oldBuild(): Promise<OldBuild> {
  const r = await (await caches.open(STATE_CACHE)).match(STATE_KEY);
  return parseOldBuild(r ? await r.json().catch(() => null) : null);
}

async function setOldBuild(state: OldBuild): Promise<void> {
  await (await caches.open(STATE_CACHE)).put(STATE_KEY, new Response(JSON.stringify(state), { headers: { 'Content-Type': 'application/json' } }));
}

async function aliveClients(): Promise<string[]> {
  return (await self.clients.matchAll({ includeUncontrolled: true, type: 'all' })).map((c) => c.id);
}

const currentKeys = (): string[] => [...precache.getURLsToCacheKeys().values()];

/** Deletes the older builds' files once no client that ran one is left. */
async function dropUnusedBuilds(): Promise<void> {
  const state = await oldBuild();
  const still = clientsStillOld(state.clients, await aliveClients());
  if (still.length > 0) {
    if (still.length !== state.clients.length) await setOldBuild({ ...state, clients: still });
    return;
  }
  if (state.files.length === 0 && state.clients.length === 0) return;
  const cache = await caches.open(precache.strategy.cacheName);
  for (const url of filesToDrop(state.files, currentKeys())) await cache.delete(url);
  await setOldBuild({ clients: [], files: [] });
}

self.addEventListener('activate', (e) => {
  e.waitUntil((async () => {
    // Every client alive now was started by an older build (or by none): its files stay until it is gone.
    const before = await oldBuild();
    const cached = (await (await caches.open(precache.strategy.cacheName)).keys()).map((r) => r.url);
    await setOldBuild({
      clients: [...new Set([...before.clients, ...(await aliveClients())])],
      files: [...new Set([...before.files, ...filesToDrop(cached, currentKeys())])],
    });
    await dropUnusedBuilds();
    await self.clients.claim();
  })());
});

self.addEventListener('message', (e) => {
  const type = (e.data as { type?: string } | null)?.type;
  // The page asks for the update once the user agreed to reload.
  if (type === 'SKIP_WAITING') void self.skipWaiting();
  // A page started (a reload of the last old tab, say): the older build's files may have no user left.
  else if (type === 'PAGE_STARTED') e.waitUntil(dropUnusedBuilds());
});
