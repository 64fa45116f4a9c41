// Which model URLs the app will fetch (`?backbone=<url>`, `?model=<url>`): http(s) on the app's own origin,
// or https on another site (a lab sharing a bundle hosted elsewhere; the server must allow CORS). A
// `javascript:`, `data:`, `blob:` or `file:` URL in a shared link must not become code or a hidden model,
// and plain http to another site is refused (it could be altered on the way). The app itself requests
// nothing from other origins; this is the one request a user can ask for by name. The
// service worker's Content-Security-Policy (connect-src: own origin plus the model URL's origin) enforces it in the browser; this check gives
// the user a sentence instead of a console error.

import { redactUrl } from './models/loaderGuard';

export type ModelUrlCheck = { ok: true; url: string } | { ok: false; reason: string };

export function checkModelUrl(raw: string, base: string): ModelUrlCheck {
  const text = raw.trim();
  let url: URL;
  try {
    url = new URL(text, base);
  } catch {
    return { ok: false, reason: `"${short(redactUrl(text))}" is not a valid URL.` };
  }
  // A user name or password in a shared link is never repeated in a message (and fetch refuses them anyway).
  if (url.username || url.password) {
    return { ok: false, reason: `The model URL ${redactUrl(url)} carries a user name or password; give it without them.` };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return { ok: false, reason: `Model URLs must be http or https; "${url.protocol}" URLs are refused for safety.` };
  }
  const origin = new URL(base).origin;
  if (url.origin !== origin && url.protocol !== 'https:') {
    return {
      ok: false,
      reason: `A model on another site (${url.origin}) must come over https; plain http is only accepted from this app's own site (${origin}). ` +
        'Or download the model and load its files with the file input.',
    };
  }
  return { ok: true, url: url.href };
}

function short(s: string): string {
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}
