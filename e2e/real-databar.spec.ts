// Real microscope exports (../shared/fixtures/sem-real, read in place, never copied): every Zeiss NFFA
// frame has its data bar found (it sits above the bottom edge with image below it), no nanofiber TIFF
// gets one, the crop preview shows where the crop starts, each Zeiss frame's pixel size is read from
// the scale bar burnt into its data bar, and the nanofiber set's shifted copies count as near-duplicates.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from './fixtures';

const REAL = join(import.meta.dirname, '..', '..', 'shared', 'fixtures', 'sem-real');
const classesIn = (dir: string): Record<string, number> =>
  Object.fromEntries(readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory())
    .map((d) => [d.name, readdirSync(join(dir, d.name)).filter((f) => /\.(jpe?g|tiff?)$/i.test(f)).length]));

test.skip(!existsSync(REAL), `real fixtures not found at ${REAL}`);

for (const [folder, share] of [['nffa-databar', '1.0000'], ['nanofiber-tiff', '0.0000']] as const) {
  test(`${folder}: data-bar share ${share} in every class`, async ({ app, page }) => {
    const dir = join(REAL, folder);
    const classes = classesIn(dir);
    await app.open('backbone=resnet50-tiny&backend=wasm&seed=42&mode=fast&schedule=32x1');
    await app.step('data');
    await page.getByTestId('dataset.folder-input').setInputFiles(dir);
    await expect(page.getByTestId('dataset.status')).toHaveAttribute('data-state', 'done', { timeout: 120_000 });
    const rows = page.getByTestId('dataset.class-row');
    await expect(rows).toHaveCount(Object.keys(classes).length);
    for (const [label, count] of Object.entries(classes)) {
      const row = page.locator(`[data-testid="dataset.class-row"][data-class="${label}"]`);
      await expect(row).toHaveAttribute('data-count', String(count));
      await expect(row).toHaveAttribute('data-bar-share', share);
    }
    const lines = page.getByTestId('data.crop-line');
    if (share === '1.0000') {
      // The preview draws the crop line in the lower part of the frame, and says the strip below was cut.
      await expect(lines.first()).toBeVisible();
      const row = Number(await lines.first().getAttribute('data-row'));
      expect(row).toBeGreaterThan(768 * 0.7);
      expect(row).toBeLessThan(768 * 0.95);
      await expect(page.getByTestId('data.crop-below').first()).toContainText('below the bar are cut too');
      // JPEG exports carry no metadata: each frame's pixel size is read from the scale bar in its data bar.
      const cells = page.getByTestId('dataset.image');
      await expect(cells).toHaveCount(Object.values(classes).reduce((a, b) => a + b, 0));
      for (const c of await cells.all()) {
        await expect(c).toHaveAttribute('data-pixel-nm', /^\d/);
        await expect(c).toHaveAttribute('title', /nm\/px \(scale bar in the image\)/);
      }
    } else {
      await expect(lines).toHaveCount(0);
      // Each class's two TIFFs are shifted copies of one field ("translated_"): near-duplicates, kept on one side
      // of the split, and said so in words ("3 groups", never "group(s)").
      await expect(page.getByTestId('dataset.groups')).toHaveAttribute('data-count', '3');
      await expect(page.locator('#step-data')).toContainText('3 groups of near-duplicate images are kept on one side of the split.');
      await expect(page.locator('#step-data')).not.toContainText('(s)');
      // So no image is left to validate on: Train says so before a run, and after one Evaluate says why it has
      // no metrics (never "no model trained yet") and where the model can still be measured.
      await app.step('train');
      await expect(page.getByTestId('train.no-validation')).toBeVisible();
      await page.getByTestId('train.start').click();
      await expect(page.getByTestId('train.status')).toHaveAttribute('data-state', 'done', { timeout: 120_000 });
      await app.step('evaluate');
      await expect(page.getByTestId('metrics.empty')).toHaveAttribute('data-state', 'unmeasured');
      await expect(page.locator('#step-evaluate')).toContainText('near-duplicates of each other');
      await expect(page.locator('#step-evaluate')).not.toContainText('No model trained');
    }
  });
}
