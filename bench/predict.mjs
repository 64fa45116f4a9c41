import { median, openApp } from './lib.mjs';

/**
 * ResNet50 predict wall time per backend, in the compute worker of the built app (the same code path
 * as classifying an image, minus decoding). One untimed run first compiles kernels for the shape.
 */
export async function benchPredict(browser, url, { backends, backbone = 'resnet50', size = 224, batch = 1, runs = 3, log }) {
  const rows = [];
  for (const backend of backends) {
    const t0 = Date.now();
    let row;
    try {
      const app = await openApp(browser, url, `backend=${backend}&backbone=${backbone}&pretrained=none`);
      const runsHere = backend === 'cpu' ? 1 : runs;
      const times = await app.page.evaluate(
        ([s, b, r]) => globalThis.semBench.benchPredict(s, b, r),
        [size, batch, runsHere],
      );
      row = { job: 'predict', backbone, size, batch, requested: backend, backend: app.backend, adapter: app.adapter, params: app.params, runs: times.length, medianMs: median(times), timesMs: times };
      await app.page.close();
    } catch (e) {
      row = { job: 'predict', backbone, size, batch, requested: backend, error: String(e instanceof Error ? e.message : e) };
    }
    log?.(`  ${backend}: ${row.medianMs ? `${row.medianMs.toFixed(0)} ms` : row.error} (${((Date.now() - t0) / 1000).toFixed(0)} s)`);
    rows.push(row);
  }
  return rows;
}
