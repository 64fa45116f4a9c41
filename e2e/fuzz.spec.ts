// ~200 mutated PNG/JPEG/TIFF files (bit flips, truncations, absurd sizes, garbage strips, a 60000 × 60000
// TIFF bomb, a truncated JPEG) imported through the folder input: the import must finish, account for every
// file (usable or listed with a reason), raise no page error and keep the tab's heap bounded.
import { join } from 'node:path';
import { expect, GENERATED, test } from './fixtures';
import { writeFuzzTree } from './fuzzTree';
import { heapMb } from './reliability';

test('a folder of hostile image files imports to the end, every file counted or listed with a reason', async ({ app, page }) => {
  test.setTimeout(240_000);
  const { root, files } = writeFuzzTree(join(GENERATED, 'fuzz-tree'));
  await app.open('backbone=resnet50-tiny&backend=wasm&seed=1');
  await app.step('data');
  const heapBefore = await heapMb(page);
  let heapPeak = heapBefore;
  const t0 = Date.now();
  await page.getByTestId('dataset.folder-input').setInputFiles(root);
  const status = page.getByTestId('dataset.status');
  await expect(status).toHaveAttribute('data-state', /importing|done/);
  while ((await status.getAttribute('data-state')) === 'importing' && Date.now() - t0 < 180_000) {
    heapPeak = Math.max(heapPeak, await heapMb(page));
    await page.waitForTimeout(250);
  }
  await expect(status).toHaveAttribute('data-state', 'done');
  await expect(status).toHaveAttribute('data-total', String(files));
  await expect(status).toHaveAttribute('data-done', String(files));

  const usable = Number(await page.getByTestId('dataset.total').getAttribute('data-count'));
  const classCounts = await page.getByTestId('dataset.class-row').evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-count'))));
  const issues = await page.getByTestId('dataset.issue-row').evaluateAll((rows) => rows.map((r) => [r.getAttribute('data-file') ?? '', r.getAttribute('data-reason') ?? '']));
  console.log(`fuzz import: ${files} files in ${((Date.now() - t0) / 1000).toFixed(1)} s; ${usable} usable, ${issues.length} issues; heap ${heapBefore.toFixed(0)} → peak ${heapPeak.toFixed(0)} MB`);
  const kinds = new Map<string, number>();
  for (const [, reason] of issues) {
    const k = reason.replace(/\d+/g, 'N').replace(/\(.*\)/, '(…)').slice(0, 70);
    kinds.set(k, (kinds.get(k) ?? 0) + 1);
  }
  console.log([...kinds].sort((a, b) => b[1] - a[1]).map(([k, n]) => `  ${n} × ${k}`).join('\n'));
  expect(classCounts.reduce((a, b) => a + b, 0)).toBe(usable);
  expect(usable + issues.length).toBe(files);
  for (const [file, reason] of issues) {
    expect(file).toMatch(/^(alpha|beta|gamma)\//);
    expect(reason.length, file).toBeGreaterThan(5);
  }
  const reasonOf = (f: string) => issues.find(([file]) => file === f)?.[1] ?? '';
  expect(reasonOf('alpha/bomb-60000.tif')).toMatch(/too large/);
  expect(reasonOf('beta/cut.jpg')).toMatch(/truncated JPEG/);
  expect(heapPeak).toBeLessThan(512);

  // The tab is still alive and responsive.
  await app.step('train');
  await expect(page.locator('#step-train')).toBeVisible();
  expect(await page.evaluate(() => 1 + 1)).toBe(2);
});
