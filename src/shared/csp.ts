// The app's Content-Security-Policy, in one place: the build writes it into index.html as a <meta> (the
// only thing a static host without headers gets on the first visit), and the service worker sends it as a
// header on every response it serves (the page, the worker scripts, the wasm), where it also covers the
// workers (a worker's policy comes from its own response, not from the page) and `frame-ancestors` (which a
// <meta> cannot carry). The header's connect-src is the app's own origin plus the origin of the https model
// URL the user gave in the page's address (?model= or ?backbone=, carried on the compute worker's script
// URL too), nothing else.

const BASE = [
  "default-src 'self'",
  // wasm-unsafe-eval lets the wasm backend compile its .wasm; no JavaScript eval is allowed. blob: because
  // the threaded wasm backend's pthread workers importScripts() their code from a Blob URL (only script
  // already running on this origin can make one).
  "script-src 'self' blob: 'wasm-unsafe-eval'",
  "worker-src 'self' blob:",
  // Gallery thumbnails and previews are object URLs of stored images.
  "img-src 'self' blob: data:",
  "style-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'none'",
];

/** The <meta> policy: it cannot know the model URL, so it allows https: for connect; the header narrows it. */
export const META_POLICY = [...BASE, "connect-src 'self' https:"].join('; ');

/** The https origins named by a page address's ?model= and ?backbone= (relative ones are the app's own). */
export function modelOrigins(pageUrl: string): string[] {
  const out = new Set<string>();
  let page: URL;
  try {
    page = new URL(pageUrl);
  } catch {
    return [];
  }
  for (const key of ['model', 'backbone']) {
    const value = page.searchParams.get(key);
    if (!value) continue;
    try {
      const u = new URL(value, page);
      if (u.protocol === 'https:' && u.origin !== page.origin) out.add(u.origin);
    } catch {
      // not a URL (a built-in backbone id such as resnet50): nothing to allow
    }
  }
  return [...out];
}

/**
 * The header policy for a response served to (or for) the page at `pageUrl`. `requestUrl`, the response's own
 * URL, may name model URLs too: the compute worker's script is requested as `…compute.worker-*.js?backbone=…`
 * with the model URLs of the address when the worker starts (`workerScriptQuery`), because a page's
 * address changed later (history.replaceState) is not what the service worker sees as the page's URL.
 * Either names only what a link may name anyway.
 */
export function headerPolicy(pageUrl: string | null, requestUrl: string | null = null): string {
  const origins = new Set([...(pageUrl ? modelOrigins(pageUrl) : []), ...(requestUrl ? modelOrigins(requestUrl) : [])]);
  return [...BASE, `connect-src 'self'${[...origins].map((o) => ` ${o}`).join('')}`, "frame-ancestors 'self'"].join('; ');
}

/** The query a worker script is requested with: the page address's ?model= and ?backbone=, nothing else. */
export function workerScriptQuery(pageSearch: string): string {
  const page = new URLSearchParams(pageSearch);
  const q = new URLSearchParams();
  for (const key of ['model', 'backbone']) {
    const value = page.get(key);
    if (value) q.set(key, value);
  }
  const text = q.toString();
  return text ? `?${text}` : '';
}

/**
 * Whether a worker started for the page at `workerPageUrl` may fetch `url` under the header policy: a
 * worker's connect-src is fixed when its script is served, from the page's address then. A model URL the
 * user types later on another site needs a worker started after the address names it (src/ui/bridge.ts).
 * Plain http elsewhere counts as allowed: the loader refuses it with a sentence (src/shared/modelUrl.ts).
 */
export function policyAllows(url: string, workerPageUrl: string): boolean {
  let page: URL;
  let target: URL;
  try {
    page = new URL(workerPageUrl);
    target = new URL(url.trim(), page);
  } catch {
    return true;
  }
  if (target.origin === page.origin || target.protocol !== 'https:') return true;
  return modelOrigins(workerPageUrl).includes(target.origin);
}
