import { join } from 'node:path';
import { planEpochs } from '../src/shared/train/recipe';
import type { Page } from '@playwright/test';
import { expect, GENERATED, test, type AppPage } from './fixtures';
import { BEST_IS_FIRST, expectKeptLowestLossAndExport } from './keptEpoch';
import { TRAIN_CLASSES, TRAIN_ROOT } from './trainTree';

// The no-GPU fast mode, the LR finder and the augmentation preview, on wasm (the backend such machines use).
const SCHEDULE = '32x2,48x1';
const query = (backend: string, mode = '&mode=fast') => `backbone=resnet50-tiny&backend=${backend}&schedule=${SCHEDULE}&batch=8&seed=1${mode}`;
const PLAN = planEpochs({ schedule: SCHEDULE, epochs: null, freezeEpochs: 1 }, 1);

async function importTree(app: AppPage, backend = 'wasm', mode = '&mode=fast') {
  await app.openWithTrainTree(query(backend, mode));
}

test('on wasm without pretrained weights the default is full mode (never frozen random features); fast mode, chosen, shows both estimates and trains the head without leaving wasm', async ({ app, page }) => {
  test.setTimeout(300_000);
  await importTree(app, 'wasm', '');
  await expect(page.getByTestId('model.status')).toHaveAttribute('data-pretrained', 'false');
  await expect(page.getByTestId('train.mode')).toHaveAttribute('data-mode', 'full');
  await expect(page.getByTestId('train.no-pretrained')).toContainText('Fine-tuning from scratch needs many images and a GPU');
  await page.getByTestId('train.mode-fast').check();
  await expect(page.getByTestId('train.mode')).toHaveAttribute('data-mode', 'fast');
  await expect(page.getByTestId('train.mode-fast')).toBeChecked();
  // chosen anyway: the note says what fast mode does over random weights
  await expect(page.getByTestId('train.no-pretrained')).toContainText('frozen random network');
  const estimate = page.getByTestId('train.estimate');
  await expect(estimate).toHaveAttribute('data-state', 'done', { timeout: 120_000 });
  const fast = Number(await estimate.getAttribute('data-fast'));
  const full = Number(await estimate.getAttribute('data-full'));
  console.log(`estimates on this device: fast ${fast} s, full ${full} s (${await estimate.textContent()})`);
  expect(fast).toBeGreaterThan(0);
  expect(full).toBeGreaterThan(0);
  await expect(estimate).toContainText(/fast ≈ .* full ≈ /);

  const status = page.getByTestId('train.status');
  const t0 = Date.now();
  await page.getByTestId('train.start').click();
  await expect(page.getByTestId('train.features')).toBeVisible();
  await expect(status).toHaveAttribute('data-state', 'done', { timeout: 240_000 });
  console.log(`fast mode on wasm: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  const features = page.getByTestId('train.features');
  await expect(features).toHaveAttribute('data-done', (await features.getAttribute('data-total')) ?? 'x');
  const rows = page.getByTestId('train.epoch-row');
  await expect(rows).toHaveCount(PLAN.perEpoch.length);
  await expect(rows.last()).toHaveAttribute('data-size', '48');
  const accuracies = await rows.evaluateAll((trs) => trs.map((tr) => Number(tr.getAttribute('data-valid-accuracy'))));
  console.log(`fast mode validation accuracy per epoch: ${accuracies.join(', ')}`);
  // The generated classes are distinct: the head on cached features separates them.
  expect(accuracies[accuracies.length - 1]).toBeGreaterThanOrEqual(0.9);
  await expect(app.status).toHaveAttribute('data-backend', 'wasm');
  await expect(app.model).toHaveAttribute('data-classes', String(TRAIN_CLASSES.length));
  // The run is in the runs list like a full one (done, every epoch).
  const run = page.getByTestId('train.run-row');
  await expect(run).toHaveCount(1);
  await expect(run).toHaveAttribute('data-status', 'done');
  await expect(run).toHaveAttribute('data-epochs', String(PLAN.perEpoch.length));

  const predictions = await app.classify([join(GENERATED, 'train', TRAIN_ROOT, 'porous', 'porous_01.png')]);
  expect(TRAIN_CLASSES as readonly string[]).toContain(await predictions.first().getAttribute('data-label'));
  await expect(predictions.first().getByText('untrained')).toHaveCount(0);
  await expect(app.status).toHaveAttribute('data-backend', 'wasm');
});

test('the LR finder plots loss against lr, can be cancelled, and "use" sets base_lr; the augmentation preview shows 8 draws', async ({ app, page }) => {
  test.setTimeout(300_000);
  await importTree(app);
  const lrStatus = page.getByTestId('train.lr-status');

  // Cancel: the run ends as cancelled and the worker goes on answering.
  await page.getByTestId('train.lr-find').click();
  await expect(lrStatus).toHaveAttribute('data-state', 'running');
  await page.getByTestId('train.lr-find-cancel').click();
  await expect(lrStatus).toHaveAttribute('data-state', 'cancelled');

  await page.getByTestId('train.lr-find').click();
  await expect(lrStatus).toHaveAttribute('data-state', 'done', { timeout: 180_000 });
  const chart = page.getByTestId('train.lr-chart');
  await expect(chart).toBeVisible();
  const points = Number(await chart.getAttribute('data-points'));
  console.log(`lr_find: ${points} points, suggestion ${await chart.getAttribute('data-suggested')}`);
  expect(points).toBeGreaterThan(10);
  await expect(chart.locator('path.recharts-curve').first()).toBeVisible();
  const use = page.getByTestId('train.lr-use');
  const lr = Number(await use.getAttribute('data-lr'));
  expect(lr).toBeGreaterThan(1e-7);
  expect(lr).toBeLessThan(10);
  await use.click();
  await expect(page.getByTestId('train.base-lr')).toHaveValue(String(Number(lr.toPrecision(2))));
  await expect(app.status).toHaveAttribute('data-backend', 'wasm');

  // Augmentation preview: 8 draws, all different with the switches on, all the same with them off.
  const tiles = () => page.getByTestId('train.aug-preview').locator('canvas').evaluateAll((cs) => cs.map((c) => (c as HTMLCanvasElement).toDataURL()));
  await page.getByTestId('train.aug-preview-run').click();
  const grid = page.getByTestId('train.aug-preview');
  await expect(grid).toHaveAttribute('data-count', '8');
  await expect(grid.locator('canvas')).toHaveCount(8);
  expect(new Set(await tiles()).size).toBeGreaterThan(4);
  await page.getByTestId('train.advanced').locator('summary').click(); // the fastai names live in the Advanced panel
  await page.getByTestId('train.aug-toggles').getByLabel('all').uncheck();
  await page.getByTestId('train.aug-preview-run').click();
  await expect.poll(async () => new Set(await tiles()).size).toBe(1);
});

test('fast mode pauses, resumes and stops while computing features, and the app keeps working', async ({ app, page }) => {
  test.setTimeout(300_000);
  await app.open(`${query('wasm')}&views=32`);
  await app.waitReady();
  await app.step('data');
  await page.getByTestId('dataset.folder-input').setInputFiles(join(GENERATED, 'train', TRAIN_ROOT));
  await expect(page.getByTestId('dataset.status')).toHaveAttribute('data-state', 'done', { timeout: 120_000 });
  await app.step('train');
  await expect(page.getByTestId('train.views')).toHaveValue('32');
  const status = page.getByTestId('train.status');
  const features = page.getByTestId('train.features');
  await page.getByTestId('train.start').click();
  await expect(features).toHaveAttribute('data-done', /^[1-9]/);
  await page.getByTestId('train.pause').click();
  await expect(status).toHaveAttribute('data-state', 'paused');
  // paused between batches: the count stops moving
  await page.waitForTimeout(1500);
  const held = await features.getAttribute('data-done');
  await page.waitForTimeout(1500);
  await expect(features).toHaveAttribute('data-done', held ?? '');
  expect(Number(held)).toBeLessThan(Number(await features.getAttribute('data-total')));
  await page.getByTestId('train.resume').click();
  await expect(status).toHaveAttribute('data-state', 'running');
  await page.getByTestId('train.stop').click();
  await expect(status).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
  await expect(status).toContainText('stopped early');
  await expect(page.getByTestId('train.epoch-row')).toHaveCount(0);
  await expect(app.status).toHaveAttribute('data-backend', 'wasm');
  // the worker still answers: an augmentation preview after the stop
  await page.getByTestId('train.aug-preview-run').click();
  await expect(page.getByTestId('train.aug-preview')).toHaveAttribute('data-count', '8');
});

// Two minutes on SwiftShader's WebGPU: under `npm run test:stress`; fast mode itself is covered on wasm above.
test('on the WebGPU software adapter a fast run reaches done with ≥ 0.9 validation accuracy @stress', async ({ app, page }) => {
  test.setTimeout(300_000);
  await importTree(app, 'webgpu');
  await expect(app.status).not.toHaveAttribute('data-adapter', 'none');
  await expect(page.getByTestId('train.mode')).toHaveAttribute('data-mode', 'fast');
  const t0 = Date.now();
  await page.getByTestId('train.start').click();
  await expect(page.getByTestId('train.status')).toHaveAttribute('data-state', 'done', { timeout: 240_000 });
  const rows = page.getByTestId('train.epoch-row');
  await expect(rows).toHaveCount(PLAN.perEpoch.length);
  const last = Number(await rows.last().getAttribute('data-valid-accuracy'));
  console.log(`fast mode on webgpu (SwiftShader): ${((Date.now() - t0) / 1000).toFixed(1)} s, last validation accuracy ${last}`);
  expect(last).toBeGreaterThanOrEqual(0.9);
  await expect(app.status).toHaveAttribute('data-backend', 'webgpu');
});

test('a fast run cut off by a reload shows as interrupted in the runs list, not as running forever', async ({ app, page }) => {
  test.setTimeout(300_000);
  await importTree(app);
  await page.getByTestId('train.start').click();
  await expect(page.getByTestId('train.features')).toBeVisible();
  await page.reload();
  await app.waitReady();
  await app.step('train');
  const run = page.getByTestId('train.run-row');
  await expect(run).toHaveCount(1);
  await expect(run).toHaveAttribute('data-status', 'error');
  await expect(run.locator('td[title^="Interrupted (page closed or reloaded)"]')).toHaveCount(1);
  await expect(page.getByTestId('train.resume-offer')).toHaveCount(0);
});

/** Every epoch row's validation loss and accuracy, once the run is done. */
async function epochResults(page: Page): Promise<{ loss: number; accuracy: number }[]> {
  const rows = page.getByTestId('train.epoch-row');
  await expect(rows).toHaveCount(PLAN.perEpoch.length);
  return rows.evaluateAll((trs) => trs.map((tr) => ({ loss: Number(tr.getAttribute('data-valid-loss')), accuracy: Number(tr.getAttribute('data-valid-accuracy')) })));
}

test('a fast run reloaded mid-run offers "Resume from epoch 1" and ends as the uninterrupted run (cold and warm feature cache alike)', async ({ app, page }) => {
  test.setTimeout(400_000);
  const status = page.getByTestId('train.status');
  // 1. The uninterrupted reference, features computed cold.
  await importTree(app);
  await page.getByTestId('train.start').click();
  await expect(status).toHaveAttribute('data-state', 'done', { timeout: 240_000 });
  const reference = await epochResults(page);
  // The head sees what the data source fed: [batch, 2 × channels] features at the last size.
  const shapes = await page.getByTestId('train.epoch-row').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-input-shapes')));
  console.log(`fast reference: ${JSON.stringify(reference)}; input shapes ${shapes.join(' | ')}`);
  expect(shapes.every((s) => /^8x\d+$/.test(s ?? ''))).toBe(true);
  // 2. The same run again in this worker: the feature cache is warm, the result the same.
  await page.getByTestId('train.start').click();
  await expect(status).toHaveAttribute('data-state', 'running');
  await expect(status).toHaveAttribute('data-state', 'done', { timeout: 240_000 });
  await expect(page.getByTestId('train.notice').filter({ hasText: /feature vectors cached/ })).toHaveCount(0);
  expect(await epochResults(page)).toEqual(reference);

  // 3. A run cut off by a reload while epoch 1's checkpoint is being written (test-only fault holds it open).
  await app.open(`${query('wasm')}&fault=slow-checkpoint@1`);
  await app.waitReady();
  await app.step('train');
  await page.getByTestId('train.start').click();
  await expect(page.getByTestId('train.notice').filter({ hasText: 'slow-checkpoint@1): the checkpoint of epoch 1 is being written' })).toBeVisible({ timeout: 240_000 });
  await app.open(query('wasm'));
  await app.waitReady();
  await app.step('train');
  await expect(page.getByTestId('train.resume-offer')).toContainText(`was interrupted after epoch 0 of ${PLAN.perEpoch.length - 1}`);
  const resume = page.getByTestId('train.resume-run');
  await expect(resume).toHaveText('Resume from epoch 1');
  await resume.click();
  // a fresh worker: the features are computed again (cold), then the head goes on from epoch 1
  await expect(page.getByTestId('train.features')).toBeVisible();
  await expect(status).toHaveAttribute('data-state', 'done', { timeout: 240_000 });
  const resumed = await epochResults(page);
  console.log(`fast resumed: ${JSON.stringify(resumed)}`);
  expect(resumed).toEqual(reference);
  await expect(page.getByTestId('train.run-row').first()).toHaveAttribute('data-status', 'done');
  await expect(app.status).toHaveAttribute('data-backend', 'wasm');
});

test('Stop in fast mode keeps the epoch with the lowest validation loss, and the bundle carries its metrics', async ({ app, page }) => {
  test.setTimeout(300_000);
  // 4 epochs; epoch 2's checkpoint is held open (test only): Stop lands after epochs 0–2, before epoch 3.
  await app.openWithTrainTree(`${query('wasm').replace(SCHEDULE, '32x2,48x2')}&fault=slow-checkpoint@2,${BEST_IS_FIRST}`);
  const status = page.getByTestId('train.status');
  await page.getByTestId('train.start').click();
  await expect(page.getByTestId('train.notice').filter({ hasText: 'slow-checkpoint@2): the checkpoint of epoch 2 is being written' })).toBeVisible({ timeout: 240_000 });
  await page.getByTestId('train.stop').click();
  await expect(status).toHaveAttribute('data-state', 'done', { timeout: 120_000 });
  await expect(status).toContainText('stopped early');
  await expect(page.getByTestId('train.epoch-row')).toHaveCount(3);
  // fast mode it was (the link asks for it; without it random weights train in full mode, on WebGL)
  await expect(page.getByTestId('train.mode')).toHaveAttribute('data-mode', 'fast');
  await expect(app.status).toHaveAttribute('data-backend', 'wasm');
  await expectKeptLowestLossAndExport(app, page, 'e2e stop fast');
});
