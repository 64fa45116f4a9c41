import { median, openApp } from './lib.mjs';

/**
 * ResNet50 predict wall time per backend and batch size, in the compute worker of the built app (the same
 * code path as classifying an image, minus decoding). One untimed run first compiles kernels for the shape.
 * `requested: 'auto'` opens the app without ?backend, so the row shows what the automatic choice gives.
 */
export async function benchPredict(browser, url, { backends, batches = [1], batchBackends, backbone = 'resnet50', size = 224, runs = 3, log }) {
  const rows = [];
  for (const backend of backends) {
    const t0 = Date.now();
    let app;
    try {
      app = await openApp(browser, url, `${backend === 'auto' ? '' : `backend=${backend}&`}backbone=${backbone}&pretrained=none`);
    } catch (e) {
      rows.push({ job: 'predict', backbone, size, batch: 1, requested: backend, error: String(e instanceof Error ? e.message : e) });
      log?.(`  ${backend}: ${rows.at(-1).error}`);
      continue;
    }
    for (const batch of batches) {
      if (batch > 1 && batchBackends && !batchBackends.includes(backend)) continue;
      let row;
      try {
        const runsHere = backend === 'cpu' || batch > 1 ? Math.min(runs, 2) : runs;
        const times = await app.page.evaluate(([s, b, r]) => globalThis.semBench.benchPredict(s, b, r), [size, batch, runsHere]);
        row = { job: 'predict', backbone, size, batch, requested: backend, backend: app.backend, adapter: app.adapter, params: app.params, runs: times.length, medianMs: median(times), msPerImage: median(times) / batch, timesMs: times };
      } catch (e) {
        row = { job: 'predict', backbone, size, batch, requested: backend, error: String(e instanceof Error ? e.message : e) };
      }
      log?.(`  ${backend}${backend === 'auto' ? ` (${app.backend})` : ''}, batch ${batch}: ${row.medianMs ? `${row.medianMs.toFixed(0)} ms` : row.error} (${((Date.now() - t0) / 1000).toFixed(0)} s)`);
      rows.push(row);
    }
    await app.page.close();
  }
  return rows;
}

/** The automatic choice's time per image against the fastest backend measured in the same run (batch 1). */
export function autoVersusFastest(rows) {
  const ok = rows.filter((r) => !r.error && r.batch === 1);
  const auto = ok.find((r) => r.requested === 'auto');
  const explicit = ok.filter((r) => r.requested !== 'auto');
  if (!auto || explicit.length === 0) return null;
  const fastest = explicit.reduce((a, b) => (a.msPerImage <= b.msPerImage ? a : b));
  return { auto: auto.backend, fastest: fastest.backend, ratio: fastest.msPerImage / auto.msPerImage };
}
