// Share step: export a trained model as a bundle, import it in a fresh browser, open it from a link, use the
// app offline from a sub-path, and check that a whole session talks to no other origin.
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import type { Browser, Page } from '@playwright/test';
import { unpackBundleZip } from '../src/shared/bundle/validate';
import { AppPage, expect, expectSameProbs, GENERATED, readProbs, test, type Probs } from './fixtures';
import { TRAIN_CLASSES, TRAIN_PER_CLASS, TRAIN_ROOT } from './trainTree';

test.describe.configure({ mode: 'serial' });

const PORT = Number(process.env.E2E_PORT ?? 4173);
const ORIGIN = `http://localhost:${PORT}`;
const SUBPATH = `http://localhost:${PORT + 1}/some/path/`;
const TRAIN_QUERY = 'backbone=resnet50-tiny&backend=webgl&schedule=32x1&batch=8&seed=1';
const SHARE_DIR = join(GENERATED, 'share');
const BUNDLE = join(SHARE_DIR, 'bundle.zip');
const IMAGES = [
  join(GENERATED, 'train', TRAIN_ROOT, 'films', 'films_01.png'),
  join(GENERATED, 'train', TRAIN_ROOT, 'tips', 'tips_02.png'),
  join(GENERATED, 'images', 'porous_0.png'),
  // a frame with a data bar (trainTree.ts: every third one)
  join(GENERATED, 'train', TRAIN_ROOT, 'porous', 'porous_03.png'),
];
const BARRED = 'porous_03.png';

const isOwn = (url: string) => url.startsWith(`${ORIGIN}/`) || url.startsWith('blob:') || url.startsWith('data:');

// The exporting session's predictions, compared with every later load of its bundle.
let reference: Probs = {};

async function freshApp(browser: Browser): Promise<{ app: AppPage; page: Page; close: () => Promise<void> }> {
  const context = await browser.newContext({ baseURL: `${ORIGIN}/` });
  const page = await context.newPage();
  const errors: string[] = [];
  const foreign: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  context.on('request', (r) => {
    if (!isOwn(r.url())) foreign.push(r.url());
  });
  return {
    app: new AppPage(page),
    page,
    close: async () => {
      await context.close();
      expect(errors, 'uncaught errors in the page').toEqual([]);
      expect(foreign, 'requests to other origins').toEqual([]);
    },
  };
}

test('train → classify → export a bundle, with no request to another origin all session', async ({ app, page }) => {
  test.setTimeout(300_000);
  const foreign: string[] = [];
  page.context().on('request', (r) => {
    if (!isOwn(r.url())) foreign.push(r.url());
  });
  await app.open(TRAIN_QUERY);
  await app.waitReady();

  // Before training there is nothing worth exporting, and the step says why.
  await app.step('share');
  await expect(page.getByTestId('model.export')).toBeDisabled();
  await expect(page.getByTestId('share.export-blocked')).toContainText('Train the classifier first');
  await expect(page.getByTestId('share.privacy')).toContainText('requests nothing from any web site but its own');

  await app.step('data');
  await page.getByTestId('dataset.folder-input').setInputFiles(join(GENERATED, 'train', TRAIN_ROOT));
  await expect(page.getByTestId('dataset.total')).toHaveAttribute('data-count', String(TRAIN_CLASSES.length * TRAIN_PER_CLASS), { timeout: 120_000 });
  await app.step('train');
  await page.getByTestId('train.start').click();
  await expect(page.getByTestId('train.status')).toHaveAttribute('data-state', 'done', { timeout: 240_000 });
  await app.step('evaluate');

  // Trained with the data bar cropped (the default); the Data step's toggle is turned off afterwards. The
  // model keeps its own crop: the barred frame is still cropped, and later loads of the bundle (toggle on,
  // or Classify's toggle off) give the same probabilities.
  await app.step('data');
  await page.getByLabel('crop them off').uncheck();
  await expect(page.getByLabel('crop them off')).not.toBeChecked();
  const rows = await app.classify(IMAGES);
  await expect(rows.filter({ hasText: 'bar cropped' })).toHaveCount(1);
  await expect(page.locator(`[data-testid="predict.row"][data-file="${BARRED}"]`)).toContainText('bar cropped');
  reference = await readProbs(rows);
  console.log(`exporting session's predictions: ${JSON.stringify(reference)}`);
  expect(Object.keys(reference)).toHaveLength(IMAGES.length);
  for (const probs of Object.values(reference)) {
    expect(Object.keys(probs).sort()).toEqual([...TRAIN_CLASSES].sort());
    expect(Object.values(probs).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 4);
  }

  await app.step('share');
  await page.getByLabel('Model name').fill('e2e share');
  const said = Number(/about ([\d.]+) MB/.exec((await page.getByTestId('model.export').textContent()) ?? '')?.[1]);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('model.export').click()]);
  expect(download.suggestedFilename()).toMatch(/^e2e-share-\d{4}-\d{2}-\d{2}\.zip$/);
  mkdirSync(SHARE_DIR, { recursive: true });
  await download.saveAs(BUNDLE);
  // The button's size is the file's (it counted the backbone alone: "about 0.5 MB" for a 1.6 MB file)
  const bytes = readFileSync(BUNDLE).byteLength;
  console.log(`bundle: button said about ${said} MB, file ${(bytes / 1e6).toFixed(2)} MB`);
  expect(Math.abs(said - bytes / 1e6) / (bytes / 1e6)).toBeLessThan(0.1);
  const contents = unpackBundleZip(new Uint8Array(readFileSync(BUNDLE)));
  expect([...contents.bundle.classNames].sort()).toEqual([...TRAIN_CLASSES].sort());
  expect(contents.bundle.preprocessing.inputSize).toBe(32);
  // what the model was trained with, not what the Data step says now
  expect(contents.bundle.preprocessing.dataBarCrop).toBe(true);
  expect(contents.bundle.training?.recipe.schedule).toBe('32x1');
  expect(contents.bundle.training?.epochs.length).toBeGreaterThanOrEqual(1);
  expect(contents.card).toContain('# e2e share');

  expect(foreign, 'requests to other origins').toEqual([]);
});

test('a fresh browser imports the bundle and predicts the same to 1e-5; bad bundles get a clear error', async ({ browser }) => {
  test.setTimeout(240_000);
  expect(Object.keys(reference), 'needs the export test first').toHaveLength(IMAGES.length);
  const { app, page, close } = await freshApp(browser);
  await app.open('backbone=resnet50-tiny&backend=webgl');
  await app.waitReady();
  await app.step('share');
  const input = page.getByTestId('model.import-input');

  await input.setInputFiles({ name: 'broken.zip', mimeType: 'application/zip', buffer: Buffer.from('PK\u0003\u0004 this is not really a zip archive') });
  await expect(page.getByTestId('share.error')).toContainText(/not a zip archive|corrupt/);
  const climbing = zipSync({ 'model.json': strToU8('{}'), 'bundle.json': strToU8('{}'), '../evil.bin': new Uint8Array(8) });
  await input.setInputFiles({ name: 'evil.zip', mimeType: 'application/zip', buffer: Buffer.from(climbing) });
  await expect(page.getByTestId('share.error')).toContainText('"../evil.bin" climbs out of the bundle');
  await expect(app.model).toHaveAttribute('data-state', 'ready');

  await input.setInputFiles(BUNDLE);
  await expect(page.getByTestId('share.status')).toHaveAttribute('data-bundle', 'e2e share', { timeout: 60_000 });
  await expect(page.getByTestId('share.error')).toHaveCount(0);
  await expect(app.model).toHaveAttribute('data-classes', String(TRAIN_CLASSES.length));
  await expect(app.model).toHaveAttribute('data-backbone', 'bundle: e2e share');
  // A bundle from a file has no URL yet: the step says how to make a link.
  await expect(page.getByTestId('share.link-help')).toBeVisible();

  expectSameProbs(await readProbs(await app.classify(IMAGES)), reference);
  await close();
});

test('?model=<bundle on the site> opens Classify with the bundle, and offers a share link', async ({ browser }) => {
  test.setTimeout(180_000);
  const { app, page, close } = await freshApp(browser);
  await app.open('model=fixtures/share/bundle.zip&backbone=resnet50-tiny&backend=webgl');
  await expect(page.getByTestId('nav.classify')).toHaveAttribute('aria-selected', 'true');
  await expect(app.model).toHaveAttribute('data-backbone', 'bundle: e2e share', { timeout: 150_000 });
  await expect(app.model).toHaveAttribute('data-state', 'ready');
  // Classify's own crop toggle off: the bundle's preprocessing (crop on) still decides.
  await page.getByTestId('predict.crop-bar').uncheck();
  const rows = await app.classify(IMAGES);
  await expect(page.locator(`[data-testid="predict.row"][data-file="${BARRED}"]`)).toContainText('bar cropped');
  expectSameProbs(await readProbs(rows), reference);

  await app.step('share');
  await expect(page.getByTestId('share.link')).toHaveValue(`${ORIGIN}/?model=fixtures/share/bundle.zip`);
  await close();
});

test('a ?model= link to a missing file says so on Classify, and the app stays usable', async ({ browser }) => {
  const { app, page, close } = await freshApp(browser);
  await app.open('model=fixtures/share/missing.zip&backbone=resnet50-tiny&backend=webgl');
  await expect(page.getByTestId('share.open-error')).toContainText('HTTP 404', { timeout: 150_000 });
  await expect(app.model).toHaveAttribute('data-state', 'ready');
  await expect(app.model).toHaveAttribute('data-backbone', 'resnet50-tiny');
  await close();
});

test('?model= also takes the unpacked bundle\'s model.json (its weights and class names next to it)', async ({ browser }) => {
  test.setTimeout(180_000);
  const contents = unpackBundleZip(new Uint8Array(readFileSync(BUNDLE)));
  const dir = join(SHARE_DIR, 'unpacked');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'model.json'), JSON.stringify(contents.modelJson));
  for (const [name, bytes] of contents.weights) writeFileSync(join(dir, name), bytes);
  const { app, close } = await freshApp(browser);
  await app.open('model=fixtures/share/unpacked/model.json&backbone=resnet50-tiny&backend=webgl');
  await expect(app.model).toHaveAttribute('data-backbone', 'bundle: e2e share', { timeout: 150_000 });
  expectSameProbs(await readProbs(await app.classify(IMAGES)), reference);
  await close();
});

test('from a sub-path without isolation headers: site bundles offered, isolated after a reload, and offline with wasm', async ({ browser }) => {
  test.setTimeout(240_000);
  // The deployer puts the bundle in models/ and lists it in models/manifest.json.
  const deployed = join(GENERATED, 'deployed-models');
  copyFileSync(BUNDLE, join(deployed, 'share-e2e.zip'));
  const manifest = JSON.parse(readFileSync(join(deployed, 'manifest.json'), 'utf8')) as { models: object[] };
  manifest.models.push({ id: 'share-e2e', kind: 'bundle', name: 'e2e share', path: 'share-e2e.zip' });
  writeFileSync(join(deployed, 'manifest.json'), JSON.stringify(manifest, null, 2));

  const context = await browser.newContext();
  const page = await context.newPage();
  const app = new AppPage(page);
  await app.open('backbone=resnet50-tiny&backend=wasm', SUBPATH);
  await app.waitReady();
  await expect(page.getByRole('region', { name: 'Trained models on this site' }).getByTestId('share.open-bundle')).toHaveText('open e2e share');
  await app.step('share');
  await expect(page.getByTestId('share.offline')).toHaveAttribute('data-state', 'ready', { timeout: 120_000 });
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(false);

  // The second visit runs under the service worker: isolated by its headers, so wasm gets threads, and the
  // deployed weights it fetches are kept for offline use.
  await page.reload();
  await app.waitReady();
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
  await expect(app.status).toHaveAttribute('data-backend', 'wasm');
  await expect(app.status).not.toHaveAttribute('title', /single-threaded/);
  await expect(app.model).toHaveAttribute('data-pretrained', 'true');

  // "open e2e share" loads the site's bundle into Classify and puts it in the address bar.
  await page.getByTestId('share.open-bundle').first().click();
  await expect(app.model).toHaveAttribute('data-backbone', 'bundle: e2e share', { timeout: 60_000 });
  await expect(page.getByTestId('nav.classify')).toHaveAttribute('aria-selected', 'true');
  expect(new URL(page.url()).searchParams.get('model')).toBe('models/share-e2e.zip');

  // Offline: the app, the backbone weights and the bundle all come from the service worker's caches.
  await context.setOffline(true);
  await page.reload();
  await expect(app.status).toHaveAttribute('data-ready', 'true', { timeout: 150_000 });
  await expect(app.model).toHaveAttribute('data-backbone', 'bundle: e2e share', { timeout: 60_000 });
  await expect(app.status).toHaveAttribute('data-backend', 'wasm');
  const rows = await app.classify([join(GENERATED, 'images', 'nanowires_0.png')]);
  expect(TRAIN_CLASSES as readonly string[]).toContain(await rows.first().getAttribute('data-label'));
  await context.close();
});
