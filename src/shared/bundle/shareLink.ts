// The link that opens this app with a bundle loaded: `<app>?model=<bundle URL>`. A bundle on the app's own
// site is named relative to the app, so the link keeps working if the whole site moves.

/** The app's address without query or hash: what `?model=` is appended to. */
export function appBase(pageHref: string): string {
  const u = new URL(pageHref);
  return `${u.origin}${u.pathname}`;
}

/** `bundleUrl` relative to the app's folder when it lies inside it, else the absolute URL. */
export function modelParam(pageHref: string, bundleUrl: string): string {
  const base = new URL('./', appBase(pageHref));
  const target = new URL(bundleUrl, pageHref);
  if (target.origin === base.origin && target.pathname.startsWith(base.pathname)) {
    return decodeURIComponent(target.pathname.slice(base.pathname.length)) + target.search;
  }
  return target.href;
}

export function shareLink(pageHref: string, bundleUrl: string): string {
  const param = encodeURIComponent(modelParam(pageHref, bundleUrl)).replace(/%2F/g, '/');
  return `${appBase(pageHref)}?model=${param}`;
}
