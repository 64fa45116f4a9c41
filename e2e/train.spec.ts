import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { planEpochs } from '../src/shared/train/recipe';
import { defaultFreezeEpochs } from '../src/shared/train/trainMode';
import { expect, GENERATED, test, type AppPage } from './fixtures';
import { TRAIN_CLASSES, TRAIN_ROOT } from './trainTree';
import { MainThreadTrace } from './mainThread';

// WebGL: on this kind of machine (SwiftShader) it trains ~3x faster than WebGPU (see README, Train step).
const BACKEND = process.env.E2E_TRAIN_BACKEND ?? 'webgl';
const SCHEDULE = process.env.E2E_TRAIN_SCHEDULE ?? '32x2,48x1';
// mode=full: over pretrained weights on wasm and software GPUs the Train step defaults to fast mode
const query = (backend: string, schedule = SCHEDULE) => `backbone=resnet50-tiny&backend=${backend}&schedule=${schedule}&batch=8&seed=1&mode=full`;
// This server has no pretrained weights: the app's default for random weights (no frozen epochs) applies.
const FREEZE = defaultFreezeEpochs(false, 1);
const PLAN = planEpochs({ schedule: SCHEDULE, epochs: null, freezeEpochs: FREEZE }, 1);
const LAST = PLAN.perEpoch[PLAN.perEpoch.length - 1];

/** Imports the 3-class tree, presses Train, and waits for the run to end; returns the epoch rows. */
async function trainOnTree(app: AppPage, page: Page, backend: string, pauseOnce: boolean, schedule = SCHEDULE, whileProbing = false) {
  await app.openWithTrainTree(query(backend, schedule));
  const status = page.getByTestId('train.status');
  await expect(status).toHaveAttribute('data-state', 'idle');
  // The UI thread does no per-batch work: no main-thread task over 200 ms of its own CPU while the run goes on
  // (Chromium's trace: on 2 cores the software GPU's threads preempt the page, which stretches a task's wall
  // time without the page doing more work; that wall time is logged too).
  const trace = await MainThreadTrace.start(page);
  await MainThreadTrace.mark(page, 'train');
  const t0 = Date.now();
  // The Mode box times both modes (minutes for a ResNet50 on a software GPU): it says what it is timing, and a
  // Train click cancels it instead of queueing the run behind it.
  if (whileProbing) await expect(page.getByTestId('train.estimate-progress')).toHaveAttribute('data-total', /^[1-9]/);
  await page.getByTestId('train.start').click();
  await expect(status).toHaveAttribute('data-state', 'running');
  if (whileProbing) {
    await expect(page.getByTestId('train.estimate')).toHaveAttribute('data-state', 'idle');
    // until the first batch is done (the compile: the slowest one) the progress area says what is going on
    await expect(page.getByTestId('train.phase')).toContainText('Starting:');
  }
  if (pauseOnce) {
    await expect(status).toHaveAttribute('data-epoch', '1');
    await page.getByTestId('train.pause').click();
    await expect(status).toHaveAttribute('data-state', 'paused');
    await page.getByTestId('train.resume').click();
    await expect(status).toHaveAttribute('data-state', 'running');
  }
  await expect(status).toHaveAttribute('data-state', 'done', { timeout: 240_000 });
  const rows = page.getByTestId('train.epoch-row');
  await expect(rows).toHaveCount(planEpochs({ schedule, epochs: null, freezeEpochs: FREEZE }, 1).perEpoch.length);
  const times = await rows.evaluateAll((trs) => trs.map((tr) => `${tr.getAttribute('data-size')} px ${tr.querySelector('td:last-child')?.textContent}`));
  const tasks = await trace.stop();
  const longTasks = tasks.map((t) => t.cpu);
  const long = tasks.filter((t) => t.wall > 50);
  console.log(`training on ${await app.status.getAttribute('data-backend')}: ${((Date.now() - t0) / 1000).toFixed(1)} s; epochs ${times.join(', ')}; ` +
    `main-thread tasks over 50 ms: ${long.length} (longest ${Math.round(Math.max(0, ...tasks.map((t) => t.wall)))} ms wall, ` +
    `${Math.round(Math.max(0, ...longTasks))} ms CPU)`);
  return { status, rows, longTasks };
}

test(`Train runs fine_tune over the progressive schedule on ${BACKEND} and Classify uses the trained head`, async ({ app, page }) => {
  test.setTimeout(300_000);
  const { status, rows, longTasks } = await trainOnTree(app, page, BACKEND, true, SCHEDULE, true);
  expect(Math.max(0, ...longTasks), 'longest main-thread task during training (ms of CPU)').toBeLessThanOrEqual(200);
  // Progressive resizing reached its second stage.
  await expect(status).toHaveAttribute('data-stage', String(LAST.stage + 1));
  await expect(status).toHaveAttribute('data-size', String(LAST.size));
  await expect(status).toHaveAttribute('data-epoch', String(PLAN.perEpoch.length));
  await expect(rows.last()).toHaveAttribute('data-size', String(LAST.size));
  // What the data source actually fed, epoch by epoch (reported by the worker from the batch tensors): batches
  // of 8 at every stage's size, in the schedule's order.
  const fed = await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-input-shapes')));
  console.log(`input shapes fed per epoch: ${fed.join(' | ')}`);
  expect(fed).toEqual(PLAN.perEpoch.map((p) => `8x${p.size}x${p.size}x3`));
  const stageSizes = SCHEDULE.split(',').map((st) => Number(st.split('x')[0]));
  expect([...new Set(fed)]).toEqual(stageSizes.map((size) => `8x${size}x${size}x3`));
  // The three classes of the generated tree are distinct: a correct fine-tune separates them.
  const accuracy = Number(await rows.last().getAttribute('data-valid-accuracy'));
  console.log(`last validation accuracy ${accuracy}`);
  expect(accuracy).toBeGreaterThanOrEqual(0.9);
  await expect(app.model).toHaveAttribute('data-classes', String(TRAIN_CLASSES.length));

  const predictions = await app.classify([join(GENERATED, 'train', TRAIN_ROOT, 'porous', 'porous_01.png')]);
  expect(TRAIN_CLASSES as readonly string[]).toContain(await predictions.first().getAttribute('data-label'));
  await expect(predictions.first().getByText('untrained')).toHaveCount(0);
});

test('on wasm, which has no convolution gradients, training switches the worker to a backend that has them', async ({ app, page }) => {
  test.setTimeout(300_000);
  // The shortest schedule: this test is about where training runs, not how well.
  await trainOnTree(app, page, 'wasm', false, '32x1');
  await expect(app.status).not.toHaveAttribute('data-backend', 'wasm');
  await expect(app.status).toHaveAttribute('title', /wasm cannot compute convolution gradients/);
  const predictions = await app.classify([join(GENERATED, 'train', TRAIN_ROOT, 'tips', 'tips_01.png')]);
  expect(TRAIN_CLASSES as readonly string[]).toContain(await predictions.first().getAttribute('data-label'));
});
