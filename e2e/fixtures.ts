import { test as base, expect, type Locator, type Page } from '@playwright/test';
import { join } from 'node:path';

export const GENERATED = join(import.meta.dirname, '.generated');

/** Page object over the contract's test ids (shared/design/CONTRACT.md). */
export class AppPage {
  readonly status: Locator;
  readonly model: Locator;
  constructor(readonly page: Page) {
    this.status = page.getByTestId('app.status');
    this.model = page.getByTestId('model.status');
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

  async classify(files: string[]): Promise<Locator> {
    await this.step('classify');
    await this.page.getByTestId('predict.files-input').setInputFiles(files);
    const rows = this.page.getByTestId('predict.row');
    await expect(rows).toHaveCount(files.length, { timeout: 120_000 });
    return rows;
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
