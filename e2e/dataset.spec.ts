import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXPECTED_CLASSES, EXPECTED_ISSUES, HTML_NAME, RESHOTS, ROOT_NAME } from './datasetTree';
import { expect, GENERATED, test } from './fixtures';

const TREE = join(GENERATED, 'dataset', ROOT_NAME);
const TOTAL = Object.values(EXPECTED_CLASSES).reduce((a, b) => a + b, 0);

test('imports a lab folder tree, lists every unusable file, keeps it across reloads, and edits it without re-importing', async ({ app, page }) => {
  await app.open('backbone=resnet50-tiny&backend=wasm&seed=42');
  await app.step('data');
  const status = page.getByTestId('dataset.status');
  await expect(status).toHaveAttribute('data-state', 'idle');

  const t0 = Date.now();
  await page.getByTestId('dataset.folder-input').setInputFiles(TREE);
  await expect(status).toHaveAttribute('data-state', 'done', { timeout: 120_000 });
  const seconds = (Date.now() - t0) / 1000;
  const files = Number(await status.getAttribute('data-total'));
  console.log(`dataset import: ${files} files in ${seconds.toFixed(1)} s (${(files / seconds).toFixed(1)} files/s)`);
  // Every image-named file went through the decoders (usable + unusable + the duplicate).
  expect(files).toBe(TOTAL + 5);
  await expect(status).toHaveAttribute('data-done', String(files));

  const expectRows = async (): Promise<Record<string, string>> => {
    await expect(page.getByTestId('dataset.total')).toHaveAttribute('data-count', String(TOTAL));
    // Independent groups: the re-shots of class B join their originals; every other frame stands alone.
    await expect(page.getByTestId('dataset.groups')).toHaveAttribute('data-count', String(TOTAL - RESHOTS));
    await expect(page.locator('#step-data')).not.toContainText('(s)');
    const rows = page.getByTestId('dataset.class-row');
    await expect(rows).toHaveCount(3);
    const valids: Record<string, string> = {};
    for (const [label, count] of Object.entries(EXPECTED_CLASSES)) {
      const row = page.locator(`[data-testid="dataset.class-row"][data-class="${label}"]`);
      await expect(row).toHaveAttribute('data-count', String(count));
      const train = Number(await row.getAttribute('data-train'));
      const valid = Number(await row.getAttribute('data-valid'));
      expect(train + valid).toBe(count);
      if (count === 1) expect(valid).toBe(0);
      else expect(valid / count).toBeGreaterThan(0.1);
      if (count > 1) expect(valid / count).toBeLessThan(0.3);
      valids[label] = String(valid);
    }
    const issues = page.getByTestId('dataset.issue-row');
    await expect(issues).toHaveCount(Object.keys(EXPECTED_ISSUES).length);
    for (const [file, reason] of Object.entries(EXPECTED_ISSUES)) {
      const row = page.locator(`[data-testid="dataset.issue-row"][data-file="${file}"]`);
      await expect(row).toHaveCount(1);
      expect(await row.getAttribute('data-reason')).toMatch(reason);
    }
    return valids;
  };
  const before = await expectRows();
  await expect(page.getByLabel('Split seed')).toHaveValue('42');

  // Half of class A carries a data bar, class B none: the bar share is measured and the user warned.
  const barShare = Number(await page.locator('[data-testid="dataset.class-row"][data-class="classA"]').getAttribute('data-bar-share'));
  expect(barShare).toBeGreaterThan(0.4);
  expect(barShare).toBeLessThan(0.6);
  await expect(page.getByText(/Data bars differ between classes/)).toBeVisible();
  // Names are text, never markup.
  await expect(page.locator('#step-data b')).toHaveCount(0);
  await page.locator('[data-testid="dataset.filter-class"][data-class="classB"]').click();
  const shown = page.getByTestId('dataset.image');
  await expect(shown.filter({ has: page.locator('xpath=self::*[@data-class="classB"]') }).first()).toBeVisible();
  expect(await shown.evaluateAll((cells) => cells.every((c) => c.getAttribute('data-class') === 'classB'))).toBe(true);
  expect(await shown.evaluateAll((cells, name) => cells.filter((c) => c.getAttribute('data-file') === name).length, `classB/${HTML_NAME}`)).toBe(1);

  await page.reload();
  await app.step('data');
  await expect(status).toHaveAttribute('data-state', 'done');
  expect(await expectRows()).toEqual(before);

  // Each test gets a fresh browser profile, so class edits are checked here, on the imported dataset.
  const total = page.getByTestId('dataset.total');
  const rowOf = (label: string) => page.locator(`[data-testid="dataset.class-row"][data-class="${label}"]`);

  // Merge class C into class B.
  await page.getByRole('button', { name: 'Rename or merge classC' }).click();
  await page.getByLabel('New name for classC (an existing name merges)').fill('classB');
  await page.getByRole('button', { name: 'OK' }).click();
  await expect(rowOf('classC')).toHaveCount(0);
  await expect(rowOf('classB')).toHaveAttribute('data-count', String(EXPECTED_CLASSES.classB + 1));

  // Exclude class A: it stays listed but leaves the total and the split.
  await page.getByLabel('Use class classA').uncheck();
  await expect(rowOf('classA')).toHaveAttribute('data-excluded', 'true');
  await expect(rowOf('classA')).toHaveAttribute('data-valid', '0');
  await expect(total).toHaveAttribute('data-count', String(TOTAL - EXPECTED_CLASSES.classA));
  await expect(page.getByTestId('dataset.groups')).toHaveAttribute('data-count', String(TOTAL - EXPECTED_CLASSES.classA - RESHOTS));
  await page.getByLabel('Use class classA').check();

  // The data-bar crop is a stored setting, switched without re-decoding.
  const crop = page.getByLabel('crop them off');
  await expect(crop).toBeChecked();
  await crop.uncheck();
  await expect(page.getByText('cropping is off')).toBeVisible();

  // Seeds: the same seed gives the same split, and it survives a reload.
  await page.getByLabel('Split seed').fill('7');
  await page.getByRole('button', { name: 'Apply seed' }).click();
  await expect(page.getByLabel('Split seed')).toHaveValue('7');
  // Without ?seed= in the URL the stored seed is used (with it, the URL wins, as the first load showed).
  await app.open('backbone=resnet50-tiny&backend=wasm');
  await app.step('data');
  await expect(page.getByLabel('Split seed')).toHaveValue('7');
  await expect(page.getByLabel('crop them off')).not.toBeChecked();
  await expect(rowOf('classB')).toHaveAttribute('data-count', String(EXPECTED_CLASSES.classB + 1));

  await page.getByRole('button', { name: 'Delete dataset…' }).click();
  await page.getByRole('alertdialog', { name: 'Confirm deletion' }).getByRole('button', { name: 'Delete', exact: true }).click();
  await expect(page.getByTestId('dataset.class-row')).toHaveCount(0);
  await expect(page.getByTestId('dataset.status')).toHaveAttribute('data-state', 'idle');
  await page.reload();
  await expect(page.getByTestId('dataset.status')).toHaveAttribute('data-state', 'idle');
  await expect(page.getByTestId('dataset.class-row')).toHaveCount(0);
});

test('Cancel stops an import and keeps what was done', async ({ app, page }) => {
  await app.open('backbone=resnet50-tiny&backend=wasm');
  await app.step('data');
  const status = page.getByTestId('dataset.status');
  await page.getByTestId('dataset.folder-input').setInputFiles(TREE);
  await expect(status).toHaveAttribute('data-state', 'importing');
  await expect(status).toContainText('images/s');
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(status).toHaveAttribute('data-state', 'done');
  await expect(status).toContainText('Import cancelled');
  const done = Number(await status.getAttribute('data-done'));
  expect(done).toBeLessThan(Number(await status.getAttribute('data-total')));
  const kept = Number(await page.getByTestId('dataset.total').getAttribute('data-count'));
  expect(kept).toBeGreaterThan(0);
  expect(kept).toBeLessThanOrEqual(done);

  await page.reload();
  await expect(page.getByTestId('dataset.total')).toHaveAttribute('data-count', String(kept));
  await expect(status).toContainText('Import cancelled');
});

test('a reload in the middle of an import keeps the images stored so far and says the import was interrupted', async ({ app, page }) => {
  await app.open('backbone=resnet50-tiny&backend=wasm');
  await app.step('data');
  const status = page.getByTestId('dataset.status');
  await page.getByTestId('dataset.folder-input').setInputFiles(TREE);
  await expect(status).toHaveAttribute('data-state', 'importing');
  // Images are stored in batches of 32 (one transaction each): wait for the first one, then reload.
  await expect.poll(async () => Number(await status.getAttribute('data-done')), { timeout: 60_000 }).toBeGreaterThanOrEqual(33);
  const total = Number(await status.getAttribute('data-total'));
  await page.reload();
  await app.step('data');
  await expect(page.getByTestId('dataset.stop-reason')).toContainText('The last import was interrupted');
  const kept = Number(await page.getByTestId('dataset.total').getAttribute('data-count'));
  expect(kept).toBeGreaterThanOrEqual(32);
  expect(kept).toBeLessThan(total);
  // What was kept is a consistent dataset: it survives another reload unchanged.
  await page.reload();
  await expect(page.getByTestId('dataset.total')).toHaveAttribute('data-count', String(kept));
});

// Served from a sub-path without isolation headers (as on GitHub Pages): the decode workers still load.
const SUBPATH = `http://localhost:${Number(process.env.E2E_PORT ?? 4173) + 1}/some/path/`;

test('loose files dropped anywhere on the Data step are imported, unlabelled, also from a sub-path', async ({ app, page }) => {
  await app.open('backbone=resnet50-tiny&backend=wasm', SUBPATH);
  await app.step('data');
  const names = ['particles_0.png', 'nanowires_0.png', 'porous_0.png'];
  const files = names.map((n) => ({ name: n, b64: readFileSync(join(GENERATED, 'images', n)).toString('base64') }));
  // A synthetic drop: DataTransfer items made in the page have no file-system entry, only getAsFile().
  await page.evaluate((list) => {
    const dt = new DataTransfer();
    for (const f of list) dt.items.add(new File([Uint8Array.from(atob(f.b64), (c) => c.charCodeAt(0))], f.name, { type: 'image/png' }));
    document.querySelector('main')!.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, files);
  await expect(page.getByTestId('dataset.status')).toHaveAttribute('data-state', 'done');
  await expect(page.getByTestId('dataset.total')).toHaveAttribute('data-count', '3');
  await expect(page.getByTestId('dataset.class-row')).toHaveCount(0);
  await expect(page.getByTestId('dataset.issue-row')).toHaveCount(0);
});
