// A model URL typed into the app after it started (issue 15, a regression of break 11's fix): the compute
// worker's Content-Security-Policy is fixed when its script is served, so a converted model on another https
// site, typed under Train → Backbone, needs a new worker whose policy names that site. The second origin is
// an https server on 127.0.0.1 with a throw-away certificate (e2e/httpsServer.ts).
import { join } from 'node:path';
import { chromiumArgs, executablePath } from '../playwright.config';
import { expect, GENERATED, test } from './fixtures';
import { httpsFolder } from './httpsServer';
import { controlled, directive } from './serviceWorker';

// The second origin's certificate is self-signed: the browser must ignore that in its service worker too,
// which the context's ignoreHTTPSErrors does not reach.
test.use({ launchOptions: { executablePath, args: [...chromiumArgs, '--ignore-certificate-errors'] } });

test('a converted model typed as a URL on another https site loads under the service worker; the policy names only that site', async ({ app, page }) => {
  const other = await httpsFolder(join(GENERATED, 'tiny-backbone'));
  try {
    await app.open('backbone=resnet50-tiny&backend=wasm');
    await controlled(page);
    await app.waitReady();
    // The worker started with connect-src 'self': the typed URL's site is not in it, so the app restarts the
    // worker with the URL in the address (and in the worker's script URL, from which its policy is made).
    const url = `${other.origin}/model.json`;
    await app.step('train');
    await page.getByLabel('URL of a converted model.json').fill(url);
    await page.getByRole('button', { name: 'Load URL' }).click();
    await expect(app.model).toHaveAttribute('data-pretrained', 'true', { timeout: 150_000 });
    await expect(app.model).toHaveAttribute('data-state', 'ready');
    await expect(app.model).toHaveAttribute('data-backbone', url);
    expect(other.requests).toEqual(['/model.json', '/group1-shard1of1.bin']);
    expect(new URL(page.url()).searchParams.get('backbone')).toBe(url);
    // The policy the new worker's script came with names that one site and no other.
    const policy = await page.evaluate(async () => {
      const scripts = performance.getEntriesByType('resource').map((e) => e.name).filter((n) => n.includes('compute.worker'));
      return (await fetch(scripts[scripts.length - 1])).headers.get('content-security-policy');
    });
    expect(directive(policy, 'connect-src')).toBe(`connect-src 'self' ${other.origin}`);
  } finally {
    await other.close();
  }
});
