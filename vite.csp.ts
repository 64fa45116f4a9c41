// The app's Content-Security-Policy, added to the built index.html as a <meta http-equiv> (the dev server
// is left without it: React's fast-refresh preamble is an inline script). The service worker sends the
// stricter header policy (src/shared/csp.ts) on everything it serves; hosts that can send headers should
// send it too (`headerPolicy`), since only a header covers the workers and frame-ancestors.
import type { Plugin } from 'vite';
import { META_POLICY } from './src/shared/csp';

export const CONTENT_SECURITY_POLICY = META_POLICY;

export function contentSecurityPolicy(): Plugin {
  return {
    name: 'sem-content-security-policy',
    apply: 'build',
    transformIndexHtml: {
      order: 'pre',
      handler: () => [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY }, injectTo: 'head-prepend' }],
    },
  };
}
