// `npm run replicate -- --test <folder>`: after training, classify a held-out folder with class subfolders
// through the app's Classify step (its labelled-folder mode), which also checks the folder against the
// imported training folder (near-copies by the app's near-duplicate hash) and applies the classical
// baseline fitted on the training split. This reads what the page shows.

import { resolve } from 'node:path';
import type { Page } from '@playwright/test';
import type { Scores, TestMetrics } from './replicateMetrics';

type Wait = (done: () => Promise<boolean>, line: () => Promise<string>) => Promise<void>;

export async function classifyTestFolder(page: Page, folder: string, wait: Wait): Promise<TestMetrics & { appAccuracy: number }> {
  await page.getByTestId('nav.classify').click();
  await page.getByTestId('predict.folder-input').setInputFiles(resolve(folder));
  const status = page.getByTestId('predict.status');
  await wait(
    async () => ['done', 'cancelled'].includes((await status.getAttribute('data-state')) ?? ''),
    async () => `test folder: ${await status.getAttribute('data-done')}/${await status.getAttribute('data-total')} images classified`,
  );
  const truth = page.getByTestId('predict.truth');
  if (!(await truth.count())) throw new Error('--test: no image of the test folder sits in a subfolder named after one of the model\'s classes');
  const held = page.getByTestId('predict.heldout');
  await wait(
    async () => ['done', 'error', 'unavailable'].includes((await held.getAttribute('data-state').catch(() => null)) ?? ''),
    async () => 'test folder: checking near-copies and fitting the baseline',
  );
  if ((await held.getAttribute('data-state')) !== 'done') throw new Error(`--test: ${await held.textContent()}`);
  const a = async (name: string): Promise<number | null> => {
    const v = await held.getAttribute(`data-${name}`);
    return v === null ? null : Number(v);
  };
  const scores = async (prefix: string, images: number): Promise<Scores> => ({ images, accuracy: await a(`${prefix}accuracy`), f1: await a(`${prefix}f1`) });
  const images = (await a('images'))!;
  const nearCopies = (await a('near-copies'))!;
  const method = await held.getAttribute('data-method');
  const clean = images - nearCopies;
  const part = async (name: 'clean' | 'copies', n: number) => ({
    network: await scores(`${name}-`, n),
    baseline: method ? await scores(`${name}-baseline-`, n) : null,
  });
  return {
    folder: resolve(folder),
    images,
    nearCopies,
    network: await scores('', images),
    baseline: method ? { method, ...(await scores('baseline-', images)) } : null,
    clean: await part('clean', clean),
    copies: await part('copies', nearCopies),
    appAccuracy: Number(await truth.getAttribute('data-accuracy')),
  };
}
