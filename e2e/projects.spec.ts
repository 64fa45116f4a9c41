// Projects: the dataset, its runs and saved models grouped under a name; a second project starts empty;
// a whole project goes to another browser as one file and comes back with the same split, runs and model
// (predictions equal to 1e-5); deleting asks first and says what it frees.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { AppPage, expect, expectSameProbs, GENERATED, readProbs, test, type Probs } from './fixtures';
import { TRAIN_CLASSES, TRAIN_PER_CLASS, TRAIN_ROOT } from './trainTree';

test.describe.configure({ mode: 'serial' });

// Fast mode on wasm: seconds here, and its runs are listed like full ones.
const QUERY = 'backbone=resnet50-tiny&backend=wasm&mode=fast&schedule=32x1&batch=8&seed=1';
const DIR = join(GENERATED, 'projects');
const FILE = join(DIR, 'study-a.semproject.zip');
const IMAGES = [
  join(GENERATED, 'train', TRAIN_ROOT, 'films', 'films_01.png'),
  join(GENERATED, 'train', TRAIN_ROOT, 'porous', 'porous_03.png'),
  join(GENERATED, 'images', 'particles_0.png'),
];
const TOTAL = TRAIN_CLASSES.length * TRAIN_PER_CLASS;

// What the first browser saw, checked again after the file is imported elsewhere.
let reference: Probs = {};
let classRows: string[] = [];

async function classRowsOf(page: Page): Promise<string[]> {
  return page.getByTestId('dataset.class-row').evaluateAll((rows) =>
    rows.map((r) => ['data-class', 'data-count', 'data-train', 'data-valid'].map((a) => r.getAttribute(a)).join(' ')));
}

async function openProjects(page: Page): Promise<Locator> {
  await page.getByTestId('project.current').click();
  const dialog = page.getByTestId('project.dialog');
  await expect(dialog).toBeVisible();
  return dialog;
}

function row(page: Page, name: string): Locator {
  return page.getByTestId('project.row').and(page.locator(`[data-name="${name}"]`));
}

test('a project keeps dataset, runs and saved models; a new one starts empty; export, then delete with a confirmation', async ({ app, page }) => {
  test.setTimeout(420_000);
  await app.open(QUERY);
  await app.waitReady();
  // A fresh browser has one project.
  await expect(page.getByTestId('project.current')).toHaveAttribute('data-name', 'My project');

  // Rename it from the Projects dialog (keyboard: Enter saves).
  let dialog = await openProjects(page);
  await expect(page.getByTestId('project.row')).toHaveCount(1);
  await dialog.getByTestId('project.rename').click();
  await dialog.getByTestId('project.name-input').fill('Study A');
  await dialog.getByTestId('project.name-input').press('Enter');
  await expect(page.getByTestId('project.current')).toHaveAttribute('data-name', 'Study A');
  await dialog.getByTestId('project.close').click();

  await app.openWithTrainTree(QUERY);
  classRows = await classRowsOf(page);
  expect(classRows).toHaveLength(TRAIN_CLASSES.length);
  await page.getByTestId('train.start').click();
  await expect(page.getByTestId('train.status')).toHaveAttribute('data-state', 'done', { timeout: 240_000 });
  await expect(page.getByTestId('train.run-row')).toHaveCount(1);

  // Save the classifier in the project, and note its predictions.
  await app.step('share');
  // The run's model is already kept in the project by itself; saving it by name replaces that copy.
  await expect(page.getByTestId('project.kept-row')).toHaveCount(1, { timeout: 60_000 });
  await page.getByLabel('Model name').fill('model A');
  await page.getByTestId('model.save-project').click();
  await expect(page.getByTestId('project.model-saved')).toContainText('Saved "model A" in this project');
  await expect(page.getByTestId('project.model-row')).toHaveAttribute('data-name', 'model A');
  await expect(page.getByTestId('project.model-row')).toHaveAttribute('data-classes', String(TRAIN_CLASSES.length));
  await expect(page.getByTestId('project.kept-row')).toHaveCount(0);
  reference = await readProbs(await app.classify(IMAGES));
  expect(Object.keys(reference)).toHaveLength(IMAGES.length);

  // The list says what the project holds, and exports it as one file.
  dialog = await openProjects(page);
  const a = row(page, 'Study A');
  await expect(a).toHaveAttribute('data-images', String(TOTAL));
  await expect(a).toHaveAttribute('data-runs', '1');
  await expect(a).toHaveAttribute('data-models', '1');
  expect(Number(await a.getAttribute('data-bytes'))).toBeGreaterThan(100_000);
  const [download] = await Promise.all([page.waitForEvent('download'), a.getByTestId('project.export').click()]);
  expect(download.suggestedFilename()).toBe('Study-A.semproject.zip');
  mkdirSync(DIR, { recursive: true });
  await download.saveAs(FILE);
  await expect(dialog.getByTestId('project.notice')).toContainText('Saved Study-A.semproject.zip');

  // A second project: the page reopens on it, empty, with its own (empty) runs and models.
  await dialog.getByTestId('project.new-name').fill('Empty B');
  await dialog.getByTestId('project.new').click();
  await app.waitReady();
  await expect(page.getByTestId('project.current')).toHaveAttribute('data-name', 'Empty B');
  await expect(page.getByTestId('dataset.total')).toHaveCount(0);
  await app.step('train');
  await expect(page.getByTestId('train.run-row')).toHaveCount(0);
  await app.step('share');
  await expect(page.getByTestId('project.models-empty')).toBeVisible();

  // Back to Study A: all there after the reload.
  dialog = await openProjects(page);
  await expect(page.getByTestId('project.row')).toHaveCount(2);
  await row(page, 'Study A').getByTestId('project.open').click();
  await app.waitReady();
  await expect(page.getByTestId('project.current')).toHaveAttribute('data-name', 'Study A');
  await expect(page.getByTestId('dataset.total')).toHaveAttribute('data-count', String(TOTAL));
  expect(await classRowsOf(page)).toEqual(classRows);

  // Delete it: a confirmation first (Cancel keeps it), then it is gone and Empty B opens.
  dialog = await openProjects(page);
  await row(page, 'Study A').getByTestId('project.delete').click();
  const confirm = page.getByTestId('project.delete-dialog');
  await expect(confirm).toContainText(`Its dataset (${TOTAL} images), 1 training run and 1 saved model`);
  await expect(confirm).toContainText('This is the open project');
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await expect(row(page, 'Study A')).toHaveCount(1);
  await row(page, 'Study A').getByTestId('project.delete').click();
  await page.getByTestId('project.delete-dialog-confirm').click();
  await app.waitReady();
  await expect(page.getByTestId('project.current')).toHaveAttribute('data-name', 'Empty B');
  await openProjects(page);
  await expect(page.getByTestId('project.row')).toHaveCount(1);
});

test('the project file, dropped in another browser, opens there: same split, runs and model; a damaged file is refused', async ({ browser }) => {
  test.setTimeout(300_000);
  expect(Object.keys(reference), 'needs the first test').toHaveLength(IMAGES.length);
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const app = new AppPage(page);
  await app.open(QUERY);
  await app.waitReady();

  const dialog = await openProjects(page);
  const input = page.getByTestId('project.import-input');
  await input.setInputFiles({ name: 'broken.semproject.zip', mimeType: 'application/zip', buffer: Buffer.from('PK\u0003\u0004 not a zip') });
  await expect(dialog.getByTestId('project.error')).toContainText('"broken.semproject.zip" could not be imported: This file is not a readable zip');
  await expect(page.getByTestId('project.row')).toHaveCount(1);

  // The real file by drag and drop on the dialog's drop zone (a synthetic drop: the file made in the page).
  await page.evaluate(({ name, b64 }) => {
    const dt = new DataTransfer();
    dt.items.add(new File([Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))], name, { type: 'application/zip' }));
    document.querySelector('[data-testid="project.dialog"] .dropzone')!.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, { name: 'study-a.semproject.zip', b64: readFileSync(FILE).toString('base64') });
  await expect(dialog.getByTestId('project.notice')).toContainText(`Imported "Study A": ${TOTAL} images, 1 run, 1 model`, { timeout: 120_000 });
  const a = row(page, 'Study A');
  await expect(a).toHaveAttribute('data-runs', '1');
  await expect(a).toHaveAttribute('data-models', '1');
  await a.getByTestId('project.open').click();
  await app.waitReady();
  await expect(page.getByTestId('project.current')).toHaveAttribute('data-name', 'Study A');
  await expect(page.getByTestId('dataset.total')).toHaveAttribute('data-count', String(TOTAL));
  expect(await classRowsOf(page)).toEqual(classRows);
  await app.step('train');
  await expect(page.getByTestId('train.run-row')).toHaveCount(1);
  await expect(page.getByTestId('train.run-row')).toHaveAttribute('data-status', 'done');

  await app.step('share');
  await page.getByTestId('project.model-load').click();
  await expect(page.getByTestId('share.status')).toHaveAttribute('data-bundle', 'model A', { timeout: 60_000 });
  expectSameProbs(await readProbs(await app.classify(IMAGES)), reference);
  await context.close();
  expect(errors, 'uncaught errors in the page').toEqual([]);
});

test('a project file larger than the space left is refused before anything is written, with how much is needed', async ({ app, page }) => {
  // A browser that lets the app store only 1 MB more.
  await page.addInitScript(() => {
    Object.defineProperty(navigator.storage, 'estimate', { value: async () => ({ usage: 1_000_000, quota: 2_000_000 }) });
  });
  await app.open(QUERY);
  await app.waitReady();
  const dialog = await openProjects(page);
  await page.getByTestId('project.import-input').setInputFiles(FILE);
  await expect(dialog.getByTestId('project.error')).toContainText(/needs about [\d.]+ MB and this browser lets the app store only 1\.0 MB more/);
  await expect(page.getByTestId('project.row')).toHaveCount(1);
});

test('a project import cut off by a closed tab is removed at the next start, and the user is told', async ({ app, page }) => {
  await app.open(QUERY);
  await app.waitReady();
  // What a tab closed in the middle of an import leaves: a project still marked as importing, with an image.
  await page.evaluate(() => new Promise<void>((resolve, reject) => {
    const req = indexedDB.open('sem-classifier');
    req.onsuccess = () => {
      const tx = req.result.transaction(['projects', 'images', 'entries'], 'readwrite');
      tx.objectStore('projects').put({ id: 'p-half', name: 'Half imported', createdAt: 1, updatedAt: 1, importing: true });
      tx.objectStore('images').put({ bytes: new Blob([new Uint8Array(10)]), thumb: new Blob([new Uint8Array(2)]), width: 1, height: 1 }, 'f'.repeat(64));
      tx.objectStore('entries').put({ dataset: 'p-half', path: 'half/a/1.png', hash: 'f'.repeat(64), label: 'a' });
      tx.oncomplete = () => { req.result.close(); resolve(); };
      tx.onerror = () => reject(tx.error);
    };
    req.onerror = () => reject(req.error);
  }));
  await page.reload();
  await app.waitReady();
  const dialog = await openProjects(page);
  await expect(dialog.getByTestId('project.notice')).toContainText('A project import was interrupted');
  await expect(dialog.getByTestId('project.notice')).toContainText('Half imported');
  await expect(row(page, 'Half imported')).toHaveCount(0);
  // its image went with it
  expect(await page.evaluate(() => new Promise((resolve) => {
    const req = indexedDB.open('sem-classifier');
    req.onsuccess = () => {
      const get = req.result.transaction('images').objectStore('images').count('f'.repeat(64));
      get.onsuccess = () => { req.result.close(); resolve(get.result); };
    };
  }))).toBe(0);
});

test('leaving a project with a model trained here and saved nowhere asks first', async ({ app, page }) => {
  test.setTimeout(240_000);
  // A run's model is kept in the project by itself; here storage refuses that copy, so it is saved nowhere.
  await app.openWithTrainTree(`${QUERY}&fault=keep-model`);
  await page.getByTestId('train.start').click();
  await expect(page.getByTestId('train.status')).toHaveAttribute('data-state', 'done', { timeout: 180_000 });
  await expect(page.getByTestId('train.kept-model')).toHaveAttribute('data-state', 'error', { timeout: 60_000 });
  await expect(page.getByTestId('train.kept-model')).toContainText('Storage refused the copy');
  const dialog = await openProjects(page);
  await dialog.getByTestId('project.new-name').fill('Next');
  await dialog.getByTestId('project.new').click();
  const ask = page.getByTestId('project.switch-dialog');
  await expect(ask).toContainText('The model trained in this tab is not saved');
  await ask.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByTestId('project.row')).toHaveCount(1);
  await dialog.getByTestId('project.close').click();

  // Saved in the project: leaving no longer asks.
  await app.step('share');
  await page.getByTestId('model.save-project').click();
  await expect(page.getByTestId('project.model-row')).toHaveCount(1);
  await openProjects(page);
  await dialog.getByTestId('project.new').click();
  await app.waitReady();
  await expect(page.getByTestId('project.current')).toHaveAttribute('data-name', 'Next');
});

// A minute and a half of full training on WebGL: under `npm run test:stress`.
test('a run interrupted mid-training travels in the project file and resumes to the end in another browser @stress', async ({ app, page, browser }) => {
  test.setTimeout(600_000);
  const full = 'backbone=resnet50-tiny&backend=webgl&mode=full&schedule=32x2,48x1&batch=8&seed=1';
  await app.openWithTrainTree(full);
  await page.getByTestId('train.start').click();
  // Epoch 1 only starts once epoch 0's checkpoint is written.
  await expect(page.getByTestId('train.status')).toHaveAttribute('data-epoch', '2', { timeout: 240_000 });
  await page.reload();
  await app.waitReady();
  await openProjects(page);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('project.export').click()]);
  const file = join(DIR, 'interrupted.semproject.zip');
  mkdirSync(DIR, { recursive: true });
  await download.saveAs(file);

  const context = await browser.newContext();
  const other = new AppPage(await context.newPage());
  await other.open(full);
  await other.waitReady();
  await openProjects(other.page);
  await other.page.getByTestId('project.import-input').setInputFiles(file);
  await expect(other.page.getByTestId('project.notice')).toContainText('1 run,', { timeout: 120_000 });
  await row(other.page, 'My project (2)').getByTestId('project.open').click();
  await other.waitReady();
  await other.step('train');
  await expect(other.page.getByTestId('train.resume-run')).toHaveText('Resume from epoch 1');
  await other.page.getByTestId('train.resume-run').click();
  await expect(other.page.getByTestId('train.status')).toHaveAttribute('data-state', 'done', { timeout: 300_000 });
  await expect(other.page.getByTestId('train.run-row')).toHaveAttribute('data-status', 'done');
  await expect(other.page.getByTestId('train.run-row')).toHaveAttribute('data-epochs', '3');
  await context.close();
});
