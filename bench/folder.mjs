import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { median, openApp } from './lib.mjs';

/**
 * Classify-a-folder throughput through the Classify step (decode, data-bar crop, resize, predict, results to
 * the table) against bare `model.predict` on preloaded zero tensors at the same size and batch (8, the
 * Classify step's batch), on the same page and backend. A ratio near 1 means decoding overlaps inference.
 */
export async function benchFolder(browser, url, { dir, count = 48, backend = 'wasm', backbone = 'resnet50', log }) {
  const files = readdirSync(dir, { recursive: true }).filter((f) => String(f).endsWith('.png')).sort().slice(0, count).map((f) => join(dir, String(f)));
  if (files.length < count) throw new Error(`${dir} has ${files.length} PNGs, ${count} wanted`);
  const app = await openApp(browser, url, `backend=${backend}&backbone=${backbone}&pretrained=none`);
  try {
    const { page } = app;
    const size = 224; // the untrained model's input size, which Classify predicts at
    // Bare: the model alone, batch 8 (one untimed run compiles), images/s from the median.
    const bareTimes = await page.evaluate(([s]) => globalThis.semBench.benchPredict(s, 8, 3), [size]);
    const bare = 8 / (median(bareTimes) / 1000);
    await page.getByTestId('nav.classify').click();
    // One untimed image first: decoding paths and kernels warm, as bare had its untimed run.
    await page.getByTestId('predict.files-input').setInputFiles(files[0]);
    await page.getByTestId('predict.status').and(page.locator('[data-state="done"]')).waitFor({ timeout: 600_000 });
    const t0 = Date.now();
    await page.getByTestId('predict.files-input').setInputFiles(files);
    await page.waitForFunction((n) => {
      const s = globalThis.document.querySelector('[data-testid="predict.status"]');
      return globalThis.document.querySelectorAll('[data-testid="predict.row"]').length >= n && s?.getAttribute('data-state') === 'done';
    }, files.length + 1, { timeout: 1_800_000, polling: 250 });
    const seconds = (Date.now() - t0) / 1000;
    const folder = files.length / seconds;
    log?.(`  ${backend} ${backbone}: folder of ${files.length} 1024x768 PNGs ${folder.toFixed(2)} images/s, bare predict batch 8 ${bare.toFixed(2)} images/s`);
    return { job: 'folder', backend: app.backend, backbone, images: files.length, seconds, folderImagesPerSecond: folder, bareImagesPerSecond: bare, ratio: folder / bare, bareTimesMs: bareTimes };
  } finally {
    await app.page.close();
  }
}
