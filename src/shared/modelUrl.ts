// Which model URLs the app will fetch (`?backbone=<url>`, `?model=<url>`). Only http(s) on the app's own
// origin: a `javascript:` or `data:` URL in a shared link must not become code or a hidden model, and the
// app promises no request to any other origin (the Content-Security-Policy's connect-src 'self' enforces
// the same in the browser; this check gives the user a sentence instead of a console error).

export type ModelUrlCheck = { ok: true; url: string } | { ok: false; reason: string };

export function checkModelUrl(raw: string, base: string): ModelUrlCheck {
  const text = raw.trim();
  let url: URL;
  try {
    url = new URL(text, base);
  } catch {
    return { ok: false, reason: `"${short(text)}" is not a valid URL.` };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return { ok: false, reason: `Model URLs must be http or https; "${url.protocol}" URLs are refused for safety.` };
  }
  const origin = new URL(base).origin;
  if (url.origin !== origin) {
    return {
      ok: false,
      reason: `The model must be served from this app's own site (${origin}), not ${url.origin}: the app makes no requests to other sites. ` +
        'Download the model and load its files with the file input instead.',
    };
  }
  return { ok: true, url: url.href };
}

function short(s: string): string {
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}
