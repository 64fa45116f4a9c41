// Reliability and security through the built app: the Content-Security-Policy on every backend (boot,
// classify, train), refused model URLs, storage filling up during an import, error boundaries, and
// accessible names and keyboard reach on the Data and Train steps.
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, GENERATED, test } from './fixtures';
import { SUBPATH_PORT } from '../playwright.config';
import { enforceCsp } from './reliability';
import { TRAIN_CLASSES, TRAIN_PER_CLASS, TRAIN_ROOT } from './trainTree';

const IMAGE = join(GENERATED, 'images', 'particles_0.png');
const TREE = join(GENERATED, 'train', TRAIN_ROOT);

const CSP_CASES = [
  { name: 'wasm (threaded)', query: 'backend=wasm', origin: '' },
  { name: 'wasm (no isolation: single-threaded)', query: 'backend=wasm', origin: `http://localhost:${SUBPATH_PORT}/some/path/` },
  { name: 'webgl', query: 'backend=webgl', origin: '' },
  { name: 'webgpu', query: 'backend=webgpu', origin: '' },
];

for (const c of CSP_CASES) {
  test(`CSP: boots and classifies on ${c.name} with no policy violation`, async ({ app, page }) => {
    const csp = await enforceCsp(page);
    await app.open(`backbone=resnet50-tiny&${c.query}`, c.origin);
    await app.waitReady();
    const meta = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    expect(meta).toContain("script-src 'self' blob: 'wasm-unsafe-eval'");
    await app.classify([IMAGE]);
    expect(csp.routed.some((u) => /compute\.worker|worker.*\.js/.test(u)), 'worker scripts got the CSP header').toBe(true);
    expect(await csp.violations()).toEqual([]);
  });
}

async function importTree(page: Page): Promise<void> {
  await page.getByTestId('dataset.folder-input').setInputFiles(TREE);
  await expect(page.getByTestId('dataset.status')).toHaveAttribute('data-state', 'done', { timeout: 120_000 });
}

test('CSP + keyboard: import by keyboard, start training with Enter, train to the end with no policy violation', async ({ app, page }) => {
  test.setTimeout(300_000);
  const csp = await enforceCsp(page);
  await app.open('backbone=resnet50-tiny&backend=webgl&schedule=32x1&batch=8&seed=1');
  await app.waitReady();

  // Step nav by keyboard: Tab reaches the tabs, Enter switches.
  const reached = await tabUntil(page, (el) => el.testid === 'nav.data');
  expect(reached).toBe(true);
  await page.keyboard.press('Enter');
  await expect(page.locator('#step-data')).toBeVisible();
  // The drop zone opens the folder chooser on Enter.
  expect(await tabUntil(page, (el) => /choose a folder/i.test(el.label))).toBe(true);
  const chooser = page.waitForEvent('filechooser');
  await page.keyboard.press('Enter');
  await (await chooser).setFiles(TREE);
  await expect(page.getByTestId('dataset.status')).toHaveAttribute('data-state', 'done', { timeout: 120_000 });
  await expect(page.getByTestId('dataset.total')).toHaveAttribute('data-count', String(TRAIN_CLASSES.length * TRAIN_PER_CLASS));

  await page.getByTestId('nav.train').focus();
  await page.keyboard.press('Space');
  await expect(page.locator('#step-train')).toBeVisible();
  expect(await tabUntil(page, (el) => el.testid === 'train.start')).toBe(true);
  await page.keyboard.press('Enter');
  const status = page.getByTestId('train.status');
  await expect(status).toHaveAttribute('data-state', 'running');
  await expect(status).toHaveAttribute('data-state', 'done', { timeout: 240_000 });
  expect(await csp.violations()).toEqual([]);
});

/** Presses Tab until the focused element matches (at most 80 times). */
async function tabUntil(page: Page, match: (el: { testid: string; label: string }) => boolean): Promise<boolean> {
  for (let i = 0; i < 80; i++) {
    await page.keyboard.press('Tab');
    const el = await page.evaluate(() => {
      const a = document.activeElement as HTMLElement | null;
      return { testid: a?.getAttribute('data-testid') ?? '', label: a?.getAttribute('aria-label') ?? a?.textContent ?? '' };
    });
    if (match(el)) return true;
  }
  return false;
}

test('every input, select and button on the Data and Train steps has an accessible name', async ({ app, page }) => {
  await app.open('backbone=resnet50-tiny&backend=wasm');
  await app.waitReady();
  await importTree(page);
  for (const step of ['data', 'train'] as const) {
    await app.step(step);
    const unnamed = await page.locator(`#step-${step} :is(input, select, textarea, button), header :is(input, select, button)`).evaluateAll((els) =>
      els.flatMap((el) => {
        const text = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, ' ').trim();
        const byIds = text(el.getAttribute('aria-labelledby')?.split(/\s+/).map((id) => document.getElementById(id)?.textContent ?? '').join(' '));
        const labels = 'labels' in el ? Array.from((el as HTMLInputElement).labels ?? []).map((l) => l.textContent).join(' ') : '';
        const own = el.tagName === 'BUTTON' ? el.textContent : '';
        const value = el instanceof HTMLInputElement && ['button', 'submit'].includes(el.type) ? el.value : '';
        const name = text(el.getAttribute('aria-label')) || byIds || text(labels) || text(own) || text(el.getAttribute('title')) || value;
        return name ? [] : [el.outerHTML.slice(0, 160)];
      }),
    );
    expect(unnamed, `unnamed controls on the ${step} step`).toEqual([]);
  }
});

test('model URLs that are not http(s), or plain http to another site, are refused with a sentence', async ({ app, page }) => {
  for (const [url, reason] of [
    ['javascript:alert(1)', /"javascript:" URLs are refused/],
    ['data:application/json,{}', /"data:" URLs are refused/],
    ['http://example.com/model.json', /must come over https/],
  ] as const) {
    await app.open(`backbone=${encodeURIComponent(url)}&backend=wasm`);
    await expect(app.model).toHaveAttribute('data-state', 'error', { timeout: 60_000 });
    await app.step('train');
    await expect(page.locator('#step-train').getByText(reason).first()).toBeVisible();
  }
});

test('storage full during an import: told what was kept, how much more is needed, how to free space; kept images survive a reload', async ({ app, page }) => {
  test.setTimeout(240_000);
  await app.open('backbone=resnet50-tiny&backend=wasm&fault=quota-import@1');
  await app.step('data');
  await importTree(page);
  const note = page.getByTestId('dataset.stop-reason');
  await expect(note).toContainText('Storage is full');
  await expect(note).toContainText('the 32 images stored before it are kept and usable');
  await expect(note).toContainText(/About [\d.]+ (KB|MB) more is needed for the other 40 files/);
  await expect(note).toContainText(/delete the stored dataset or old training runs/);
  await expect(page.getByTestId('dataset.total')).toHaveAttribute('data-count', '32');
  const counts = await page.getByTestId('dataset.class-row').evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-count'))));
  expect(counts.reduce((a, b) => a + b, 0)).toBe(32);

  // What was stored is consistent: after a reload (no fault) the same 32 images come back from IndexedDB.
  await app.open('backbone=resnet50-tiny&backend=wasm');
  await app.step('data');
  await expect(page.getByTestId('dataset.total')).toHaveAttribute('data-count', '32', { timeout: 30_000 });
  await expect(page.getByTestId('dataset.stop-reason')).toContainText('Storage is full');
});

test('a rendering error in one step shows a message with Try again; the other steps keep working', async ({ app, page }) => {
  const consoleErrors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
  await app.open('backbone=resnet50-tiny&backend=wasm&fault=render-data');
  await app.waitReady();
  await app.step('data');
  const fallback = page.locator('#step-data [data-testid="app.render-error"]');
  await expect(fallback).toBeVisible();
  await expect(fallback).toContainText('Something went wrong while showing the Data step: injected by ?fault=render-data');
  await app.step('train');
  await expect(page.getByTestId('train.start')).toBeVisible();
  await app.step('data');
  await fallback.getByRole('button', { name: 'Try again' }).click();
  await expect(fallback).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'Import images' })).toBeVisible();
  await expect(page.getByTestId('dataset.folder-input')).toHaveCount(1);
  expect(consoleErrors.some((t) => /injected by \?fault=render-data/.test(t))).toBe(true);
});
