// Hostile links and deploys (issue 15), through the built app: the service worker's Content-Security-Policy
// header on what it serves (the page and the worker scripts), with frame-ancestors 'self' and connect-src
// limited to the app's origin plus the https model URL in the address (one typed later: model-url.spec.ts);
// the app refuses to run inside another site's frame; a model load that hangs the worker is ended by the
// watchdog; and the e2e build keeps the test-only ?fault= hooks (production ignores them: deploy.spec.ts).
import { readdirSync } from 'node:fs';
import { expect, test } from './fixtures';
import { controlled, directive } from './serviceWorker';
import { PORT, SUBPATH_PORT } from '../playwright.config';

test('the service worker sends its CSP header on the page and the worker scripts: frame-ancestors, narrow connect-src', async ({ app, page }) => {
  await app.open('backbone=resnet50-tiny&backend=wasm&model=https://bundles.example/lab/m.zip');
  await controlled(page);
  const worker = readdirSync('dist/assets').find((f) => /compute\.worker.*\.js$/.test(f));
  expect(worker).toBeDefined();
  const policies = await page.evaluate(async (w) => {
    const get = async (u: string) => (await fetch(u)).headers.get('content-security-policy');
    return { page: await get(location.href), worker: await get(`./assets/${w}`) };
  }, worker!);
  for (const p of [policies.page, policies.worker]) {
    expect(directive(p, 'frame-ancestors')).toBe("frame-ancestors 'self'");
    // Own origin plus the https model URL the user gave; no blanket https:.
    expect(directive(p, 'connect-src')).toBe("connect-src 'self' https://bundles.example");
    expect(directive(p, 'script-src')).toBe("script-src 'self' blob: 'wasm-unsafe-eval'");
  }
});

test('npm start\'s server sends the same CSP header as the service worker, for the page and the workers it serves', async () => {
  const origin = `http://localhost:${PORT}`;
  const page = `${origin}/?model=https://bundles.example/lab/m.zip`;
  const worker = readdirSync('dist/assets').find((f) => /decode\.worker.*\.js$/.test(f))!;
  const get = async (url: string, referer?: string) => (await fetch(url, { headers: referer ? { Referer: referer } : {} })).headers.get('content-security-policy');
  for (const p of [await get(page), await get(`${origin}/assets/${worker}`, page)]) {
    expect(directive(p, 'frame-ancestors')).toBe("frame-ancestors 'self'");
    expect(directive(p, 'connect-src')).toBe("connect-src 'self' https://bundles.example");
  }
  // A worker script's own ?backbone= (the compute worker is started so) names its model host too.
  expect(directive(await get(`${origin}/assets/${worker}?backbone=https://hf.example/m/model.json`, `${origin}/`), 'connect-src')).toBe("connect-src 'self' https://hf.example");
  // Not on the service worker's own script: its fetches carry the model downloads the pages' policies allowed.
  expect(await get(`${origin}/sw.js`)).toBeNull();
});

test('the app does not run inside another site\'s frame', async ({ app, page }) => {
  // Install the service worker first, so the frame's response carries frame-ancestors; the script guard
  // covers a first visit too.
  await app.open('backbone=resnet50-tiny&backend=wasm');
  await controlled(page);
  // Another origin (the second test server), on a plain page of its own.
  await page.goto(`http://localhost:${SUBPATH_PORT}/not-the-app`);
  const navigated = page.waitForEvent('framenavigated', (f) => f !== page.mainFrame());
  await page.evaluate((src) => {
    const f = document.createElement('iframe');
    f.src = src;
    document.body.appendChild(f);
  }, `http://localhost:${PORT}/?backend=wasm`);
  const frame = await navigated;
  await frame.waitForLoadState('load').catch(() => undefined);
  const rendered = await frame.evaluate(() => document.querySelector('[data-testid="app.status"]') !== null).catch(() => false);
  expect(rendered ?? false).toBe(false);
});

test('the e2e build keeps the test-only ?fault= hooks (the existing fault tests depend on it)', async ({ app, page }) => {
  await app.open('backbone=resnet50-tiny&backend=wasm&fault=render-data');
  await app.step('data');
  await expect(page.getByText('injected by ?fault=render-data').first()).toBeVisible();
});

test('a model load that hangs the worker is ended by the watchdog; the ?model= link then does not hang every visit', async ({ app, page }) => {
  // Load 0 is the backbone, load 1 the linked bundle, which blocks the worker (test builds only); 8 s watchdog.
  const link = 'backbone=resnet50-tiny&backend=wasm&model=fixtures/hangs.zip&fault=stall-load@1,watchdog@8';
  await app.open(link);
  await expect(page.getByTestId('share.open-error')).toContainText(
    'Loading the model fixtures/hangs.zip made no progress for 8 s, so the compute worker was stopped and started again without it.',
    { timeout: 120_000 },
  );
  await app.waitReady();
  await expect(app.model).toHaveAttribute('data-backbone', 'resnet50-tiny');
  expect(new URL(page.url()).searchParams.get('model')).toBeNull();
  // The same link again: said, not loaded (no second hang to wait out).
  await app.open(link);
  await expect(page.getByTestId('share.open-error')).toContainText('stopped the app from responding when it was last opened here');
  await app.waitReady();
  await expect(app.model).toHaveAttribute('data-backbone', 'resnet50-tiny');
});
