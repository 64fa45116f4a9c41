#!/usr/bin/env node
// A small static server for dist/: serves it under any sub-path (--base /lab/sem/), with or without the
// cross-origin isolation headers multi-threaded wasm needs (--no-isolation mimics hosts like GitHub Pages),
// and with the app's Content-Security-Policy header (src/shared/csp.ts, the one the service worker sends:
// frame-ancestors 'self', connect-src the app's origin plus the https ?model=/?backbone= origin of the page;
// --no-csp leaves it out, as GitHub Pages does). --port 0 takes a free port; the URL printed has the real one.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { tsImport } from 'tsx/esm/api';

const args = process.argv.slice(2);
const flag = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
};
const root = resolve(args.find((a, i) => !a.startsWith('--') && !args[i - 1]?.startsWith('--')) ?? 'dist');
const port = Number(flag('--port', process.env.PORT ?? '4173'));
const host = flag('--host', '127.0.0.1');
let base = flag('--base', '/');
if (!base.startsWith('/')) base = `/${base}`;
if (!base.endsWith('/')) base = `${base}/`;
const isolate = !args.includes('--no-isolation');
/** @type {((pageUrl: string | null, requestUrl?: string | null) => string) | null} */
const cspFor = args.includes('--no-csp') ? null : (await tsImport('../src/shared/csp.ts', import.meta.url)).headerPolicy;
// --mount PREFIX=DIR (repeatable) serves DIR at <base>PREFIX/, in front of the root: tests use it to put
// generated files (a converted backbone, a models/ manifest) next to the app without rebuilding it.
const mounts = args.flatMap((a, i) => (a === '--mount' && args[i + 1] ? [args[i + 1].split('=')] : []))
  .map(([prefix, dir]) => ({ prefix: `${prefix.replace(/^\/+|\/+$/g, '')}/`, dir: resolve(dir) }));

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.json': 'application/json; charset=utf-8', '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.jpg': 'image/jpeg', '.webmanifest': 'application/manifest+json',
  '.map': 'application/json', '.bin': 'application/octet-stream', '.zip': 'application/zip', '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8', '.h5': 'application/octet-stream',
};

const server = createServer(async (req, res) => {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (isolate) {
    res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
    res.setHeader('Cross-Origin-Embedder-Policy', 'require-corp');
  }
  if (url.pathname === base.slice(0, -1)) {
    res.writeHead(301, { Location: base + url.search }).end();
    return;
  }
  if (!url.pathname.startsWith(base)) {
    res.writeHead(404).end('not found');
    return;
  }
  let rel;
  try {
    rel = decodeURIComponent(url.pathname.slice(base.length));
  } catch {
    res.writeHead(400).end('bad path');
    return;
  }
  const mount = mounts.find((m) => rel.startsWith(m.prefix));
  const dir = mount ? mount.dir : root;
  let file = normalize(join(dir, mount ? rel.slice(mount.prefix.length) : rel));
  if (file !== dir && !file.startsWith(dir + sep)) {
    res.writeHead(403).end('forbidden');
    return;
  }
  try {
    let s = await stat(file);
    if (s.isDirectory()) {
      file = join(file, 'index.html');
      s = await stat(file);
    }
    const type = TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
    // The policy of the page it is served for: a page's own address, else the page asking (its Referer), as
    // the service worker does. Not on sw.js: a worker's policy comes from its script, and the service worker
    // fetches the model URLs the page's own policy allowed.
    if (cspFor && !rel.endsWith('sw.js')) {
      const page = type.startsWith('text/html') ? `http://${req.headers.host}${req.url}` : (req.headers.referer ?? null);
      res.setHeader('Content-Security-Policy', cspFor(page, `http://${req.headers.host}${req.url}`));
    }
    res.writeHead(200, {
      'Content-Type': type,
      'Content-Length': s.size,
      'Cache-Control': 'no-cache',
    });
    if (req.method === 'HEAD') return res.end();
    createReadStream(file).pipe(res);
  } catch {
    res.writeHead(404).end('not found');
  }
});

server.listen(port, host, () => {
  const actual = /** @type {import('node:net').AddressInfo} */ (server.address()).port;
  console.log(`SEM Classifier: http://localhost:${actual}${base}  (serving ${root}${isolate ? ', cross-origin isolated' : ''}${cspFor ? ', CSP header' : ''})`);
});
