import { join } from 'node:path';
import { expect, GENERATED, test } from './fixtures';

test('dist/ served from a sub-path without isolation headers loads and classifies', async ({ app, page }) => {
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  await app.open('backbone=resnet50-tiny', 'http://localhost:4174/some/path/');
  await app.waitReady();
  await expect(app.status).toHaveAttribute('data-backend', /webgpu|webgl|wasm/);
  const rows = await app.classify([join(GENERATED, 'images', 'nanowires_0.png')]);
  await expect(rows.first()).toHaveAttribute('data-file', 'nanowires_0.png');
  // Every asset came from under the sub-path, and nothing went to another origin.
  for (const url of requests.filter((u) => !u.startsWith('blob:') && !u.startsWith('data:'))) {
    expect(url.startsWith('http://localhost:4174/some/path/')).toBe(true);
  }
});
