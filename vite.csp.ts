// The app's Content-Security-Policy, added to the built index.html as a <meta http-equiv> (the dev server
// is left without it: React's fast-refresh preamble is an inline script). Hosts that can send headers
// should send the same policy as a `Content-Security-Policy` header: only a header also covers the
// workers (a worker's policy comes from its own response, not from the page's meta).
import type { Plugin } from 'vite';

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  // wasm-unsafe-eval lets the wasm backend compile its .wasm; no JavaScript eval is allowed. blob: because
  // the threaded wasm backend's pthread workers importScripts() their code from a Blob URL (only script
  // already running on this origin can make one).
  "script-src 'self' blob: 'wasm-unsafe-eval'",
  // blob: for the threaded wasm backend, which starts its pthread workers from a Blob URL.
  "worker-src 'self' blob:",
  // Gallery thumbnails and previews are object URLs of stored images.
  "img-src 'self' blob: data:",
  // The app itself requests only its own origin. https: is allowed for one thing the user asks for by name:
  // a model bundle link (?model=https://…, CORS permitting) so a lab can share a bundle hosted elsewhere.
  "connect-src 'self' https:",
  "style-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'none'",
].join('; ');

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
