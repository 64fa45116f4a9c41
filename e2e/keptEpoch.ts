// Shared by resume.spec.ts (full mode), fastmode.spec.ts and origin.spec.ts: after Stop, the model keeps the
// epoch with the lowest validation loss, and the exported bundle carries that epoch's metrics, not the last
// epoch's. The runs use `?fault=inflate-valid-loss@1` (test builds only): epoch 1 and every later one report a
// validation loss 10 higher, so the lowest is epoch 0 and never the last: keeping the last weights fails.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { unpackBundleZip, type BundleContents } from '../src/shared/bundle/validate';
import { expect, GENERATED, type AppPage } from './fixtures';

/** The `?fault=` entry that makes epoch 0 the lowest-validation-loss epoch of every run. */
export const BEST_IS_FIRST = 'inflate-valid-loss@1';

/** Exports the model in use from the Share step under `name` and reads the bundle back. */
export async function downloadBundle(app: AppPage, page: Page, name: string): Promise<BundleContents> {
  await app.step('share');
  await page.getByLabel('Model name').fill(name);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('model.export').click()]);
  const file = join(GENERATED, `${name.replace(/\W+/g, '-')}.zip`);
  await download.saveAs(file);
  return unpackBundleZip(new Uint8Array(readFileSync(file)));
}

/** Checks the kept epoch in the epoch table, the notice and Evaluate, exports the bundle, and checks its metrics; returns the kept epoch. */
export async function expectKeptLowestLossAndExport(app: AppPage, page: Page, name: string): Promise<number> {
  const rows = page.getByTestId('train.epoch-row');
  const table = await rows.evaluateAll((trs) => trs.map((tr) => ({
    loss: Number(tr.getAttribute('data-valid-loss')), accuracy: Number(tr.getAttribute('data-valid-accuracy')),
  })));
  expect(table.length).toBeGreaterThanOrEqual(2);
  const losses = table.map((r) => r.loss);
  const best = losses.indexOf(Math.min(...losses));
  console.log(`stopped after ${losses.length} epochs, valid_loss ${losses.join(', ')}, accuracy ${table.map((r) => r.accuracy).join(', ')}: kept epoch ${best}`);
  // The fault makes the lowest loss the first epoch: a Stop that kept the last weights cannot pass.
  expect(best).toBe(0);
  await expect(page.getByTestId('train.notice').filter({ hasText: `kept the weights of epoch ${best + 1} (counted from 1), the lowest valid_loss` })).toBeVisible();
  await expect(rows.nth(best).getByText('kept', { exact: true })).toBeVisible();
  await expect(rows.nth(best).locator('td').first()).toHaveText(String(best + 1));
  await expect(page.getByTestId('train.kept-tag')).toHaveCount(1);
  await expect(page.getByTestId('train.status')).toContainText(`kept the weights of epoch ${best + 1}, the lowest valid_loss`);
  const run = page.getByTestId('train.run-row').first();
  await expect(run).toHaveAttribute('data-kept-epoch', String(best + 1));
  await expect(run).toHaveAttribute('data-kept-accuracy', table[best].accuracy.toFixed(4));
  await expect(run).toHaveAttribute('data-status', 'stopped');

  // Evaluate predicts the validation images with the weights the model holds: the kept epoch's (one image of slack
  // for float rounding between fit's validation and the evaluation's batches).
  await app.step('evaluate');
  const evaluated = Number(await page.getByTestId('metrics.accuracy').getAttribute('data-value'));
  const validImages = Number(await page.getByTestId('metrics.class-row').evaluateAll((trs) => trs.reduce((n, tr) => n + Number(tr.getAttribute('data-support')), 0)));
  console.log(`Evaluate: accuracy ${evaluated} on ${validImages} images (kept epoch ${table[best].accuracy}, last ${table[table.length - 1].accuracy})`);
  expect(Math.abs(evaluated - table[best].accuracy)).toBeLessThanOrEqual(1 / validImages + 1e-6);

  const { bundle, card } = await downloadBundle(app, page, name);
  console.log(`bundle: kept epoch ${bundle.training?.keptEpoch}, metrics ${JSON.stringify(bundle.metrics)}`);
  expect(bundle.training?.stopped).toBe(true);
  expect(bundle.training?.keptEpoch).toBe(best);
  expect(bundle.training?.epochs).toHaveLength(table.length);
  expect(Math.abs((bundle.metrics?.validAccuracy ?? Number.NaN) - table[best].accuracy)).toBeLessThanOrEqual(5e-5);
  expect(card).toContain(`Weights kept from epoch ${best + 1} (stopped early: the lowest valid_loss)`);
  expect(card).toContain(`Last epoch (${table.length})`);
  return best;
}
