import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, GENERATED, test, type AppPage } from './fixtures';
import { TRAIN_ROOT } from './trainTree';

// Issue 19.8: every step at a desktop (1440 px) and a phone (390 px) width, before and after a (fast, wasm) run.
// Screenshots go to test-results/screens/ (not committed) so a person can look at every step.
const STEPS = ['data', 'train', 'evaluate', 'classify', 'share'] as const;
const QUERY = 'backbone=resnet50-tiny&backend=wasm&mode=fast&schedule=32x2&batch=8&seed=1';
const SHOTS = join(import.meta.dirname, '..', 'test-results', 'screens');

/** The widest elements sticking out past the window, to name in a failure. */
async function overflowing(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const w = document.documentElement.clientWidth;
    const out: string[] = [];
    for (const el of Array.from(document.querySelectorAll<HTMLElement>('body *'))) {
      const r = el.getBoundingClientRect();
      if (r.width > 0 && r.right > w + 0.5 && el.offsetParent !== null) {
        out.push(`${el.tagName.toLowerCase()}.${el.className || ''}#${el.id || ''} right=${Math.round(r.right)} "${(el.textContent ?? '').slice(0, 40)}"`);
      }
    }
    return out.slice(0, 12);
  });
}

async function everyStep(app: AppPage, page: Page, phase: string): Promise<void> {
  for (const width of [1440, 390]) {
    await page.setViewportSize({ width, height: width === 1440 ? 900 : 844 });
    for (const step of STEPS) {
      await app.step(step);
      await expect(page.locator(`#step-${step}`)).toBeVisible();
      await page.screenshot({ path: join(SHOTS, `${phase}-${step}-${width}.png`), fullPage: true });
      if (width === 390) {
        const scroll = await page.evaluate(() => document.documentElement.scrollWidth);
        expect(scroll, `${phase} ${step} at 390 px is ${scroll} px wide: ${(await overflowing(page)).join('\n')}`).toBeLessThanOrEqual(390);
      }
    }
  }
}

test('every step fits a 390 px phone and a 1440 px desktop, empty and after a run; tabs, skip link, status bar', async ({ app, page }) => {
  test.setTimeout(300_000);
  await app.open(QUERY);
  await app.waitReady();
  await everyStep(app, page, 'empty');

  // Keyboard: one tab stop for the steps, arrows move between them and open the step.
  await page.setViewportSize({ width: 1440, height: 900 });
  await app.step('data');
  await page.getByTestId('nav.data').focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('nav.train')).toBeFocused();
  await expect(page.getByTestId('nav.train')).toHaveAttribute('aria-selected', 'true');
  await expect(page.locator('#step-train')).toBeVisible();
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  await expect(page.getByTestId('nav.share')).toBeFocused();
  await expect(page.locator('#step-share')).toBeVisible();
  await page.keyboard.press('Home');
  await expect(page.getByTestId('nav.data')).toHaveAttribute('aria-selected', 'true');
  await expect(page.locator('[role=tab][tabindex="0"]')).toHaveCount(1);

  // A skip link is the first thing Tab reaches, and it moves focus into the open step.
  await page.reload();
  await app.waitReady();
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: /skip to the current step/i });
  await expect(skip).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('#step-data')).toBeFocused();

  // The status bar sits at the bottom of the window, on one line, at 1440 px.
  const bar = page.getByRole('contentinfo', { name: 'Status' });
  const box = (await bar.boundingBox())!;
  expect(Math.round(box.y + box.height)).toBe(900);
  expect(box.height).toBeLessThan(40);
  await page.mouse.wheel(0, 2000);
  expect(Math.round((await bar.boundingBox())!.y + box.height)).toBe(900);

  await page.getByTestId('dataset.folder-input').setInputFiles(join(GENERATED, 'train', TRAIN_ROOT));
  await expect(page.getByTestId('dataset.status')).toHaveAttribute('data-state', 'done', { timeout: 120_000 });
  await app.step('train');
  await page.getByTestId('train.start').click();
  await expect(page.getByTestId('train.status')).toHaveAttribute('data-state', 'done', { timeout: 240_000 });
  await app.classify([join(GENERATED, 'train', TRAIN_ROOT, 'porous', 'porous_01.png'), join(GENERATED, 'train', TRAIN_ROOT, 'tips', 'tips_02.png')]);
  await everyStep(app, page, 'trained');

  // The confusion matrix scrolls inside its own box at 390 px, never the page.
  await app.step('evaluate');
  const cm = page.locator('.cm-scroll');
  await expect(cm).toBeVisible();
  const cmBox = (await cm.boundingBox())!;
  expect(cmBox.x + cmBox.width).toBeLessThanOrEqual(390);

  // Accessible names contain the visible label (WCAG 2.5.3), for every labelled button on every step.
  for (const step of STEPS) {
    await app.step(step);
    const bad = await page.locator(`#step-${step} button[aria-label]`).evaluateAll((els) => els
      .map((b) => ({ name: b.getAttribute('aria-label') ?? '', text: (b.textContent ?? '').replace(/[…×]/g, '').trim() }))
      .filter((b) => b.text && /\w/.test(b.text) && !b.name.toLowerCase().includes(b.text.toLowerCase())));
    expect(bad, `${step}: buttons whose name hides their label`).toEqual([]);
  }
});
