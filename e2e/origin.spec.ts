// A model knows where it came from (issue 13 point 4): viewing an older run changes what the Train step
// shows, never the model in use, Evaluate, or what Share exports; "Use its model" is what switches models.
// wasm + fast mode + resnet50-tiny: seconds per run.
import type { Locator } from '@playwright/test';
import { expect, test } from './fixtures';
import { downloadBundle } from './keptEpoch';

const QUERY = 'backbone=resnet50-tiny&backend=wasm&schedule=32x2&batch=8&seed=1&mode=fast';

test('viewing run A after training run B exports B (the model in use); "Use its model" then exports A', async ({ app, page }) => {
  test.setTimeout(300_000);
  await app.openWithTrainTree(QUERY);
  const status = page.getByTestId('train.status');
  const epochRows = page.getByTestId('train.epoch-row');
  const losses = () => epochRows.evaluateAll((trs) => trs.map((tr) => Number(tr.getAttribute('data-valid-loss'))));
  const runRow = (id: string): Locator => page.locator(`[data-testid="train.run-row"][data-run="${id}"]`);
  const train = async (): Promise<string> => {
    await page.getByTestId('train.start').click();
    await expect(status).toHaveAttribute('data-state', 'done', { timeout: 240_000 });
    const id = (await page.getByTestId('train.epochs').getAttribute('data-run'))!;
    // kept in the project automatically: "Use its model" can load it later
    await expect(runRow(id)).toHaveAttribute('data-kept-model', 'true', { timeout: 60_000 });
    return id;
  };

  const a = await train(); // run A: 2 epochs
  const lossesA = await losses();
  expect(lossesA).toHaveLength(2);
  await page.getByTestId('train.advanced').locator('summary').click();
  await page.getByLabel('schedule').fill('32x3');
  const b = await train(); // run B: 3 epochs, the model in use
  const lossesB = await losses();
  expect(lossesB).toHaveLength(3);
  expect(b).not.toBe(a);
  await expect(runRow(b).getByTestId('train.run-in-use')).toBeVisible();
  await app.step('evaluate');
  const accuracyB = await page.getByTestId('metrics.accuracy').getAttribute('data-value');

  // View run A: the table shows A's epochs, nothing else changes.
  await app.step('train');
  await runRow(a).getByTestId('train.run-view').click();
  await expect(page.getByTestId('train.epochs')).toHaveAttribute('data-viewed', 'true');
  await expect(epochRows).toHaveCount(2);
  expect(await losses()).toEqual(lossesA);
  await expect(runRow(b).getByTestId('train.run-in-use')).toBeVisible();
  await expect(status).toContainText('kept the weights of epoch 3, the last');

  const viewed = await downloadBundle(app, page, 'e2e viewed A');
  await expect(page.getByTestId('share.origin')).toHaveAttribute('data-run', b);
  await expect(page.getByTestId('share.origin')).toContainText('weights of epoch 3');
  const t = viewed.bundle.training!;
  console.log(`bundle after viewing A: run ${t.runId}, ${t.epochs.length} epochs, kept ${t.keptEpoch}, schedule ${t.recipe.schedule}`);
  expect(t.runId).toBe(b);
  expect(t.epochs.map((e) => e.validLoss!.toFixed(6))).toEqual(lossesB.map((l) => l.toFixed(6)));
  expect(t.keptEpoch).toBe(2); // a completed run keeps its last epoch
  expect(t.stopped).toBe(false);
  expect(t.recipe.schedule).toBe('32x3');
  expect(viewed.card).toContain('Ran 3 epochs: 3 at 32 px');
  expect(viewed.card).toContain('Weights kept from epoch 3 (the run completed');
  await app.step('evaluate');
  await expect(page.getByTestId('metrics.accuracy')).toHaveAttribute('data-value', accuracyB!);

  // "Use its model" on A: A's kept model is the one in use now, and Share exports A.
  await app.step('train');
  await runRow(a).getByTestId('train.run-load').click();
  await expect(runRow(a).getByTestId('train.run-in-use')).toBeVisible({ timeout: 60_000 });
  await expect(app.model).toHaveAttribute('data-backbone', /^bundle: Run /);
  const used = await downloadBundle(app, page, 'e2e used A');
  await expect(page.getByTestId('share.origin')).toHaveAttribute('data-kind', 'bundle');
  expect(used.bundle.training?.runId).toBe(a);
  expect(used.bundle.training?.epochs.map((e) => e.validLoss!.toFixed(6))).toEqual(lossesA.map((l) => l.toFixed(6)));
});
