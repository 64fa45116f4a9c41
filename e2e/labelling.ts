// Helpers shared by the labelling specs: import the half-labelled tree, read the class table, fetch the labels CSV.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { parseCsv } from '../src/shared/eval/csv';
import { expect, GENERATED, type AppPage } from './fixtures';
import { seedBigDataset } from './bigDataset';
import { LABEL_CLASSES, LABEL_PER_CLASS, LABEL_ROOT, LOOSE } from './labelTree';

// mode=fast: these tests are about labelling, not training; wasm trains the head on cached features in seconds.
export const LABEL_QUERY = 'backbone=resnet50-tiny&backend=wasm&mode=fast&schedule=32x1,48x1&batch=8&seed=1';

export async function importLabelTree(app: AppPage, page: Page, query = LABEL_QUERY): Promise<void> {
  await app.open(query);
  await app.waitReady();
  await app.step('data');
  await page.getByTestId('dataset.folder-input').setInputFiles(join(GENERATED, 'label', LABEL_ROOT));
  await expect(page.getByTestId('dataset.status')).toHaveAttribute('data-state', 'done', { timeout: 120_000 });
  await expect(page.getByTestId('dataset.unlabelled')).toHaveAttribute('data-count', String(LOOSE));
  for (const c of LABEL_CLASSES) await expect(classRow(page, c)).toHaveAttribute('data-count', String(LABEL_PER_CLASS));
}

export const classRow = (page: Page, c: string) => page.locator(`[data-testid="dataset.class-row"][data-class="${c}"]`);
export const cell = (page: Page, file: string) => page.locator(`[data-testid="dataset.image"][data-file="${file}"]`);

export async function splitOf(page: Page, c: string): Promise<{ count: number; train: number; valid: number }> {
  const row = classRow(page, c);
  return {
    count: Number(await row.getAttribute('data-count')),
    train: Number(await row.getAttribute('data-train')),
    valid: Number(await row.getAttribute('data-valid')),
  };
}

/** The class table once every image of it is on a side (the split grows right after a label). */
export async function settledSplit(page: Page, c: string, count: number): Promise<{ count: number; train: number; valid: number }> {
  await expect(classRow(page, c)).toHaveAttribute('data-count', String(count));
  await expect.poll(async () => {
    const s = await splitOf(page, c);
    return s.train + s.valid;
  }).toBe(count);
  return splitOf(page, c);
}

/** Downloads a CSV by its button and parses it; rows keyed by the first column. */
export async function downloadCsv(page: Page, testId: string): Promise<string[][]> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
  return parseCsv(readFileSync(await download.path(), 'utf8'));
}

/** Opens the app on a dataset of `n` unlabelled images and 8 labelled ones (bigDataset.ts). */
export async function openBigDataset(app: AppPage, page: Page, n: number): Promise<void> {
  await app.open(LABEL_QUERY);
  await app.waitReady();
  await seedBigDataset(page, n);
  await app.waitReady();
  await app.step('data');
  await expect(page.getByTestId('dataset.unlabelled')).toHaveAttribute('data-count', String(n));
}
