import { expect, test } from './fixtures';
import { cell, classRow, downloadCsv, importLabelTree, settledSplit } from './labelling';
import { LABEL_PER_CLASS, LOOSE, looseKind, looseName } from './labelTree';

test('label loose images with the keyboard and the class menu; kept after a reload, split grown, undo restores', async ({ app, page }) => {
  test.setTimeout(420_000);
  await importLabelTree(app, page);
  const before = await settledSplit(page, 'films', LABEL_PER_CLASS);
  await page.getByTestId('dataset.filter-unlabelled').click();
  await expect(page.getByTestId('dataset.gallery')).toHaveAttribute('data-count', String(LOOSE));
  await expect(page.getByTestId('dataset.filter-class').first()).toHaveAttribute('data-key', '1');

  // Keyboard: select the first loose image, then key 1 (films) / 2 (porous); the next image is selected each time.
  await cell(page, looseName(0)).click();
  await expect(cell(page, looseName(0))).toHaveAttribute('data-selected', 'true');
  for (let i = 0; i < 10; i++) {
    await expect(cell(page, looseName(i))).toHaveAttribute('data-selected', 'true');
    await page.keyboard.press(looseKind(i) === 'films' ? '1' : '2');
    await expect(cell(page, looseName(i))).toHaveCount(0); // it left the Unlabelled filter
  }
  await expect(page.getByTestId('dataset.unlabelled')).toHaveAttribute('data-count', String(LOOSE - 10));

  // The class menu, on a ctrl-click selection of each kind (10 more).
  for (const kind of ['films', 'porous']) {
    const picks = Array.from({ length: 5 }, (_, k) => 10 + 2 * k + (kind === 'films' ? 0 : 1));
    await cell(page, looseName(picks[0])).click();
    for (const i of picks.slice(1)) await cell(page, looseName(i)).click({ modifiers: ['ControlOrMeta'] });
    await expect(page.getByTestId('dataset.selection')).toHaveAttribute('data-count', '5');
    await page.getByTestId('dataset.label-select').selectOption(kind);
    await page.getByTestId('dataset.label-apply').click();
    for (const i of picks) await expect(cell(page, looseName(i))).toHaveCount(0);
  }
  await expect(page.getByTestId('dataset.unlabelled')).toHaveAttribute('data-count', String(LOOSE - 20));
  const films = await settledSplit(page, 'films', LABEL_PER_CLASS + 10);
  const porous = await settledSplit(page, 'porous', LABEL_PER_CLASS + 10);
  console.log(`split films ${JSON.stringify(before)} → ${JSON.stringify(films)}, porous → ${JSON.stringify(porous)}`);
  // Placed images stay; the newly labelled ones take the class's share of validation (0.2 of 26 → 5).
  expect(films.valid).toBeGreaterThanOrEqual(before.valid);
  expect(films.valid).toBe(Math.round(0.2 * films.count));
  await expect(page.getByTestId('dataset.total')).toHaveAttribute('data-count', String(2 * LABEL_PER_CLASS + LOOSE));

  // A reload keeps every label, the class table and the split.
  await page.reload();
  await app.waitReady();
  await expect(page.getByTestId('dataset.unlabelled')).toHaveAttribute('data-count', String(LOOSE - 20));
  expect(await settledSplit(page, 'films', LABEL_PER_CLASS + 10)).toEqual(films);
  expect(await settledSplit(page, 'porous', LABEL_PER_CLASS + 10)).toEqual(porous);
  await page.getByTestId('dataset.filter-all').click();
  for (let i = 0; i < 20; i++) await expect(cell(page, looseName(i))).toHaveAttribute('data-class', looseKind(i));
  await expect(cell(page, looseName(20))).toHaveAttribute('data-class', '');

  const csv = await downloadCsv(page, 'dataset.labels-csv');
  expect(csv[0]).toEqual(['file', 'class', 'origin', 'time', 'excluded']);
  const byFile = new Map(csv.slice(1).map((r) => [r[0], r]));
  expect(byFile.get(looseName(3))?.slice(1, 3)).toEqual([looseKind(3), 'hand']);
  expect(byFile.get('films/films_00.png')?.slice(1, 3)).toEqual(['films', 'folder']);
  expect(byFile.get(looseName(30))?.[1]).toBe('');

  // Undo (kept across the reload), newest first: the class-menu steps, then the last keyboard label.
  await page.getByTestId('dataset.gallery').focus();
  await page.keyboard.press('ControlOrMeta+z');
  await expect(page.getByTestId('dataset.unlabelled')).toHaveAttribute('data-count', String(LOOSE - 15));
  await expect(classRow(page, 'porous')).toHaveAttribute('data-count', String(LABEL_PER_CLASS + 5));
  await page.getByTestId('dataset.undo').click();
  await expect(page.getByTestId('dataset.unlabelled')).toHaveAttribute('data-count', String(LOOSE - 10));
  await expect(classRow(page, 'films')).toHaveAttribute('data-count', String(LABEL_PER_CLASS + 5));
  await page.keyboard.press('ControlOrMeta+z');
  await expect(page.getByTestId('dataset.unlabelled')).toHaveAttribute('data-count', String(LOOSE - 9));
  await expect(cell(page, looseName(9))).toHaveAttribute('data-class', '');
  await settledSplit(page, 'porous', LABEL_PER_CLASS + 4);
  await page.reload();
  await app.waitReady();
  await expect(page.getByTestId('dataset.unlabelled')).toHaveAttribute('data-count', String(LOOSE - 9));
  await settledSplit(page, 'films', LABEL_PER_CLASS + 5);
  const history = await downloadCsv(page, 'dataset.labels-history-csv');
  expect(history[0]).toEqual(['time', 'file', 'action', 'from', 'to', 'origin', 'undo']);
  expect(history.filter((r) => r[6] === 'true')).toHaveLength(11);
  expect(history.filter((r) => r[1] === looseName(9)).map((r) => [r[3], r[4], r[5], r[6]])).toEqual([['', 'porous', 'hand', 'false'], ['porous', '', '', 'true']]);

  // Large thumbnails: 160 px views of the stored copies, to tell SEM textures apart by eye; the choice outlives a reload.
  const first = page.getByTestId('dataset.image').first().locator('img');
  expect((await first.boundingBox())!.width).toBeLessThanOrEqual(64);
  await page.getByTestId('dataset.thumbs-large').click();
  await expect(page.getByTestId('dataset.gallery')).toHaveAttribute('data-size', 'large');
  await expect.poll(async () => (await first.boundingBox())?.width ?? 0).toBeGreaterThanOrEqual(150);
  await expect(first).toHaveJSProperty('complete', true);
  // the stored copy (these generated frames are 96 px wide), not the 64 px thumbnail blown up
  expect(await first.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(64);
  await page.reload();
  await app.waitReady();
  await expect(page.getByTestId('dataset.gallery')).toHaveAttribute('data-size', 'large');
  await expect(page.getByTestId('dataset.thumbs-large')).toHaveAttribute('aria-pressed', 'true');
});

test('a new class on the fly, a drag onto a class, exclude and delete from the image details', async ({ app, page }) => {
  test.setTimeout(180_000);
  await importLabelTree(app, page);
  await page.getByTestId('dataset.filter-unlabelled').click();
  await cell(page, looseName(0)).click();
  await cell(page, looseName(2)).click({ modifiers: ['Shift'] });
  await page.getByTestId('dataset.label-select').selectOption('__new__');
  await page.getByTestId('dataset.new-class').fill('debris');
  await page.getByTestId('dataset.label-apply').click();
  await expect(classRow(page, 'debris')).toHaveAttribute('data-count', '3');
  // keys follow class order: debris 1, films 2, porous 3
  await expect(page.locator('[data-testid="dataset.filter-class"][data-class="porous"]')).toHaveAttribute('data-key', '3');
  await cell(page, looseName(3)).dragTo(page.locator('[data-testid="dataset.filter-class"][data-class="porous"]'));
  await expect(classRow(page, 'porous')).toHaveAttribute('data-count', String(LABEL_PER_CLASS + 1));

  await page.getByTestId('dataset.filter-class').filter({ hasText: 'films' }).click();
  await cell(page, 'films/films_00.png').click();
  const details = page.getByTestId('dataset.details');
  await expect(details).toHaveAttribute('data-file', 'films/films_00.png');
  await details.getByRole('button', { name: 'Exclude from training' }).click();
  await expect(cell(page, 'films/films_00.png')).toHaveAttribute('data-excluded', 'true');
  await expect(classRow(page, 'films')).toHaveAttribute('data-left-out', '1');
  await settledSplit(page, 'films', LABEL_PER_CLASS - 1);
  await cell(page, 'films/films_01.png').click();
  await details.getByRole('button', { name: 'Delete' }).click();
  await expect(cell(page, 'films/films_01.png')).toHaveCount(0);
  await expect(page.getByTestId('dataset.total')).toHaveAttribute('data-count', String(2 * LABEL_PER_CLASS + LOOSE - 2));
  await page.reload();
  await app.waitReady();
  await expect(classRow(page, 'films')).toHaveAttribute('data-count', String(LABEL_PER_CLASS - 2));
  await expect(classRow(page, 'films')).toHaveAttribute('data-left-out', '1');
  await page.keyboard.press('ControlOrMeta+z');
  await expect(classRow(page, 'films')).toHaveAttribute('data-count', String(LABEL_PER_CLASS - 1));
});
