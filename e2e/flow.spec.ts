import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCsv } from '../src/shared/eval/csv';
import { expect, GENERATED, test } from './fixtures';
import { TRAIN_CLASSES, TRAIN_PER_CLASS, TRAIN_ROOT } from './trainTree';

// Issue 19, a scientist's flow (points 3, 5, 6, 7): true empty states, one next step per step, an editable
// validation share, Classify on a labelled folder, and sharing a model trained here (float16 included).
// wasm + fast mode + resnet50-tiny: seconds per run.
const QUERY = 'backbone=resnet50-tiny&backend=wasm&schedule=32x2&batch=8&seed=1&mode=fast';
const TREE = join(GENERATED, 'train', TRAIN_ROOT);
const FLOW = join(GENERATED, 'flow');
const HALF_BUNDLE = join(FLOW, 'trained-float16.zip');

test('empty states, next steps, validation share, labelled-folder accuracy, CSV columns and one-click sharing', async ({ app, page }) => {
  test.setTimeout(300_000);
  await app.open(QUERY);
  await app.waitReady();
  const empty = page.getByTestId('metrics.empty');

  // Nothing imported: Evaluate and Classify say so, and nothing pretends to be a trained model.
  await app.step('evaluate');
  await expect(empty).toHaveAttribute('data-state', 'no-data');
  await app.step('classify');
  await expect(page.getByTestId('predict.untrained')).toContainText('No trained model yet');
  await expect(page.locator('#step-classify')).not.toContainText('reference classes');
  // The Train step plans nothing over an empty dataset ("30 passes over the 0 training images" before).
  await app.step('train');
  await expect(page.getByTestId('train.plan-summary')).toContainText('once its images are imported');
  await expect(page.locator('#step-train')).not.toContainText(' 0 training images');

  await app.step('data');
  await expect(page.getByTestId('next.train')).toHaveCount(0);
  await page.getByTestId('dataset.folder-input').setInputFiles(TREE);
  await expect(page.getByTestId('dataset.status')).toHaveAttribute('data-state', 'done', { timeout: 120_000 });
  // Panels are not numbered like the steps; counts and sizes read as a person writes them.
  await expect(page.getByRole('heading', { name: 'Import images', exact: true })).toBeVisible();
  await expect(page.locator('#step-data')).not.toContainText('(s)');
  await expect(page.locator('#step-data')).toContainText('all 192 × 144 px');

  // The validation share is set in the page: 25 % of 24 images per class is 6.
  const rows = page.getByTestId('dataset.class-row');
  await expect(rows.first()).toHaveAttribute('data-valid', String(Math.round(0.2 * TRAIN_PER_CLASS)));
  await page.getByTestId('dataset.valid-share').fill('25');
  await page.getByTestId('dataset.valid-apply').click();
  for (const row of await rows.all()) await expect(row).toHaveAttribute('data-valid', String(0.25 * TRAIN_PER_CLASS));

  // Classify now names the dataset's own classes in its warning; Evaluate says there is no model yet.
  await app.step('classify');
  await expect(page.getByTestId('predict.untrained')).toContainText(`your ${TRAIN_CLASSES.length} classes (${TRAIN_CLASSES.join(', ')})`);
  await app.step('evaluate');
  await expect(empty).toHaveAttribute('data-state', 'untrained');

  await app.step('data');
  await page.getByTestId('next.train').click();
  await expect(page.getByTestId('nav.train')).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('train.blocker')).toHaveCount(0);
  // Plain words first: the fastai names wait in the (closed) Advanced panel.
  await expect(page.getByTestId('train.plain')).toBeVisible();
  await expect(page.getByLabel('freeze_epochs')).toBeHidden();

  const status = page.getByTestId('train.status');
  await page.getByTestId('train.start').click();
  await expect(status).toHaveAttribute('data-state', 'running');
  await page.getByTestId('train.pause').click();
  await expect(status).toHaveAttribute('data-state', 'paused');
  await app.step('evaluate');
  await expect(empty).toHaveAttribute('data-state', 'training');
  await expect(empty).not.toContainText('Import class folders');
  await app.step('train');
  await page.getByTestId('train.resume').click();
  await expect(status).toHaveAttribute('data-state', 'done', { timeout: 240_000 });
  await page.getByTestId('next.evaluate').click();
  await expect(page.getByTestId('metrics.accuracy')).toBeVisible({ timeout: 60_000 });

  // Classify the labelled tree: its class folders are the ground truth.
  await page.getByTestId('next.classify').click();
  await page.getByTestId('predict.folder-input').setInputFiles(TREE);
  const predicted = page.getByTestId('predict.row');
  await expect(predicted).toHaveCount(TRAIN_CLASSES.length * TRAIN_PER_CLASS, { timeout: 120_000 });
  await expect(page.locator('[data-testid="predict.row"][data-state="done"]')).toHaveCount(TRAIN_CLASSES.length * TRAIN_PER_CLASS, { timeout: 120_000 });
  const pairs = await predicted.evaluateAll((trs) => trs.map((tr) => [tr.getAttribute('data-file')!, tr.getAttribute('data-label')!]));
  const truthOf = (file: string) => file.split('/').slice(-2)[0];
  const correct = pairs.filter(([file, label]) => truthOf(file) === label).length;
  const truth = page.getByTestId('predict.truth');
  await expect(truth).toHaveAttribute('data-count', String(pairs.length));
  await expect(truth).toHaveAttribute('data-accuracy', (correct / pairs.length).toFixed(4));
  await expect(truth).toHaveAttribute('data-wrong', String(pairs.length - correct));
  console.log(`labelled-folder accuracy ${(correct / pairs.length).toFixed(4)} (${correct}/${pairs.length})`);
  const cells = page.getByTestId('predict.truth.cm-cell');
  await expect(cells).toHaveCount(TRAIN_CLASSES.length ** 2);
  const total = (await cells.evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-count'))))).reduce((a, b) => a + b, 0);
  expect(total).toBe(pairs.length);
  await expect(page.getByTestId('predict.truth.class-row')).toHaveCount(TRAIN_CLASSES.length);
  await expect(page.getByTestId('predict.truth.image')).toHaveCount(pairs.length - correct);
  // Checked against the dataset: this folder is the training set itself, so every image has a near-copy there.
  const heldOut = page.getByTestId('predict.heldout');
  await expect(heldOut).toHaveAttribute('data-state', 'done', { timeout: 120_000 });
  await expect(heldOut).toHaveAttribute('data-near-copies', String(pairs.length));
  await expect(heldOut).toHaveAttribute('data-clean-images', '0');
  await expect(heldOut).toHaveAttribute('data-accuracy', (correct / pairs.length).toFixed(4));
  await expect(heldOut).toHaveAttribute('data-method', 'lbp-logreg');
  // Evaluate's own table is untouched by it (one set of contract rows).
  await expect(page.getByTestId('metrics.class-row')).toHaveCount(TRAIN_CLASSES.length);

  const [csvDownload] = await Promise.all([page.waitForEvent('download'), page.getByTestId('predict.export-csv').click()]);
  const csv = parseCsv(readFileSync((await csvDownload.path())!, 'utf8'));
  const col = (name: string) => csv[0].indexOf(name);
  expect(col('model_id')).toBeGreaterThan(0);
  expect(col('date')).toBeGreaterThan(0);
  expect(csv[1][col('model_id')]).toMatch(/^resnet50-tiny/);
  expect(Date.parse(csv[1][col('date')])).toBeGreaterThan(Date.parse('2020-01-01'));
  expect(csv.slice(1).every((line) => line[col('true_label')] === truthOf(line[0]))).toBe(true);

  // Share in one click: the bundle, where to put it, the link it will have; then the float16 one at half the size.
  await page.getByTestId('next.share').click();
  const shared = page.getByTestId('share.trained');
  const [full] = await Promise.all([page.waitForEvent('download'), page.getByTestId('model.export').click()]);
  await expect(shared).toBeVisible();
  const fullBytes = Number(await shared.getAttribute('data-bytes'));
  expect(await shared.getAttribute('data-link')).toMatch(new RegExp(`/\\?model=models/${full.suggestedFilename().replace(/\./g, '\\.')}$`));
  await page.getByTestId('model.float16').check();
  const [half] = await Promise.all([page.waitForEvent('download'), page.getByTestId('model.export').click()]);
  await expect(page.getByTestId('share.float16-check')).toBeVisible();
  const halfBytes = Number(await shared.getAttribute('data-bytes'));
  const diff = Number(await shared.getAttribute('data-float16-diff'));
  console.log(`bundle ${fullBytes} B, float16 ${halfBytes} B (${(halfBytes / fullBytes).toFixed(3)}); max probability difference ${diff}, same top class ${await shared.getAttribute('data-float16-same')}`);
  expect(halfBytes / fullBytes).toBeGreaterThan(0.45);
  expect(halfBytes / fullBytes).toBeLessThan(0.56);
  expect(diff).toBeLessThan(0.01);
  expect(half.suggestedFilename()).toMatch(/-float16\.zip$/);
  mkdirSync(FLOW, { recursive: true });
  await half.saveAs(HALF_BUNDLE);
});

test('a ?model= link shows the bundle loading on Classify (no untrained warning, no live drop zone), then the model', async ({ app, page }) => {
  test.setTimeout(180_000);
  expect(readFileSync(HALF_BUNDLE).byteLength, 'needs the test above first').toBeGreaterThan(0);
  await app.open(`${QUERY}&model=fixtures/flow/trained-float16.zip`);
  await expect(page.getByTestId('nav.classify')).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('predict.model-loading')).toBeVisible();
  await expect(page.locator('#step-classify .dropzone')).toHaveAttribute('aria-disabled', 'true');
  await expect(page.getByTestId('predict.untrained')).toHaveCount(0);
  await expect(app.model).toHaveAttribute('data-backbone', /^bundle: /, { timeout: 150_000 });
  await expect(page.getByTestId('predict.model-loading')).toHaveCount(0);
  await expect(page.locator('#step-classify .dropzone')).not.toHaveAttribute('aria-disabled', 'true');
  // A bundle from elsewhere has no validation predictions here: Evaluate says how to measure it instead.
  await app.step('evaluate');
  await expect(page.getByTestId('metrics.empty')).toHaveAttribute('data-state', 'bundle');
  // The float16 bundle classifies the labelled tree like any other.
  await app.step('classify');
  await page.getByTestId('predict.folder-input').setInputFiles(TREE);
  await expect(page.getByTestId('predict.truth')).toHaveAttribute('data-count', String(TRAIN_CLASSES.length * TRAIN_PER_CLASS), { timeout: 120_000 });
});

test('a reload after training keeps the model and its evaluation; one kept epoch everywhere; leaving mid-run asks first', async ({ app, page }) => {
  test.setTimeout(300_000);
  const asked: string[] = [];
  page.on('dialog', (d) => { if (d.type() === 'beforeunload') asked.push(page.url()); });
  await app.openWithTrainTree(QUERY);
  const status = page.getByTestId('train.status');
  await page.getByTestId('train.start').click();
  await expect(status).toHaveAttribute('data-state', 'running');
  await page.getByTestId('train.pause').click();
  // Paused mid-run: closing or reloading the tab would lose the run, so the browser asks (the test accepts).
  await page.reload();
  await app.waitReady();
  expect(asked.length).toBe(1);
  await app.step('train');
  await page.getByTestId('train.start').click();
  await expect(status).toHaveAttribute('data-state', 'done', { timeout: 240_000 });
  await expect(page.getByTestId('train.kept-model')).toHaveAttribute('data-state', 'saved', { timeout: 60_000 });
  await app.step('evaluate');
  const accuracy = page.getByTestId('metrics.accuracy');
  await expect(accuracy).toBeVisible();
  const before = await accuracy.getAttribute('data-value');

  // One kept epoch, counted from 1: the tag in the table, the runs list and its accuracy agree.
  await app.step('train');
  const rows = page.getByTestId('train.epoch-row');
  const keptRow = rows.filter({ has: page.getByTestId('train.kept-tag') });
  await expect(keptRow).toHaveCount(1);
  const keptEpoch = Number(await keptRow.getAttribute('data-epoch')) + 1;
  await expect(keptRow.locator('td').first()).toHaveText(String(keptEpoch));
  const run = page.locator('[data-testid="train.run-row"][data-status="done"]');
  await expect(run).toHaveAttribute('data-backbone', 'resnet50-tiny');
  await expect(run).toHaveAttribute('data-mode', 'fast');
  await expect(run).toHaveAttribute('data-sizes', '32 px');
  await expect(run).toHaveAttribute('data-kept-epoch', String(keptEpoch));
  await expect(run).toHaveAttribute('data-kept-accuracy', (await keptRow.getAttribute('data-valid-accuracy'))!);
  await expect(run).toHaveAttribute('data-kept-model', 'true');

  // Nothing left to lose now: the reload does not ask, and the model and its evaluation come back.
  await page.reload();
  await app.waitReady();
  expect(asked.length).toBe(1);
  await expect(app.model).toHaveAttribute('data-backbone', /^bundle: Run /, { timeout: 120_000 });
  await expect(app.model).toHaveAttribute('data-classes', String(TRAIN_CLASSES.length));
  await app.step('evaluate');
  await expect(page.getByTestId('metrics.accuracy')).toHaveAttribute('data-value', before!);
  await app.step('classify');
  await expect(page.getByTestId('predict.untrained')).toHaveCount(0);
  await app.step('train');
  await expect(page.getByTestId('train.kept-model')).toHaveAttribute('data-state', 'restored');
  await expect(page.getByTestId('train.epoch-row')).toHaveCount(await rows.count());
  // The restored model names its run (its bundle.json says so): the runs list marks it as the model in use.
  await expect(run.getByTestId('train.run-in-use')).toBeVisible();
});
