import type { Page } from '@playwright/test';
import { expect, test, type AppPage } from './fixtures';
import { cell, classRow, downloadCsv, importLabelTree, settledSplit } from './labelling';
import { LABEL_CLASSES, LABEL_PER_CLASS, LOOSE } from './labelTree';

/** Trains (wasm: fast mode, head on cached features) and waits for the evaluation. */
async function train(app: AppPage, page: Page, button: 'train.start' | 'train.rerun' = 'train.start'): Promise<{ train: number; valid: number }> {
  await app.step('train');
  await page.getByTestId(button).click();
  const status = page.getByTestId('train.status');
  await expect(status).toHaveAttribute('data-state', 'running');
  await expect(status).toHaveAttribute('data-state', 'done', { timeout: 240_000 });
  const plan = page.getByTestId('train.plan');
  const out = { train: Number(await plan.getAttribute('data-train-images')), valid: Number(await plan.getAttribute('data-valid-images')) };
  await expect(page.getByTestId('metrics.accuracy')).toHaveCount(1, { timeout: 120_000 });
  return out;
}

async function supports(page: Page): Promise<Record<string, number>> {
  await expect(page.getByTestId('metrics.class-row').first()).toBeAttached({ timeout: 120_000 });
  const rows = await page.getByTestId('metrics.class-row').evaluateAll((trs) => trs.map((tr) => [tr.getAttribute('data-class'), Number(tr.getAttribute('data-support'))] as const));
  return Object.fromEntries(rows);
}

test('the review queue lists unlabelled images least margin first; Enter accepts, digits relabel; they train the next run', async ({ app, page }) => {
  test.setTimeout(480_000);
  await importLabelTree(app, page);
  const first = await train(app, page);
  expect(first.train + first.valid).toBe(2 * LABEL_PER_CLASS);

  await app.step('data');
  const status = page.getByTestId('review.status');
  await expect(status).toHaveAttribute('data-state', 'idle');
  await page.getByTestId('review.start').click();
  await expect(status).toHaveAttribute('data-state', 'ready', { timeout: 120_000 });
  await expect(status).toHaveAttribute('data-remaining', String(LOOSE));
  const items = page.getByTestId('review.item');
  await expect(items).toHaveCount(LOOSE);
  const margins = await items.evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-margin'))));
  expect(margins).toEqual([...margins].sort((a, b) => a - b));
  for (const el of await items.all()) {
    expect(LABEL_CLASSES as readonly string[]).toContain(await el.getAttribute('data-pred'));
    expect(Number(await el.getAttribute('data-confidence'))).toBeGreaterThanOrEqual(0.5);
  }
  const before = { films: await settledSplit(page, 'films', LABEL_PER_CLASS), porous: await settledSplit(page, 'porous', LABEL_PER_CLASS) };

  // Enter ×5 accepts the prediction of the first item each time.
  await page.getByTestId('review.queue').focus();
  const accepted: [string, string][] = [];
  for (let i = 0; i < 5; i++) {
    const file = (await items.first().getAttribute('data-file'))!;
    accepted.push([file, (await items.first().getAttribute('data-pred'))!]);
    await page.keyboard.press('Enter');
    await expect(items.first()).not.toHaveAttribute('data-file', file);
  }
  // Digits relabel the first item (1 films, 2 porous), whatever the model said.
  const relabelled: [string, string][] = [];
  for (const key of ['1', '2']) {
    const file = (await items.first().getAttribute('data-file'))!;
    relabelled.push([file, LABEL_CLASSES[Number(key) - 1]]);
    await page.keyboard.press(key);
    await expect(items.first()).not.toHaveAttribute('data-file', file);
  }
  await expect(status).toHaveAttribute('data-remaining', String(LOOSE - 7));
  // Space skips (to the end), Backspace undoes the last label: that image is first again.
  const skipped = (await items.first().getAttribute('data-file'))!;
  await page.keyboard.press(' ');
  await expect(items.last()).toHaveAttribute('data-file', skipped);
  await page.keyboard.press('Backspace');
  await expect(items.first()).toHaveAttribute('data-file', relabelled[1][0]);
  await page.keyboard.press('2');
  await expect(status).toHaveAttribute('data-remaining', String(LOOSE - 7));

  const labelled = [...accepted, ...relabelled];
  const after = {
    films: await settledSplit(page, 'films', LABEL_PER_CLASS + labelled.filter(([, c]) => c === 'films').length),
    porous: await settledSplit(page, 'porous', LABEL_PER_CLASS + labelled.filter(([, c]) => c === 'porous').length),
  };
  // Review labels are training data: validation is unchanged.
  expect(after.films.valid + after.porous.valid).toBe(before.films.valid + before.porous.valid);
  expect(after.films.train + after.porous.train).toBe(before.films.train + before.porous.train + 7);

  await page.reload();
  await app.waitReady();
  await expect(page.getByTestId('dataset.unlabelled')).toHaveAttribute('data-count', String(LOOSE - 7));
  for (const [file, c] of labelled) await expect(cell(page, file)).toHaveAttribute('data-class', c);
  expect(await settledSplit(page, 'films', after.films.count)).toEqual(after.films);
  const csv = await downloadCsv(page, 'dataset.labels-csv');
  const origin = new Map(csv.slice(1).map((r) => [r[0], r[2]]));
  for (const [file] of accepted) expect(origin.get(file)).toBe('accepted');
  for (const [file] of relabelled) expect(origin.get(file)).toBe('hand');

  // The next run trains on them (same validation images).
  const second = await train(app, page);
  expect(second.train).toBe(first.train + 7);
  expect(second.valid).toBe(first.valid);
  // The round is recorded with the next run's accuracy.
  await app.step('data');
  const round = page.getByTestId('review.round');
  await expect(round).toHaveCount(1);
  await expect(round).toHaveAttribute('data-added', '7');
  await expect(round).toHaveAttribute('data-accuracy', /^[01]\.\d{4}$/);
});

test('relabel and exclude from the top losses: Evaluate says the dataset changed, the class table and the re-run follow', async ({ app, page }) => {
  test.setTimeout(480_000);
  await importLabelTree(app, page);
  await train(app, page);
  await app.step('evaluate');
  const sup = await supports(page);
  const cards = page.getByTestId('metrics.top-loss');
  await expect(cards.first()).toBeVisible();
  const a = cards.nth(0);
  const b = cards.nth(1);
  const aFile = (await a.getAttribute('data-file'))!;
  const aTrue = (await a.getAttribute('data-true'))!;
  const bFile = (await b.getAttribute('data-file'))!;
  const bTrue = (await b.getAttribute('data-true'))!;
  const other = LABEL_CLASSES.find((c) => c !== aTrue)!;
  await expect(page.getByTestId('metrics.dataset-changed')).toHaveCount(0);
  await a.getByTestId('clean.relabel').selectOption(other);
  await b.getByTestId('clean.exclude').click();
  await expect(b.getByTestId('clean.exclude')).toHaveAttribute('data-excluded', 'true');
  await expect(page.getByTestId('metrics.dataset-changed')).toHaveAttribute('data-changes', '2');
  // A change and its undo are no change: undoing both leaves the dataset as the run saw it.
  await page.keyboard.press('ControlOrMeta+z');
  await expect(page.getByTestId('metrics.dataset-changed')).toHaveAttribute('data-changes', '1');
  await page.keyboard.press('ControlOrMeta+z');
  await expect(page.getByTestId('metrics.dataset-changed')).toHaveCount(0);
  await expect(a.getByTestId('clean.relabel')).toHaveValue(aTrue);
  await a.getByTestId('clean.relabel').selectOption(other);
  await b.getByTestId('clean.exclude').click();
  await expect(page.getByTestId('metrics.dataset-changed')).toHaveAttribute('data-changes', '2');
  // The run keeps the dataset revision it trained on: after a reload Evaluate still says so, and Train offers the re-run.
  await expect(page.getByTestId('train.kept-model')).toHaveAttribute('data-state', 'saved', { timeout: 120_000 });
  await page.reload();
  await app.waitReady();
  await app.step('evaluate');
  await expect(page.getByTestId('metrics.accuracy')).toHaveCount(1, { timeout: 120_000 });
  await expect(page.getByTestId('metrics.dataset-changed')).toHaveAttribute('data-changes', '2');
  await app.step('train');
  await expect(page.getByTestId('train.rerun-offer')).toBeVisible();

  await app.step('data');
  const count = (c: string) => LABEL_PER_CLASS + (c === other ? 1 : 0) - (c === aTrue ? 1 : 0) - (c === bTrue ? 1 : 0);
  for (const c of LABEL_CLASSES) await settledSplit(page, c, count(c));
  await expect(classRow(page, bTrue)).toHaveAttribute('data-left-out', '1');
  await expect(cell(page, bFile)).toHaveAttribute('data-excluded', 'true');

  // Train offers the same recipe again; the next run's validation reflects both changes.
  await train(app, page, 'train.rerun');
  await app.step('evaluate');
  await expect(page.getByTestId('metrics.dataset-changed')).toHaveCount(0);
  const next = await supports(page);
  const want = { ...sup };
  want[aTrue]--;
  want[other]++;
  want[bTrue]--;
  expect(next).toEqual(want);
  await expect(page.locator(`[data-testid="metrics.top-loss"][data-file="${bFile}"]`)).toHaveCount(0);

  await app.step('data');
  const history = await downloadCsv(page, 'dataset.labels-history-csv');
  expect(history.slice(1).map((r) => [r[1], r[2], r[3], r[4], r[5], r[6]])).toEqual([
    [aFile, 'label', aTrue, other, 'hand', 'false'],
    [bFile, 'exclude', bTrue, bTrue, 'folder', 'false'],
    [bFile, 'include', bTrue, bTrue, 'folder', 'true'],
    [aFile, 'label', other, aTrue, 'folder', 'true'],
    [aFile, 'label', aTrue, other, 'hand', 'false'],
    [bFile, 'exclude', bTrue, bTrue, 'folder', 'false'],
  ]);
  const labels = new Map((await downloadCsv(page, 'dataset.labels-csv')).slice(1).map((r) => [r[0], r]));
  expect(labels.get(aFile)?.slice(1, 3)).toEqual([other, 'hand']);
  expect(labels.get(bFile)?.[4]).toBe('true');
});
