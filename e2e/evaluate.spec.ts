import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, GENERATED, test } from './fixtures';
import { TRAIN_CLASSES, TRAIN_PER_CLASS, TRAIN_ROOT } from './trainTree';

// Two epochs (the curves need two points), both at 32 px: nothing here depends on the image size, and a second
// size costs ~20 s of shader compiling on SwiftShader (progressive resizing is train.spec.ts's and resume.spec.ts's).
const QUERY = 'backbone=resnet50-tiny&backend=webgl&schedule=32x2&batch=8&seed=1';

interface CellValue {
  actual: string;
  predicted: string;
  count: number;
}

test('Evaluate: metrics agree with the confusion matrix, cells open their images, charts and report are real', async ({ app, page }, testInfo) => {
  test.setTimeout(360_000);
  await app.open(QUERY);
  await app.waitReady();

  // Before any run: the step says what to do.
  await app.step('evaluate');
  await expect(page.getByTestId('metrics.empty')).toContainText('Import class folders');
  await expect(page.getByTestId('metrics.cm-cell')).toHaveCount(0);

  await app.step('data');
  await page.getByTestId('dataset.folder-input').setInputFiles(join(GENERATED, 'train', TRAIN_ROOT));
  await expect(page.getByTestId('dataset.status')).toHaveAttribute('data-state', 'done', { timeout: 120_000 });
  await expect(page.getByTestId('dataset.total')).toHaveAttribute('data-count', String(TRAIN_CLASSES.length * TRAIN_PER_CLASS));
  const validImages = (await page.getByTestId('dataset.class-row').evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-valid'))))).reduce((a, b) => a + b, 0);
  expect(validImages).toBeGreaterThan(0);

  // Ask for TTA after the run too (the on-demand button is checked further down).
  await app.step('evaluate');
  await page.getByTestId('metrics.tta-after-run').check();
  await app.step('train');
  await page.getByTestId('train.start').click();
  await expect(page.getByTestId('train.status')).toHaveAttribute('data-state', 'done', { timeout: 300_000 });

  await app.step('evaluate');
  const k = TRAIN_CLASSES.length;
  const cells = page.getByTestId('metrics.cm-cell');
  await expect(cells).toHaveCount(k * k);
  const cm: CellValue[] = await cells.evaluateAll((els) =>
    els.map((el) => ({ actual: el.getAttribute('data-true')!, predicted: el.getAttribute('data-pred')!, count: Number(el.getAttribute('data-count')) })),
  );
  const count = (a: string, p: string) => cm.find((c) => c.actual === a && c.predicted === p)!.count;
  const total = cm.reduce((n, c) => n + c.count, 0);
  expect(total).toBe(validImages);

  // Per-class rows agree with the matrix: precision = diagonal / column sum, recall = diagonal / row sum.
  const rows = page.getByTestId('metrics.class-row');
  await expect(rows).toHaveCount(k);
  let diagonal = 0;
  for (const name of TRAIN_CLASSES) {
    const row = page.locator(`[data-testid="metrics.class-row"][data-class="${name}"]`);
    const tp = count(name, name);
    diagonal += tp;
    const rowSum = TRAIN_CLASSES.reduce((n, p) => n + count(name, p), 0);
    const colSum = TRAIN_CLASSES.reduce((n, a) => n + count(a, name), 0);
    const precision = colSum ? tp / colSum : 0;
    const recall = rowSum ? tp / rowSum : 0;
    const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
    expect(Number(await row.getAttribute('data-support'))).toBe(rowSum);
    expect(Number(await row.getAttribute('data-precision'))).toBeCloseTo(precision, 3);
    expect(Number(await row.getAttribute('data-recall'))).toBeCloseTo(recall, 3);
    expect(Number(await row.getAttribute('data-f1'))).toBeCloseTo(f1, 3);
    await expect(row).toHaveAttribute('data-never-predicted', String(colSum === 0));
  }
  const accuracy = Number(await page.getByTestId('metrics.accuracy').getAttribute('data-value'));
  expect(accuracy).toBeCloseTo(diagonal / total, 3);
  console.log(`evaluation: ${total} validation images, accuracy ${accuracy}, matrix ${JSON.stringify(cm.map((c) => c.count))}`);

  // A non-empty cell (an error if there is one) opens exactly its images; keyboard works too.
  const pick = cm.filter((c) => c.count > 0).sort((a, b) => Number(a.actual === a.predicted) - Number(b.actual === b.predicted))[0];
  await page.locator(`[data-testid="metrics.cm-cell"][data-true="${pick.actual}"][data-pred="${pick.predicted}"]`).click();
  const gallery = page.getByTestId('metrics.cm-gallery');
  await expect(gallery).toHaveAttribute('data-true', pick.actual);
  await expect(gallery).toHaveAttribute('data-pred', pick.predicted);
  await expect(page.getByTestId('metrics.cm-image')).toHaveCount(pick.count);
  for (const card of await page.getByTestId('metrics.cm-image').all()) {
    await expect(card).toHaveAttribute('data-true', pick.actual);
    await expect(card).toHaveAttribute('data-pred', pick.predicted);
  }
  await expect(page.getByTestId('metrics.cm-image').first().locator('img')).toBeVisible();
  const first = cells.first();
  await first.focus();
  await page.keyboard.press('Enter');
  await expect(gallery).toHaveAttribute('data-true', (await first.getAttribute('data-true'))!);
  await expect(page.getByTestId('metrics.cm-image')).toHaveCount(Number(await first.getAttribute('data-count')));

  // Sorting by a column header reorders the rows.
  await page.getByTestId('metrics.sort.support').click();
  const supports = await rows.evaluateAll((trs) => trs.map((tr) => Number(tr.getAttribute('data-support'))));
  expect(supports).toEqual([...supports].sort((a, b) => b - a));

  // Error analysis: one top-loss card per validation image is available, largest loss first.
  const losses = await page.getByTestId('metrics.top-loss').evaluateAll((els) => els.map((el) => Number(el.getAttribute('data-loss'))));
  expect(losses.length).toBe(Math.min(16, total));
  expect(losses).toEqual([...losses].sort((a, b) => b - a));
  // "Why?" on the worst image: Grad-CAM of the stored image for the predicted class, and for the actual one
  // when they differ.
  const worst = page.getByTestId('metrics.top-loss').first();
  const [actual, predicted] = [await worst.getAttribute('data-true'), await worst.getAttribute('data-pred')];
  await worst.getByTestId('metrics.gradcam').click();
  const cam = page.getByTestId('gradcam.canvas');
  await expect(cam).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
  await expect(cam).toHaveAttribute('data-label', predicted!);
  const choices = page.getByTestId('gradcam.class');
  if (actual !== predicted) {
    await expect(choices).toHaveCount(2);
    await choices.nth(1).click();
    await expect(cam).toHaveAttribute('data-label', actual!, { timeout: 60_000 });
    await expect(cam).toHaveAttribute('data-state', 'ready');
  } else await expect(choices).toHaveCount(0);
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('gradcam.dialog')).toHaveCount(0);

  // Charts drew real data: lines and bars with a size.
  for (const id of ['metrics.curve.loss', 'metrics.curve.accuracy', 'metrics.curve.lr']) {
    // A curve can be flat (the same accuracy twice): a zero-height path, which Playwright calls hidden, so
    // its drawn width is what shows it has real data.
    const path = page.locator(`[data-testid="${id}"] path.recharts-line-curve`).first();
    await expect(path).toHaveAttribute('d', /^M[\d.]+,[\d.]+L/);
    const width = await path.evaluate((p) => p.getBoundingClientRect().width);
    expect(width, `${id} line width`).toBeGreaterThan(20);
  }
  const bars = page.locator('[data-testid="metrics.class-chart"] .recharts-bar-rectangle path');
  expect(await bars.count()).toBeGreaterThan(0);
  const heights = await bars.evaluateAll((ps) => ps.map((p) => p.getBoundingClientRect().height));
  expect(Math.max(...heights)).toBeGreaterThan(5);
  const cmBox = (await page.getByTestId('metrics.cm').boundingBox())!;
  expect(cmBox.width).toBeGreaterThan(100);
  await page.screenshot({ path: testInfo.outputPath('evaluate.png'), fullPage: true });

  // The report: one HTML file with the class names and nothing fetched from elsewhere.
  const download = page.waitForEvent('download');
  await page.getByTestId('metrics.report').click();
  const file = await (await download).path();
  const html = readFileSync(file, 'utf8');
  expect(html.startsWith('<!doctype html>')).toBe(true);
  for (const name of TRAIN_CLASSES) expect(html).toContain(name);
  expect(html).not.toMatch(/(src|href)\s*=\s*["']?\s*(https?:)?\/\//i);
  expect(html).not.toMatch(/<script|<link|@import|url\(/i);
  expect((html.match(/<svg /g) ?? []).length).toBeGreaterThanOrEqual(4);
  // It renders on its own and asks for nothing.
  const reportPage = await page.context().newPage();
  const requests: string[] = [];
  reportPage.on('request', (r) => requests.push(r.url()));
  await reportPage.setContent(html);
  await expect(reportPage.locator('h1')).toContainText('evaluation report');
  await reportPage.screenshot({ path: testInfo.outputPath('report.png'), fullPage: true });
  expect(requests).toEqual([]);
  await reportPage.close();

  // Figures save as PNG (rasterised in a canvas) and SVG.
  const png = page.waitForEvent('download');
  await page.getByTestId('metrics.export-png.confusion-matrix').click();
  expect((await png).suggestedFilename()).toBe('confusion-matrix.png');
  expect(readFileSync(await (await png).path()).subarray(1, 4).toString()).toBe('PNG');
  const svg = page.waitForEvent('download');
  await page.getByTestId('metrics.export-svg.loss').click();
  const svgText = readFileSync(await (await svg).path(), 'utf8');
  expect(svgText).toMatch(/^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  expect(svgText).toContain('recharts-line-curve');

  // Test-time augmentation, asked for before the run: metrics with and without it; then again on demand.
  // The mean over the 8 flips/rotations of these non-symmetric images cannot give the plain probabilities:
  // the validation loss (mean cross-entropy, which moves with every probability) must differ.
  const tta = page.getByTestId('metrics.accuracy-tta');
  await expect(tta).toBeVisible();
  const ttaAfterRun = await tta.getAttribute('data-value');
  const summaryLosses = async () => ({
    plain: Number(await page.locator('[data-testid="metrics.summary-row"][data-model="plain"]').getAttribute('data-loss')),
    tta: Number(await page.locator('[data-testid="metrics.summary-row"][data-model="tta"]').getAttribute('data-loss')),
  });
  const afterRun = await summaryLosses();
  expect(afterRun.plain).toBeGreaterThan(0);
  expect(afterRun.tta).toBeGreaterThan(0);
  expect(Math.abs(afterRun.tta - afterRun.plain)).toBeGreaterThan(1e-6);
  const status = page.getByTestId('metrics.status');
  const before = await status.getAttribute('data-created');
  await page.getByTestId('metrics.tta').click();
  await expect(status).not.toHaveAttribute('data-created', before!, { timeout: 120_000 });
  await expect(status).toHaveAttribute('data-state', 'done');
  await expect(tta).toBeVisible();
  const ttaAccuracy = Number(await tta.getAttribute('data-value'));
  const onDemand = await summaryLosses();
  console.log(`TTA accuracy after the run ${ttaAfterRun}, on demand ${ttaAccuracy}; validation loss plain/TTA after the run ${afterRun.plain}/${afterRun.tta}, on demand ${onDemand.plain}/${onDemand.tta}`);
  expect(ttaAccuracy).toBeGreaterThanOrEqual(0);
  expect(ttaAccuracy).toBeLessThanOrEqual(1);
  // the same model and images: the same plain and TTA predictions as after the run, and again not equal
  expect(onDemand.plain).toBeCloseTo(afterRun.plain, 4);
  expect(onDemand.tta).toBeCloseTo(afterRun.tta, 4);
  expect(Math.abs(onDemand.tta - onDemand.plain)).toBeGreaterThan(1e-6);
  await expect(page.getByTestId('metrics.accuracy')).toHaveAttribute('data-value', accuracy.toFixed(4));
});
