import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCsv } from '../src/shared/eval/csv';
import { expect, GENERATED, test } from './fixtures';
import { ROOT_NAME } from './datasetTree';
import { TRAIN_CLASSES } from './trainTree';
import { FORMULA_NAME, UNLABELLED_BROKEN, UNLABELLED_IMAGES, UNLABELLED_ROOT } from './unlabelledTree';

const FOLDER = join(GENERATED, 'unlabelled', UNLABELLED_ROOT);
const QUERY = 'backbone=resnet50-tiny&backend=wasm';

test('classifies a folder: one row per image, errors as rows, CSV and JSON exports, threshold, filters, Grad-CAM', async ({ app, page }) => {
  await app.open(QUERY);
  await app.waitReady();
  await app.step('classify');
  const t0 = Date.now();
  await page.getByTestId('predict.folder-input').setInputFiles(FOLDER);
  const status = page.getByTestId('predict.status');
  await expect(status).toHaveAttribute('data-state', 'done', { timeout: 120_000 });
  console.log(`classify: ${UNLABELLED_IMAGES.length} images in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  await expect(status).toHaveAttribute('data-total', String(UNLABELLED_IMAGES.length));
  await expect(status).toContainText('2 files skipped');

  const rows = page.getByTestId('predict.row');
  await expect(rows).toHaveCount(UNLABELLED_IMAGES.length);
  expect((await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-file')))).sort()).toEqual([...UNLABELLED_IMAGES].sort());
  for (const [file, reason] of Object.entries(UNLABELLED_BROKEN)) {
    const row = page.locator(`[data-testid="predict.row"][data-file="${file}"]`);
    await expect(row).toHaveAttribute('data-state', 'error');
    expect(await row.getAttribute('data-error')).toMatch(reason);
    await expect(row).toContainText(reason);
  }
  const good = page.locator('[data-testid="predict.row"][data-state="done"]');
  const goodCount = UNLABELLED_IMAGES.length - Object.keys(UNLABELLED_BROKEN).length;
  await expect(good).toHaveCount(goodCount);
  const confidences = await good.evaluateAll((els) => els.map((e) => [e.getAttribute('data-label'), e.getAttribute('data-confidence')]));
  for (const [label, c] of confidences) {
    expect(label).not.toBe('');
    expect(c).toMatch(/^(0\.\d+|1\.0+)$/);
  }
  // The TIFF (browsers cannot show it) got a worker-made thumbnail; the bars were found and cropped.
  await expect(page.locator('[data-testid="predict.row"][data-file="batch/scan.tif"] img.thumb')).toHaveCount(1);
  await expect(page.locator('[data-testid="predict.row"][data-file="batch/bar_0.png"]')).toContainText('bar cropped');
  await expect(page.locator('[data-testid="predict.row"][data-file="batch/porous_0.png"]')).not.toContainText('bar cropped');

  // A loose file through the files input, whose name a spreadsheet would run as a formula.
  await page.getByTestId('predict.files-input').setInputFiles(join(GENERATED, 'unlabelled', 'loose', FORMULA_NAME));
  await expect(rows).toHaveCount(UNLABELLED_IMAGES.length + 1);
  await expect(status).toHaveAttribute('data-state', 'done');

  // The untrained head is saturated (every confidence ≈ 1): at 0 nothing is uncertain, at 1 the filter
  // shows exactly the flagged rows. The split in between is checked on a trained model below.
  await page.getByTestId('predict.threshold').fill('0');
  await expect(page.locator('[data-testid="predict.row"][data-uncertain="true"]')).toHaveCount(0);
  await page.getByTestId('predict.threshold').fill('1');
  const flagged = await page.locator('[data-testid="predict.row"][data-uncertain="true"]').count();
  await page.getByLabel('uncertain only').check();
  await expect(rows).toHaveCount(flagged);
  await page.getByLabel('uncertain only').uncheck();
  await page.getByTestId('predict.threshold').fill('0.5');
  await page.getByLabel('Search file names').fill('sub/');
  await expect(rows).toHaveCount(2);
  await page.getByLabel('Search file names').fill('');
  await expect(rows).toHaveCount(UNLABELLED_IMAGES.length + 1);

  // CSV: header + one line per image, CRLF, parses back, the formula-like name neutralised.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('predict.export-csv').click()]);
  expect(download.suggestedFilename()).toBe('predictions.csv');
  const text = readFileSync(await download.path(), 'utf8');
  expect(text.endsWith('\r\n')).toBe(true);
  const csv = parseCsv(text);
  expect(csv).toHaveLength(UNLABELLED_IMAGES.length + 2);
  const header = csv[0];
  expect(header.slice(0, 3)).toEqual(['file', 'label', 'confidence']);
  expect(header).toEqual(expect.arrayContaining(['top1_label', 'top3_probability', 'uncertain', 'error']));
  const byFile = new Map(csv.slice(1).map((r) => [r[0], r]));
  expect(byFile.size).toBe(UNLABELLED_IMAGES.length + 1);
  for (const f of UNLABELLED_IMAGES) expect(byFile.has(f)).toBe(true);
  expect(byFile.has(`'${FORMULA_NAME}`)).toBe(true);
  expect(text).not.toMatch(/(^|,|\n)=1\+2/);
  expect(byFile.get('batch/broken.png')![header.indexOf('error')]).toMatch(/truncated/);
  const bar0 = byFile.get('batch/bar_0.png')!;
  const row0 = page.locator('[data-testid="predict.row"][data-file="batch/bar_0.png"]');
  expect(bar0[1]).toBe(await row0.getAttribute('data-label'));
  expect(Number(bar0[2])).toBeCloseTo(Number(await row0.getAttribute('data-confidence')), 3);
  expect(bar0[header.indexOf('uncertain')]).toBe(await row0.getAttribute('data-uncertain'));

  const [jsonDownload] = await Promise.all([page.waitForEvent('download'), page.getByTestId('predict.export-json').click()]);
  const json = JSON.parse(readFileSync(await jsonDownload.path(), 'utf8'));
  expect(json.images).toHaveLength(UNLABELLED_IMAGES.length + 1);
  expect(json.images[0].probabilities).toHaveLength(json.model.classNames.length);

  // Grad-CAM of a row: a dialog with a drawn, non-uniform canvas; Esc closes it.
  await page.locator('[data-testid="predict.row"][data-file="batch/particles_0.png"]').getByTestId('predict.gradcam').click();
  const canvas = page.getByTestId('gradcam.canvas');
  await expect(canvas).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
  await expect(canvas).toHaveAttribute('data-label', (await page.locator('[data-testid="predict.row"][data-file="batch/particles_0.png"]').getAttribute('data-label'))!);
  const stats = await canvas.evaluate((el: HTMLCanvasElement) => {
    const d = el.getContext('2d')!.getImageData(0, 0, el.width, el.height).data;
    let opaque = 0;
    const colours = new Set<number>();
    for (let i = 0; i < d.length; i += 4) {
      if (d[i + 3] > 0) opaque++;
      colours.add((d[i] << 16) | (d[i + 1] << 8) | d[i + 2]);
    }
    return { width: el.width, opaque, pixels: d.length / 4, colours: colours.size };
  });
  expect(stats.width).toBeGreaterThan(0);
  expect(stats.opaque).toBe(stats.pixels);
  expect(stats.colours).toBeGreaterThan(50);
  await expect(page.getByText(/Which region drove the prediction of/)).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('gradcam.dialog')).toHaveCount(0);

  // Test-time augmentation: the next file is classified over the 8 flips and rotations.
  await page.getByTestId('predict.tta').check();
  await page.getByTestId('predict.files-input').setInputFiles(join(FOLDER, 'porous_0.png'));
  await expect(rows).toHaveCount(UNLABELLED_IMAGES.length + 2);
  const [ttaDownload] = await Promise.all([page.waitForEvent('download'), page.getByTestId('predict.export-json').click()]);
  const ttaImages = JSON.parse(readFileSync(await ttaDownload.path(), 'utf8')).images;
  const last = ttaImages.at(-1);
  expect(last).toMatchObject({ file: 'porous_0.png', tta: true, error: null });
  // (That TTA changes the probabilities is checked on a trained head, in the threshold test below: this
  // untrained one can give all classes the same score whatever the view.)

  // Clear revokes and empties.
  await page.getByRole('button', { name: /^Clear \d+ results$/ }).click();
  await expect(rows).toHaveCount(0);
});

test('a big folder shows progress with images/s and can be cancelled', async ({ app, page }) => {
  await app.open(QUERY);
  await app.waitReady();
  await app.step('classify');
  await page.getByTestId('predict.folder-input').setInputFiles(join(GENERATED, 'dataset', ROOT_NAME));
  const status = page.getByTestId('predict.status');
  await expect(status).toHaveAttribute('data-state', 'running');
  await expect(status).toContainText(/\d+(\.\d)? images\/s/, { timeout: 60_000 });
  await expect(status).toContainText(/left/);
  console.log(`classify progress before cancel: ${await status.textContent()}`);
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(status).toHaveAttribute('data-state', 'cancelled');
  const done = Number(await status.getAttribute('data-done'));
  const total = Number(await status.getAttribute('data-total'));
  expect(done).toBeGreaterThan(0);
  expect(done).toBeLessThan(total);
  await expect(page.getByTestId('predict.pending-row')).toHaveCount(0);
  await expect(page.locator('[data-testid="predict.row"][data-error="not classified: cancelled"]')).toHaveCount(total - done);
});

test('on a trained model the threshold splits rows into certain and uncertain, and the filters follow', async ({ app, page }) => {
  test.setTimeout(300_000);
  // One short fast-mode epoch on wasm (a head on cached features): enough for unsaturated, varied confidences.
  await app.openWithTrainTree('backbone=resnet50-tiny&backend=wasm&mode=fast&schedule=32x1&batch=8&seed=1');
  await page.getByTestId('train.start').click();
  await expect(page.getByTestId('train.status')).toHaveAttribute('data-state', 'done', { timeout: 240_000 });
  await expect(app.model).toHaveAttribute('data-classes', String(TRAIN_CLASSES.length));

  await app.step('classify');
  await page.getByTestId('predict.folder-input').setInputFiles(FOLDER);
  await expect(page.getByTestId('predict.status')).toHaveAttribute('data-state', 'done', { timeout: 120_000 });
  const done = page.locator('[data-testid="predict.row"][data-state="done"]');
  const values = (await done.evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-confidence'))))).sort((a, b) => a - b);
  console.log(`trained confidences: ${values.join(' ')}`);
  for (const v of values) expect(v).toBeGreaterThanOrEqual(1 / TRAIN_CLASSES.length - 1e-4);
  // A threshold between two confidences at least 0.002 apart, as near the middle as possible.
  let threshold = -1;
  for (let i = Math.floor(values.length / 2), d = 0; d < values.length && threshold < 0; d++) {
    for (const j of [i - d, i + d]) {
      if (j > 0 && j < values.length && values[j] - values[j - 1] >= 0.002 && threshold < 0) threshold = Number(((values[j] + values[j - 1]) / 2).toFixed(4));
    }
  }
  expect(threshold, 'confidences spread enough to split').toBeGreaterThan(0);
  await page.getByTestId('predict.threshold').fill(String(threshold));
  const below = values.filter((v) => v < threshold).length;
  expect(below).toBeGreaterThan(0);
  expect(below).toBeLessThan(values.length);
  const flags = await done.evaluateAll((els) => els.map((e) => [Number(e.getAttribute('data-confidence')), e.getAttribute('data-uncertain')] as const));
  for (const [c, flag] of flags) expect(flag).toBe(c < threshold ? 'true' : 'false');
  await expect(page.locator('[data-testid="predict.row"].uncertain')).toHaveCount(below);

  await page.getByLabel('uncertain only').check();
  await expect(page.getByTestId('predict.row')).toHaveCount(below);
  await page.getByLabel('uncertain only').uncheck();
  const label = (await done.first().getAttribute('data-label'))!;
  const withLabel = await page.locator(`[data-testid="predict.row"][data-label="${label}"]`).count();
  await page.getByLabel('Show predicted label').selectOption(label);
  await expect(page.getByTestId('predict.row')).toHaveCount(withLabel);
  await page.getByLabel('Show predicted label').selectOption('');

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('predict.export-csv').click()]);
  const csv = parseCsv(readFileSync(await download.path(), 'utf8'));
  const col = csv[0].indexOf('uncertain');
  expect(csv.slice(1).filter((r) => r[col] === 'true')).toHaveLength(below);
  await expect(page.getByTestId('predict.row').first().getByText('untrained')).toHaveCount(0);

  // Test-time augmentation on the trained head: the mean over the 8 flips and rotations of a file is not its
  // plain prediction (a TTA that silently predicted once would give the same probabilities).
  await page.getByTestId('predict.tta').check();
  await page.getByTestId('predict.files-input').setInputFiles(join(FOLDER, 'porous_0.png'));
  await expect(page.locator('[data-testid="predict.row"][data-file="porous_0.png"][data-state="done"]')).toHaveCount(1, { timeout: 60_000 });
  const [json] = await Promise.all([page.waitForEvent('download'), page.getByTestId('predict.export-json').click()]);
  type Image = { file: string; tta: boolean; error: string | null; probabilities: number[] };
  const images: Image[] = JSON.parse(readFileSync(await json.path(), 'utf8')).images;
  const tta = images.find((i) => i.file === 'porous_0.png' && i.tta)!;
  const plain = images.find((i) => i.file.endsWith('/porous_0.png') && !i.tta)!;
  expect(tta).toMatchObject({ error: null });
  expect(plain).toMatchObject({ error: null });
  const diff = Math.max(...tta.probabilities.map((p, i) => Math.abs(p - plain.probabilities[i])));
  console.log(`porous_0.png on the trained head: largest probability difference TTA vs plain ${diff}`);
  expect(diff).toBeGreaterThan(1e-4);
});

test('files dropped on the Classify drop zone are classified', async ({ app, page }) => {
  await app.open(QUERY);
  await app.waitReady();
  await app.step('classify');
  const names = ['porous_0.png', 'scan.tif'];
  const files = names.map((n) => ({ name: n, b64: readFileSync(join(FOLDER, n)).toString('base64') }));
  // A synthetic drop: DataTransfer items made in the page have no file-system entry, only getAsFile().
  await page.evaluate((list) => {
    const dt = new DataTransfer();
    for (const f of list) dt.items.add(new File([Uint8Array.from(atob(f.b64), (c) => c.charCodeAt(0))], f.name));
    const zone = document.querySelector('#step-classify .dropzone');
    zone!.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, files);
  const rows = page.getByTestId('predict.row');
  await expect(rows).toHaveCount(2);
  expect((await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-file')))).sort()).toEqual(names.sort());
  await expect(page.locator('[data-testid="predict.row"][data-state="done"]')).toHaveCount(2);
});
