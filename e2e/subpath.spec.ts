import { join } from 'node:path';
import { expect, GENERATED, test } from './fixtures';

const SUBPATH = `http://localhost:${Number(process.env.E2E_PORT ?? 4173) + 1}/some/path/`;

test('dist/ served from a sub-path without isolation headers loads the deployed weights and classifies', async ({ app, page }) => {
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  await app.open('backbone=resnet50-tiny', SUBPATH);
  await app.waitReady();
  await expect(app.status).toHaveAttribute('data-backend', /webgpu|webgl|wasm/);
  // models/manifest.json of this deployment lists pretrained weights for the architecture: they are used.
  await expect(app.model).toHaveAttribute('data-pretrained', 'true');
  await expect(app.model).toContainText('pretrained on synthetic test weights');
  const rows = await app.classify([join(GENERATED, 'images', 'nanowires_0.png')]);
  await expect(rows.first()).toHaveAttribute('data-file', 'nanowires_0.png');
  // Every asset came from under the sub-path, and nothing went to another origin.
  for (const url of requests.filter((u) => !u.startsWith('blob:') && !u.startsWith('data:'))) {
    expect(url.startsWith(SUBPATH)).toBe(true);
  }
});

test('pretrained=none ignores deployed weights and says it trains from scratch', async ({ app }) => {
  await app.open('backbone=resnet50-tiny&pretrained=none&backend=wasm', SUBPATH);
  await app.waitReady();
  await expect(app.model).toHaveAttribute('data-pretrained', 'false');
  await expect(app.model).toContainText('no pretrained weights: training from scratch');
  // Without isolation headers wasm runs single-threaded, and the status says so and why.
  await expect(app.status).toHaveAttribute('data-threads', '1');
  await expect(app.status).toHaveAttribute('title', /single-threaded: the page is not cross-origin isolated/);
});
