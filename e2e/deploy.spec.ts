// A deploy while tabs are open (issue 15, break 5): build A (the e2e dist/) is served from a folder of its own,
// tabs open on it, then the folder is swapped for build B (e2e/deploy.vite.config.ts: a production build in
// which the page's entry and both workers changed, so A's hashed files are gone from the server).
// - A tab under the service worker keeps running A after another tab let B take over: the worker keeps A's
//   files while a tab runs A (an import decodes every image), and drops them once none does.
// - A tab without a service worker (the decode worker's script 404s) says "The app was updated — reload"
//   instead of listing every image as "the decoder crashed"; its Reload runs B.
// - B, a production build, ignores ?fault= (break 8): the render fault the e2e build honours does nothing.
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import { expect, GENERATED, test } from './fixtures';
import { TRAIN_CLASSES, TRAIN_PER_CLASS, TRAIN_ROOT } from './trainTree';

const TREE = join(GENERATED, 'train', TRAIN_ROOT);
const IMAGES = TRAIN_CLASSES.length * TRAIN_PER_CLASS;
const QUERY = '?backbone=resnet50-tiny&backend=cpu';

function run(cmd: string, args: string[]): { proc: ChildProcess; done: Promise<string> } {
  const proc = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  proc.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  proc.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const done = new Promise<string>((resolve, reject) => {
    proc.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`${cmd} ${args.join(' ')} exited ${code}:\n${out.slice(-2000)}`))));
  });
  return { proc, done };
}

/** Serves `dir` on a free port; resolves with its origin once it listens. */
async function serve(dir: string): Promise<{ origin: string; proc: ChildProcess }> {
  const proc = spawn('node', ['scripts/serve.mjs', dir, '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const origin = await new Promise<string>((resolve, reject) => {
    let out = '';
    proc.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /http:\/\/localhost:(\d+)\//.exec(out);
      if (m) resolve(`http://localhost:${m[1]}`);
    });
    proc.on('exit', (code) => reject(new Error(`serve.mjs exited ${code}`)));
  });
  return { origin, proc };
}

function deploy(build: string, site: string): void {
  for (const f of readdirSync(site)) rmSync(join(site, f), { recursive: true, force: true });
  cpSync(build, site, { recursive: true });
}

/** Which build the page runs ('loading' while it navigates). */
const runs = (page: Page) => page.evaluate(() => ((globalThis as { __SEM_DEPLOY__?: string }).__SEM_DEPLOY__ ?? 'A')).catch(() => 'loading');

async function importTree(page: Page): Promise<void> {
  await page.getByTestId('nav.data').click();
  await page.getByTestId('dataset.folder-input').setInputFiles(TREE);
}

test('a deploy while tabs are open: old tabs keep working or say "The app was updated — reload"; B ignores ?fault=', async ({ browser }) => {
  test.setTimeout(240_000);
  const tmp = mkdtempSync(join(tmpdir(), 'sem-deploy-'));
  const site = join(tmp, 'site');
  const buildB = join(tmp, 'b');
  cpSync('dist', site, { recursive: true });
  // B builds while A's tabs open and its service worker installs.
  const building = run('npx', ['vite', 'build', '--config', 'e2e/deploy.vite.config.ts', '--outDir', buildB, '--emptyOutDir']);
  const server = await serve(site);
  const url = `${server.origin}/${QUERY}`;
  const errors: string[] = [];
  const contexts: BrowserContext[] = [];
  const open = async (context: BrowserContext, at = url): Promise<Page> => {
    const page = await context.newPage();
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(at);
    return page;
  };
  try {
    const withSw = await browser.newContext();
    const noSw = await browser.newContext({ serviceWorkers: 'block' });
    contexts.push(withSw, noSw);

    // Two tabs on A under its service worker (the first reload makes the first tab controlled).
    const first = await open(withSw);
    await first.waitForFunction(() => navigator.serviceWorker.ready.then(() => true), null, { timeout: 120_000 });
    await first.reload();
    await first.waitForFunction(() => navigator.serviceWorker.controller !== null);
    const second = await open(withSw);
    await second.waitForFunction(() => navigator.serviceWorker.controller !== null);
    // A tab with no service worker at all (a browser without one, or storage cleared).
    const bare = await open(noSw);
    await expect(bare.getByTestId('dataset.folder-input')).toBeAttached();
    expect([await runs(first), await runs(second), await runs(bare)]).toEqual(['A', 'A', 'A']);

    await building.done;
    deploy(buildB, site);

    // Without a service worker the decode worker's script is gone: one sentence, not 72 "decoder crashed".
    await importTree(bare);
    await expect(bare.getByTestId('dataset.status')).toHaveAttribute('data-state', 'error', { timeout: 60_000 });
    await expect(bare.getByTestId('dataset.status')).toContainText('The app was updated — reload');
    await expect(bare.getByTestId('app.update')).toHaveAttribute('data-state', 'stale');
    await expect(bare.getByText(/decoder crashed/)).toHaveCount(0);
    await bare.getByTestId('app.update').getByRole('button', { name: 'Reload' }).click();
    await expect.poll(() => runs(bare), { timeout: 60_000 }).toBe('B');

    // B is a production build: ?fault= does nothing there (the e2e build shows this render fault: hostile.spec).
    const prod = await open(noSw, `${server.origin}/${QUERY}&fault=render-data`);
    await expect(prod.getByTestId('dataset.folder-input')).toBeAttached({ timeout: 60_000 });
    expect(await runs(prod)).toBe('B');
    await expect(prod.getByText('injected by ?fault=render-data')).toHaveCount(0);

    // The tabs under the service worker learn of B (the browser's update check), and the first takes it.
    await first.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r?.update()));
    await expect(first.getByTestId('app.update')).toHaveAttribute('data-state', 'waiting', { timeout: 120_000 });
    await expect(second.getByTestId('app.update')).toHaveAttribute('data-state', 'waiting');
    await first.getByTestId('app.update').getByRole('button', { name: 'Reload' }).click();
    await expect.poll(() => runs(first), { timeout: 60_000 }).toBe('B');

    // The second tab still runs A under B's worker: A's decode worker comes from the kept files.
    expect(await runs(second)).toBe('A');
    await importTree(second);
    await expect(second.getByTestId('dataset.status')).toHaveAttribute('data-state', 'done', { timeout: 120_000 });
    await expect(second.getByTestId('dataset.total')).toHaveAttribute('data-count', String(IMAGES));
    await expect(second.getByText(/decoder crashed/)).toHaveCount(0);

    // Once no tab runs A, A's files leave the precache.
    const aDecoder = readdirSync(join('dist', 'assets')).find((f) => /^decode\.worker-.*\.js$/.test(f))!;
    const cachedA = (page: Page) => page.evaluate(async (name) => {
      for (const key of await caches.keys()) {
        if (!key.includes('precache')) continue;
        if ((await (await caches.open(key)).keys()).some((r) => r.url.endsWith(`/assets/${name}`))) return true;
      }
      return false;
    }, aDecoder);
    expect(await cachedA(second)).toBe(true);
    await second.reload();
    await expect.poll(() => runs(second), { timeout: 60_000 }).toBe('B');
    await expect.poll(() => cachedA(second), { timeout: 30_000 }).toBe(false);
    expect(errors, 'uncaught errors in the pages').toEqual([]);
  } finally {
    for (const c of contexts) await c.close();
    building.proc.kill();
    server.proc.kill();
    rmSync(tmp, { recursive: true, force: true });
  }
});
