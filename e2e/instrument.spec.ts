import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCsv } from '../src/shared/eval/csv';
import { expect, GENERATED, test } from './fixtures';
import { BURNT_NAME, OVERLAP_ROOT, RGBA_NAME, SCALE_ROOT, writeOverlapTree, writeScaleTree, type Expected } from './instrumentTree';

const DIR = join(GENERATED, 'instrument');
let scale: Expected;
let overlap: Expected;
test.beforeAll(() => {
  scale = writeScaleTree(DIR);
  overlap = writeOverlapTree(DIR);
});

test('reads pixel size from FEI and Zeiss tags and JEOL/Hitachi sidecars, warns when classes differ by scale, exports it', async ({ app, page }) => {
  await app.open('backbone=resnet50-tiny&backend=wasm&seed=3');
  await app.step('data');
  const status = page.getByTestId('dataset.status');
  await page.getByTestId('dataset.folder-input').setInputFiles(join(DIR, SCALE_ROOT));
  await expect(status).toHaveAttribute('data-state', 'done', { timeout: 120_000 });
  await expect(page.getByTestId('dataset.total')).toHaveAttribute('data-count', String(Object.keys(scale).length + 1));

  // The sidecars are read with their images, never listed; the unrelated text file still is.
  const issues = page.getByTestId('dataset.issue-row');
  await expect(issues).toHaveCount(1);
  await expect(issues).toHaveAttribute('data-file', 'readme.txt');

  const cell = (file: string) => page.locator(`[data-testid="dataset.image"][data-file="${file}"]`);
  // Metadata gives the value itself; a burnt-in scale bar is read within 5%.
  const near = (file: string, got: number, nm: number) => file === BURNT_NAME ? expect(Math.abs(got / nm - 1), file).toBeLessThanOrEqual(0.05) : expect(got, file).toBeCloseTo(nm, 4);
  for (const [file, nm] of Object.entries(scale)) {
    await expect(cell(file)).toHaveAttribute('data-pixel-nm', /^\d/);
    near(file, Number(await cell(file).getAttribute('data-pixel-nm')), nm);
  }
  await expect(cell(BURNT_NAME)).toHaveAttribute('title', /nm\/px \(scale bar in the image\)/);
  await expect(cell(RGBA_NAME)).not.toHaveAttribute('data-pixel-nm', /./);
  await expect(cell('fibres/feiRgb.tif')).toHaveAttribute('title', /2\.2 nm\/px \(FEI\/Thermo TIFF tag\).*5 kV · TLD \(BSE\)/s);
  await cell('particles/hitachi.png').click();
  await expect(page.getByTestId('dataset.details')).toContainText('38 nm/px (Hitachi .txt)');

  // Transparent pixels come out white, not black: the RGBA PNG's thumbnail is mostly light.
  const mean = await cell(RGBA_NAME).locator('img').evaluate(async (img: HTMLImageElement) => {
    await img.decode();
    const c = document.createElement('canvas');
    [c.width, c.height] = [img.naturalWidth, img.naturalHeight];
    const ctx = c.getContext('2d')!;
    ctx.drawImage(img, 0, 0);
    const d = ctx.getImageData(0, 0, c.width, c.height).data;
    let sum = 0;
    for (let i = 0; i < d.length; i += 4) sum += d[i];
    return sum / (d.length / 4);
  });
  expect(mean).toBeGreaterThan(180);

  // Fibres at ~2 nm/px, particles at ~40 nm/px: the scale alone names the class.
  const warning = page.getByTestId('dataset.mag-warning');
  await expect(warning).toBeVisible();
  await expect(warning).toHaveAttribute('data-quantity', 'pixelSizeNm');
  await expect(warning).toContainText(/Classes differ by pixel size/);
  expect(Number(await warning.locator('[data-testid="dataset.scale-row"][data-class="particles"]').getAttribute('data-median'))).toBeGreaterThan(30);

  // Both classes at both scales: no warning, the per-class table stays folded away.
  await page.getByTestId('dataset.folder-input').setInputFiles(join(DIR, OVERLAP_ROOT));
  await expect(status).toHaveAttribute('data-state', 'done', { timeout: 120_000 });
  await expect(page.getByTestId('dataset.total')).toHaveAttribute('data-count', String(Object.keys(overlap).length));
  await expect(page.getByTestId('dataset.scale')).toHaveCount(1);
  await expect(page.getByTestId('dataset.mag-warning')).toHaveCount(0);
  await expect(issues).toHaveCount(0);

  // Classify the first tree's folder: rows and the CSV carry the same pixel sizes.
  await app.waitReady();
  await app.step('classify');
  await page.getByTestId('predict.folder-input').setInputFiles(join(DIR, SCALE_ROOT));
  await expect(page.getByTestId('predict.status')).toHaveAttribute('data-state', 'done', { timeout: 120_000 });
  await expect(page.getByTestId('predict.status')).toContainText('1 file skipped');
  for (const [file, nm] of Object.entries(scale)) {
    const row = page.locator(`[data-testid="predict.row"][data-file="${SCALE_ROOT}/${file}"]`);
    near(file, Number(await row.getAttribute('data-pixel-nm')), nm);
  }
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('predict.export-csv').click()]);
  const [header, ...lines] = parseCsv(readFileSync(await download.path(), 'utf8'));
  const byFile = new Map(lines.map((l) => [l[0], l]));
  const col = (name: string) => header.indexOf(name);
  expect(byFile.get(`${SCALE_ROOT}/fibres/zeiss.tif`)![col('pixel_size_source')]).toBe('zeiss-tag');
  expect(byFile.get(`${SCALE_ROOT}/fibres/fei16.tif`)![col('pixel_size_source')]).toBe('fei-tag');
  expect(byFile.get(`${SCALE_ROOT}/particles/jeol.png`)![col('pixel_size_source')]).toBe('jeol-sidecar');
  expect(byFile.get(`${SCALE_ROOT}/particles/jeol.png`)![col('kv')]).toBe('5');
  expect(byFile.get(`${SCALE_ROOT}/${BURNT_NAME}`)![col('pixel_size_source')]).toBe('scale-bar');
  for (const [file, nm] of Object.entries(scale)) {
    near(file, Number(byFile.get(`${SCALE_ROOT}/${file}`)![col('pixel_size_nm')]), nm);
  }
  expect(byFile.get(`${SCALE_ROOT}/${RGBA_NAME}`)![col('pixel_size_nm')]).toBe('');
});
