// Helpers for specs that run under the app's service worker.
import type { Page } from '@playwright/test';

/** One directive of a Content-Security-Policy, or null. */
export const directive = (policy: string | null, name: string) => policy?.split(';').map((d) => d.trim()).find((d) => d.startsWith(`${name} `)) ?? null;

/** Waits for the service worker to install, then reloads so that it controls the page. */
export async function controlled(page: Page): Promise<void> {
  await page.waitForFunction(() => navigator.serviceWorker?.ready.then(() => true), null, { timeout: 120_000 });
  await page.reload();
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 60_000 });
}
