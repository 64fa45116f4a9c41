import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, GENERATED, test } from './fixtures';
import { TRAIN_CLASSES, TRAIN_PER_CLASS, TRAIN_ROOT } from './trainTree';

// One short epoch at 32 px: the network is meant to be weak here, so the baseline's verdict shows.
const QUERY = 'backbone=resnet50-tiny&pretrained=none&schedule=32x1&batch=8&seed=3';

test('Evaluate: the classical baseline runs on the same split, sits beside the network and is in the report', async ({ app, page }) => {
  test.setTimeout(360_000);
  await app.open(QUERY);
  await app.waitReady();
  await app.step('data');
  await page.getByTestId('dataset.folder-input').setInputFiles(join(GENERATED, 'train', TRAIN_ROOT));
  await expect(page.getByTestId('dataset.status')).toHaveAttribute('data-state', 'done', { timeout: 120_000 });
  await expect(page.getByTestId('dataset.total')).toHaveAttribute('data-count', String(TRAIN_CLASSES.length * TRAIN_PER_CLASS));
  await app.step('train');
  await page.getByTestId('train.start').click();
  await expect(page.getByTestId('train.status')).toHaveAttribute('data-state', 'done', { timeout: 300_000 });

  await app.step('evaluate');
  const baseline = page.getByTestId('metrics.baseline');
  await expect(baseline).toBeVisible({ timeout: 60_000 });
  await expect(baseline).toHaveAttribute('data-method', 'lbp-logreg');
  const accuracy = Number(await baseline.getAttribute('data-accuracy'));
  const f1 = Number(await baseline.getAttribute('data-f1'));
  // The three generated kinds differ in texture at a glance: a working LBP baseline separates them.
  expect(accuracy).toBeGreaterThanOrEqual(0.9);
  expect(f1).toBeGreaterThanOrEqual(0.85);
  expect(f1).toBeLessThanOrEqual(1);
  await expect(page.getByRole('table', { name: 'Summary against published results' })).toContainText('baseline: LBP texture + logistic regression');

  // The verdict follows from the two accuracies the page shows.
  const net = Number(await page.getByTestId('metrics.accuracy').getAttribute('data-value'));
  const verdict = await baseline.getAttribute('data-verdict');
  if (net < accuracy) {
    expect(verdict).toBe('worse');
    await expect(page.getByTestId('metrics.baseline-verdict')).toContainText('worse than the classical baseline');
  } else if (verdict === 'better') {
    await expect(page.getByTestId('metrics.baseline-verdict')).toHaveCount(0);
  }

  const download = page.waitForEvent('download');
  await page.getByTestId('metrics.report').click();
  const html = readFileSync((await (await download).path())!, 'utf8');
  expect(html).toContain('baseline: LBP texture + logistic regression');
  expect(html).toContain(`<td>${accuracy.toFixed(4)}</td>`);
});
