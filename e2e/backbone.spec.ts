import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, GENERATED, test } from './fixtures';

const DIR = join(GENERATED, 'tiny-backbone');

test('a converted backbone given as files loads, with its parameter count', async ({ app, page }) => {
  await app.open('backend=wasm&backbone=resnet50-tiny');
  await app.waitReady();
  const randomParams = Number(await app.model.getAttribute('data-params'));

  await app.step('train');
  await page.getByTestId('model.backbone-input').setInputFiles([join(DIR, 'model.json'), join(DIR, 'group1-shard1of1.bin')]);
  await expect(app.model).toHaveAttribute('data-state', 'ready');
  await expect(app.model).toHaveAttribute('data-pretrained', 'true');
  await expect(app.model).toHaveAttribute('data-backbone', /model\.json/);
  // Same architecture as the built-in tiny network, so the same count.
  await expect(app.model).toHaveAttribute('data-params', String(randomParams));
  await expect(page.locator('#step-train').getByText('converted weights from model.json')).toBeVisible();

  const rows = await app.classify([join(GENERATED, 'images', 'porous_0.png')]);
  await expect(rows.first()).toHaveAttribute('data-label', /.+/);
});

test('a backbone whose shard does not match its manifest is refused with a clear message', async ({ app, page }) => {
  await app.open('backend=wasm&backbone=resnet50-tiny');
  await app.waitReady();
  await app.step('train');
  const json = readFileSync(join(DIR, 'model.json'));
  await page.getByTestId('model.backbone-input').setInputFiles([
    { name: 'model.json', mimeType: 'application/json', buffer: json },
    { name: 'group1-shard1of1.bin', mimeType: 'application/octet-stream', buffer: readFileSync(join(DIR, 'broken', 'group1-shard1of1.bin')) },
  ]);
  await expect(app.model).toHaveAttribute('data-state', 'error');
  await expect(page.getByRole('alert')).toContainText(/bytes/);
});

test('?backbone= takes the URL of a converted model.json', async ({ app }) => {
  await app.open('backend=wasm&backbone=fixtures/tiny-backbone/model.json');
  await app.waitReady();
  await expect(app.model).toHaveAttribute('data-backbone', 'fixtures/tiny-backbone/model.json');
  await expect(app.model).toHaveAttribute('data-pretrained', 'true');
  await expect(app.model).toHaveAttribute('data-classes', '10');
});

test('a ?backbone= URL that is not a model says so and the app stays usable', async ({ app, page }) => {
  await app.open('backend=wasm&backbone=fixtures/images/particles_0.png');
  await expect(app.status).toHaveAttribute('data-ready', 'true', { timeout: 150_000 });
  await expect(app.model).toHaveAttribute('data-state', 'error');
  await app.step('train');
  await page.getByLabel('Built-in backbone').selectOption('resnet50-tiny');
  await expect(app.model).toHaveAttribute('data-state', 'ready');
});
