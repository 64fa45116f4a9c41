import { test as base, expect, type Locator, type Page } from '@playwright/test';
import { join } from 'node:path';
import { TRAIN_CLASSES, TRAIN_PER_CLASS, TRAIN_ROOT } from './trainTree';

export const GENERATED = join(import.meta.dirname, '.generated');

/** Page object over the contract's test ids (shared/design/CONTRACT.md). */
export class AppPage {
  readonly status: Locator;
  readonly model: Locator;
  constructor(readonly page: Page) {
    this.status = page.getByTestId('app.status');
    this.model = page.getByTestId('model.status');
    // The app asks before a reload would lose work (a run going on): tests that reload mid-run mean it.
    page.on('dialog', (d) => void (d.type() === 'beforeunload' ? d.accept() : d.dismiss()));
  }

  async open(query = '', origin = ''): Promise<void> {
    await this.page.goto(`${origin}${query ? `?${query}` : ''}`);
  }

  async waitReady(): Promise<void> {
    await expect(this.status).toHaveAttribute('data-ready', 'true', { timeout: 150_000 });
    await expect(this.model).toHaveAttribute('data-state', 'ready');
  }

  async step(name: 'data' | 'train' | 'evaluate' | 'classify' | 'share'): Promise<void> {
    await this.page.getByTestId(`nav.${name}`).click();
  }

  /** Opens the app with `query`, imports the generated 3-class training tree (e2e/trainTree.ts) and opens Train. */
  async openWithTrainTree(query: string): Promise<void> {
    await this.open(query);
    await this.waitReady();
    await this.step('data');
    await this.page.getByTestId('dataset.folder-input').setInputFiles(join(GENERATED, 'train', TRAIN_ROOT));
    await expect(this.page.getByTestId('dataset.status')).toHaveAttribute('data-state', 'done', { timeout: 120_000 });
    await expect(this.page.getByTestId('dataset.total')).toHaveAttribute('data-count', String(TRAIN_CLASSES.length * TRAIN_PER_CLASS));
    await this.step('train');
  }

  async classify(files: string[]): Promise<Locator> {
    await this.step('classify');
    await this.page.getByTestId('predict.files-input').setInputFiles(files);
    const rows = this.page.getByTestId('predict.row');
    await expect(rows).toHaveCount(files.length, { timeout: 120_000 });
    return rows;
  }
}

/** Each predict.row's full-precision probabilities by class (its data-top), keyed by file name. */
export type Probs = Record<string, Record<string, number>>;
export async function readProbs(rows: Locator): Promise<Probs> {
  const out: Probs = {};
  for (const row of await rows.all()) {
    const top = (await row.getAttribute('data-top'))!;
    out[(await row.getAttribute('data-file'))!] = Object.fromEntries(top.split(' ').map((kv) => {
      const [label, p] = kv.split('=');
      return [label, Number(p)];
    }));
  }
  return out;
}

export function expectSameProbs(got: Probs, want: Probs): void {
  expect(Object.keys(got).sort()).toEqual(Object.keys(want).sort());
  for (const [file, probs] of Object.entries(want)) {
    expect(Object.keys(got[file]).sort()).toEqual(Object.keys(probs).sort());
    for (const [label, p] of Object.entries(probs)) {
      expect(Math.abs(got[file][label] - p), `${file} ${label}: ${got[file][label]} vs ${p}`).toBeLessThan(1e-5);
    }
  }
}

export const test = base.extend<{ app: AppPage }>({
  app: async ({ page }, use) => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await use(new AppPage(page));
    expect(errors, 'uncaught errors in the page').toEqual([]);
  },
});

export { expect };
