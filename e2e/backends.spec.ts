import { join } from 'node:path';
import { expect, GENERATED, readProbs, test } from './fixtures';
import { TRAIN_CLASSES, TRAIN_ROOT } from './trainTree';

const IMAGE = join(GENERATED, 'images', 'particles_0.png');

for (const backend of ['webgpu', 'webgl', 'wasm'] as const) {
  test(`reports ${backend} when asked and classifies a generated image`, async ({ app, page }) => {
    await app.open(`backend=${backend}&backbone=resnet50-tiny`);
    await app.waitReady();
    await expect(app.status).toHaveAttribute('data-backend', backend);
    if (backend === 'wasm') {
      await expect(app.status).toHaveAttribute('data-adapter', 'none');
      // This server sends COOP/COEP: threaded SIMD wasm with one thread per logical core (at most 8), not
      // tfjs' own cores / 2, which left a 2-core machine on one thread.
      expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
      const cores = await page.evaluate(() => navigator.hardwareConcurrency);
      const threads = Math.min(cores, 8);
      await expect(app.status).toHaveAttribute('data-threads', String(threads));
      if (cores >= 2) {
        await expect(app.status.locator('.pill')).toHaveText(`wasm · ${threads} threads`);
        await expect(app.status).toHaveAttribute('title', new RegExp(`; ${threads} threads \\(${cores} logical cores\\)`));
      } else await expect(app.status).toHaveAttribute('title', /single-threaded: the browser reports one CPU core/);
    } else {
      await expect(app.status).not.toHaveAttribute('data-adapter', 'none');
      await expect(app.status).toHaveAttribute('data-threads', '');
    }

    await expect(app.model).toHaveAttribute('data-backbone', 'resnet50-tiny');
    await expect(app.model).toHaveAttribute('data-pretrained', 'false');
    await expect(app.model).toContainText('no pretrained weights: training from scratch');
    expect(Number(await app.model.getAttribute('data-params'))).toBeGreaterThan(10_000);

    const rows = await app.classify([IMAGE]);
    const row = rows.first();
    await expect(row).toHaveAttribute('data-file', 'particles_0.png');
    const classes = Number(await app.model.getAttribute('data-classes'));
    expect(classes).toBe(10);
    const confidence = Number(await row.getAttribute('data-confidence'));
    // Top-1 of a softmax over 10 classes is at least 1/10 and at most 1.
    expect(confidence).toBeGreaterThanOrEqual(0.1);
    expect(confidence).toBeLessThanOrEqual(1);
    expect(await row.getAttribute('data-label')).not.toBe('');
    await expect(row).toContainText('%');
  });
}

test('wasm falls back to one thread when the threaded build fails to start, and says so', async ({ app }) => {
  await app.open('backend=wasm&backbone=resnet50-tiny&fault=wasm-threads');
  await app.waitReady();
  await expect(app.status).toHaveAttribute('data-backend', 'wasm');
  await expect(app.status).toHaveAttribute('data-threads', '1');
  await expect(app.status).toHaveAttribute('title', /single-threaded: the threaded wasm build failed to start/);
  await expect(app.model).toHaveAttribute('data-state', 'ready');
});

test('chooses a backend automatically and says why', async ({ app }) => {
  await app.open('backbone=resnet50-tiny');
  await app.waitReady();
  const adapter = (await app.status.getAttribute('data-adapter')) ?? '';
  const backend = await app.status.getAttribute('data-backend');
  const reason = (await app.status.getAttribute('title')) ?? '';
  if (/swiftshader/i.test(adapter) || backend === 'wasm') {
    // No real GPU (this CI machine): wasm is the fastest inference path, and the reason names the software adapter.
    expect(backend).toBe('wasm');
    expect(reason).toMatch(/software|no GPU/i);
  } else {
    expect(backend).toBe('webgpu');
  }
});

test('the backend can be switched in settings without reloading', async ({ app, page }) => {
  await app.open('backbone=resnet50-tiny&backend=wasm');
  await app.waitReady();
  await page.getByLabel('Compute backend').selectOption('cpu');
  await expect(app.status).toHaveAttribute('data-backend', 'cpu');
  await app.waitReady();
  await expect(app.model).toHaveAttribute('data-backbone', 'resnet50-tiny');
});

test('switching backend keeps the model trained in this tab: same predictions on the new backend', async ({ app, page }) => {
  test.setTimeout(240_000);
  await app.openWithTrainTree('backbone=resnet50-tiny&backend=wasm&mode=fast&schedule=32x1&batch=8&seed=1');
  await page.getByTestId('train.start').click();
  await expect(page.getByTestId('train.status')).toHaveAttribute('data-state', 'done', { timeout: 180_000 });
  const images = [join(GENERATED, 'train', TRAIN_ROOT, 'films', 'films_01.png'), IMAGE];
  const before = await readProbs(await app.classify(images));

  await page.getByLabel('Compute backend').selectOption('cpu');
  await expect(app.status).toHaveAttribute('data-backend', 'cpu');
  await app.waitReady();
  await expect(app.model).toHaveAttribute('data-backbone', 'bundle: trained in this tab', { timeout: 60_000 });
  await expect(app.model).toHaveAttribute('data-classes', String(TRAIN_CLASSES.length));
  await app.step('classify');
  await page.getByRole('button', { name: /^Clear \d+ results?$/ }).click();
  const after = await readProbs(await app.classify(images));
  // wasm and cpu round differently; an untrained head would be off by far more than this.
  for (const [file, probs] of Object.entries(before)) {
    for (const [label, p] of Object.entries(probs)) expect(Math.abs(after[file][label] - p), `${file} ${label}`).toBeLessThan(1e-3);
  }
});
