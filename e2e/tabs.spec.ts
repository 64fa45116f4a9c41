import { join } from 'node:path';
import { AppPage, expect, GENERATED, test } from './fixtures';
import { TRAIN_CLASSES, TRAIN_PER_CLASS, TRAIN_ROOT } from './trainTree';

const TREE = join(GENERATED, 'train', TRAIN_ROOT);
const BUSY = /This dataset is in use/;

// Two tabs of one origin share IndexedDB: while one trains on the dataset, the other can neither train on
// it nor import over it (Web Locks), and says why.
test('a second tab cannot train on or import over a dataset the first tab is training on', async ({ app, page, context }) => {
  test.setTimeout(300_000);
  await app.open('backbone=resnet50-tiny&backend=webgl&mode=full&schedule=32x4&batch=8&seed=1');
  await app.waitReady();
  await app.step('data');
  await page.getByTestId('dataset.folder-input').setInputFiles(TREE);
  await expect(page.getByTestId('dataset.status')).toHaveAttribute('data-state', 'done', { timeout: 120_000 });
  await app.step('train');
  const status = page.getByTestId('train.status');
  await page.getByTestId('train.start').click();
  await expect(status).toHaveAttribute('data-state', 'running');

  const second = new AppPage(await context.newPage());
  const errors: string[] = [];
  second.page.on('pageerror', (e) => errors.push(e.message));
  await second.open('backbone=resnet50-tiny&backend=wasm&mode=full');
  await second.waitReady();
  // The stored dataset is there in the second tab too.
  await second.step('data');
  await expect(second.page.getByTestId('dataset.total')).toHaveAttribute('data-count', String(TRAIN_CLASSES.length * TRAIN_PER_CLASS));
  await second.step('train');
  await second.page.getByTestId('train.start').click();
  await expect(second.page.getByTestId('train.status')).toHaveAttribute('data-state', 'error');
  await expect(second.page.locator('#step-train').getByText(BUSY)).toBeVisible();
  await second.step('data');
  await second.page.getByTestId('dataset.folder-input').setInputFiles(TREE);
  await expect(second.page.getByTestId('dataset.status')).toHaveAttribute('data-state', 'error');
  await expect(second.page.locator('#step-data').getByText(BUSY)).toBeVisible();

  // The first tab's run was not disturbed, and once it ends the dataset is free again.
  await expect(status).toHaveAttribute('data-state', /running|done/);
  await page.getByTestId('train.stop').click();
  await expect(status).toHaveAttribute('data-state', 'done', { timeout: 240_000 });
  await second.step('train');
  await second.page.getByTestId('train.start').click();
  await expect(second.page.getByTestId('train.status')).toHaveAttribute('data-state', 'running');
  await second.page.getByTestId('train.stop').click();
  expect(errors).toEqual([]);
});
