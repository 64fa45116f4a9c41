// Shared by resume.spec.ts (full mode) and fastmode.spec.ts: after Stop, the model keeps the epoch with the
// lowest validation loss, and the exported bundle carries that epoch's metrics, not the last epoch's.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { unpackBundleZip } from '../src/shared/bundle/validate';
import { expect, GENERATED, type AppPage } from './fixtures';

/** Checks the kept epoch in the epoch table and the notice, exports the bundle, and checks its metrics; returns the kept epoch. */
export async function expectKeptLowestLossAndExport(app: AppPage, page: Page, name: string): Promise<number> {
  const rows = page.getByTestId('train.epoch-row');
  const table = await rows.evaluateAll((trs) => trs.map((tr) => ({
    loss: Number(tr.getAttribute('data-valid-loss')), accuracy: Number(tr.getAttribute('data-valid-accuracy')),
  })));
  expect(table.length).toBeGreaterThanOrEqual(2);
  const losses = table.map((r) => r.loss);
  const best = losses.indexOf(Math.min(...losses));
  console.log(`stopped after ${losses.length} epochs, valid_loss ${losses.join(', ')}: kept epoch ${best}`);
  await expect(page.getByTestId('train.notice').filter({ hasText: `kept the weights of epoch ${best + 1} (counted from 1), the lowest valid_loss` })).toBeVisible();
  await expect(rows.nth(best).getByText('kept', { exact: true })).toBeVisible();
  await expect(rows.nth(best).locator('td').first()).toHaveText(String(best + 1));
  await expect(page.getByTestId('train.kept-tag')).toHaveCount(1);
  await expect(page.getByTestId('train.run-row').first()).toHaveAttribute('data-kept-epoch', String(best + 1));
  await expect(page.getByTestId('train.run-row').first()).toHaveAttribute('data-status', 'stopped');

  await app.step('share');
  await page.getByLabel('Model name').fill(name);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('model.export').click()]);
  const file = join(GENERATED, `${name.replace(/\W+/g, '-')}.zip`);
  await download.saveAs(file);
  const { bundle, card } = unpackBundleZip(new Uint8Array(readFileSync(file)));
  console.log(`bundle: kept epoch ${bundle.training?.keptEpoch}, metrics ${JSON.stringify(bundle.metrics)}`);
  expect(bundle.training?.stopped).toBe(true);
  expect(bundle.training?.keptEpoch).toBe(best);
  expect(bundle.training?.epochs).toHaveLength(table.length);
  expect(Math.abs((bundle.metrics?.validAccuracy ?? Number.NaN) - table[best].accuracy)).toBeLessThanOrEqual(5e-5);
  if (best !== table.length - 1) expect(card).toContain(`Weights kept from epoch ${best + 1} (lowest validation loss)`);
  return best;
}
