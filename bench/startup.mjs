import { gzipSync } from 'node:zlib';

/**
 * Cold start of the built app as a first-time visitor sees it (fresh browser context: empty caches and
 * storage), opened with no parameters: navigation to `app.status` data-ready="true", and the bytes shipped
 * until then, gzip-compressed as a static host would send them. "First screen" is what the page itself
 * loads (HTML, CSS, the UI's JS); the compute and decode workers and the wasm binaries are counted apart.
 */
export async function benchStartup(browser, url, { runs = 2, query = '', log }) {
  const rows = [];
  for (let r = 0; r < runs; r++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    const files = [];
    page.on('response', async (res) => {
      try {
        const u = new URL(res.url());
        if (u.origin !== new URL(url).origin) return;
        const body = await res.body();
        files.push({ path: u.pathname, bytes: body.byteLength, gzipBytes: gzipSync(body).byteLength });
      } catch { /* a response without a body (redirect, 304) */ }
    });
    const t0 = Date.now();
    await page.goto(`${url}${query ? `?${query}` : ''}`);
    const firstPaintMs = Date.now() - t0;
    await page.getByTestId('app.status').and(page.locator('[data-ready="true"]')).waitFor({ timeout: 600_000 });
    const readyMs = Date.now() - t0;
    const backend = await page.getByTestId('app.status').getAttribute('data-backend');
    await context.close();
    const isWorker = (p) => /(compute|decode)\.worker-|\.wasm$|hdf5|kerasH5|tiff-/.test(p);
    const sum = (xs, k) => xs.reduce((n, f) => n + f[k], 0);
    const first = files.filter((f) => !isWorker(f.path));
    const js = first.filter((f) => f.path.endsWith('.js'));
    const worker = files.filter((f) => isWorker(f.path));
    const row = {
      job: 'startup', query, backend, domLoadedMs: firstPaintMs, readyMs,
      firstScreen: { files: first.length, bytes: sum(first, 'bytes'), gzipBytes: sum(first, 'gzipBytes'), jsGzipBytes: sum(js, 'gzipBytes') },
      workers: { files: worker.length, bytes: sum(worker, 'bytes'), gzipBytes: sum(worker, 'gzipBytes') },
      files,
    };
    log?.(`  run ${r + 1}: page loaded in ${firstPaintMs} ms, ready on ${backend} in ${(readyMs / 1000).toFixed(1)} s; first screen ${(row.firstScreen.gzipBytes / 1024).toFixed(0)} KiB gzip (JS ${(row.firstScreen.jsGzipBytes / 1024).toFixed(0)} KiB), workers + wasm ${(row.workers.gzipBytes / 1024).toFixed(0)} KiB gzip`);
    rows.push(row);
  }
  return rows;
}
