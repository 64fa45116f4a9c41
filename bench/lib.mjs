// Shared plumbing for benchmarks: serve dist/, launch Chromium the same way the e2e tests do.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cpus, platform, totalmem } from 'node:os';
import { chromium } from '@playwright/test';

const root = new URL('..', import.meta.url).pathname;
// Benchmarks build into their own folder so a test run rebuilding dist/ cannot change what is measured.
const OUT = 'bench/.dist';

export function build() {
  const r = spawnSync('npx', ['vite', 'build', '--outDir', OUT, '--emptyOutDir'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  if (r.status !== 0) throw new Error('vite build failed');
}

/** Serves the benchmark build; `extra` goes to scripts/serve.mjs (e.g. ['--mount', 'prefix=dir']). */
export async function serve(port, extra = []) {
  const child = spawn(process.execPath, ['scripts/serve.mjs', OUT, '--port', String(port), ...extra], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise((resolve, reject) => {
    child.stdout.once('data', resolve);
    child.once('exit', (code) => reject(new Error(`server exited (${code})`)));
  });
  return { url: `http://localhost:${port}/`, close: () => child.kill() };
}

/** Debian's Chromium when present (CHROMIUM_PATH overrides), else Playwright's; --gpu adds the flags for a real GPU. */
export async function launch({ gpu = false } = {}) {
  const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const args = [
    '--enable-unsafe-webgpu', '--enable-unsafe-swiftshader', '--disable-background-networking', '--disable-component-update',
    '--disable-sync', '--no-first-run', '--disable-quic', ...(isRoot ? ['--no-sandbox'] : []),
    ...(gpu ? ['--enable-features=Vulkan,VulkanFromANGLE,DefaultANGLEVulkan', '--use-angle=vulkan', '--use-vulkan', '--ignore-gpu-blocklist', '--enable-gpu'] : []),
    ...(process.env.BENCH_CHROMIUM_ARGS ? process.env.BENCH_CHROMIUM_ARGS.split(' ') : []),
  ];
  return chromium.launch({ executablePath: existsSync(path) ? path : undefined, args, headless: true });
}

export function machine() {
  const c = cpus();
  return {
    name: process.env.BENCH_MACHINE ?? `${c.length}core-${platform()}`,
    cpu: c[0]?.model ?? 'unknown',
    cores: c.length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
  };
}

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** Opens the app with ?bench and waits for the worker and model to be ready; returns what the status bar says. */
export async function openApp(browser, url, query, timeout = 900_000) {
  const page = await browser.newPage();
  await page.goto(`${url}?bench&${query}`);
  const status = page.getByTestId('app.status');
  await status.and(page.locator('[data-ready="true"]')).waitFor({ timeout });
  const model = page.getByTestId('model.status');
  const state = await model.getAttribute('data-state');
  if (state !== 'ready') throw new Error(`model not ready (${state}): ${await model.getAttribute('title')}`);
  return {
    page,
    backend: await status.getAttribute('data-backend'),
    adapter: await status.getAttribute('data-adapter'),
    params: Number(await model.getAttribute('data-params')),
  };
}
