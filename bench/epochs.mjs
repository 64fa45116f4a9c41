import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { openApp } from './lib.mjs';

/** A small labelled folder for the run (6 classes × 20 generated 256x192 images), made once. */
export function ensureEpochData(dir) {
  if (existsSync(dir)) return dir;
  const r = spawnSync('npx', ['tsx', 'scripts/demo-data.ts', '--out', dir, '--per-class', '20', '--size', '256x192', '--seed', '3'], { stdio: 'inherit' });
  if (r.status !== 0) throw new Error('generating the epoch benchmark data failed');
  return dir;
}

/**
 * Tensors and GPU bytes after each of 5 epochs of a real training run (the Train step, full mode,
 * resnet50-tiny, a generated dataset): both must stay flat, or something leaks per epoch.
 */
export async function benchEpochs(browser, url, { dir, backend = 'webgl', epochs = 5, log }) {
  const classes = readdirSync(dir).length;
  const app = await openApp(browser, url, `backend=${backend}&backbone=resnet50-tiny&mode=full&schedule=32x${epochs}&batch=8&seed=1`);
  try {
    const { page } = app;
    await page.getByTestId('nav.data').click();
    await page.getByTestId('dataset.folder-input').setInputFiles(dir);
    await page.getByTestId('dataset.status').and(page.locator('[data-state="done"]')).waitFor({ timeout: 600_000 });
    await page.getByTestId('nav.train').click();
    await page.getByTestId('train.start').click();
    await page.getByTestId('train.status').and(page.locator('[data-state="done"]')).waitFor({ timeout: 1_800_000 });
    const rows = await page.getByTestId('train.epoch-row').evaluateAll((trs) => trs.map((tr) => ({
      epoch: Number(tr.getAttribute('data-epoch')), tensors: Number(tr.getAttribute('data-tensors')),
      gpuBytes: tr.getAttribute('data-gpu-bytes') === '' ? null : Number(tr.getAttribute('data-gpu-bytes')),
    })));
    const flat = (xs) => xs.every((x) => x === xs[0]);
    const trainedOn = await page.getByTestId('app.status').getAttribute('data-backend');
    log?.(`  ${trainedOn}, ${classes} classes: tensors ${rows.map((r) => r.tensors).join(', ')}; GPU bytes ${rows.map((r) => r.gpuBytes ?? '—').join(', ')}`);
    // Epoch 1 is fine_tune's frozen phase (the head alone: no body gradients, fewer GPU textures); from the
    // unfrozen epochs on, nothing may grow.
    const unfrozen = rows.slice(1);
    return {
      job: 'epochs', backend: trainedOn, epochs: rows, tensorsFlat: flat(rows.map((r) => r.tensors)),
      gpuBytesFlat: rows.every((r) => r.gpuBytes === null) ? null : flat(unfrozen.map((r) => r.gpuBytes)),
    };
  } finally {
    await app.page.close();
  }
}
