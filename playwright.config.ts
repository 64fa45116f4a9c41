import { defineConfig } from '@playwright/test';
import { existsSync } from 'node:fs';

// Use the system Chromium when there is one (Debian's package on CI and this kind of machine, or
// CHROMIUM_PATH); otherwise Playwright's own browser, as on a laptop after `npx playwright install chromium`.
const systemChromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const executablePath = existsSync(systemChromium) ? systemChromium : undefined;
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

export const chromiumArgs = [
  '--enable-unsafe-webgpu',
  '--enable-unsafe-swiftshader',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  ...(isRoot ? ['--no-sandbox'] : []),
];

// E2E_PORT moves both servers, so two checkouts can run their tests side by side.
export const PORT = Number(process.env.E2E_PORT ?? 4173);
export const SUBPATH_PORT = PORT + 1;

export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  globalSetup: './e2e/global-setup.ts',
  timeout: 180_000,
  expect: { timeout: 60_000 },
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  reporter: process.env.CI ? [['list'], ['html', { open: 'never' }]] : 'list',
  use: {
    baseURL: `http://localhost:${PORT}/`,
    trace: 'retain-on-failure',
    launchOptions: { executablePath, args: chromiumArgs },
  },
  projects: [{ name: 'chromium', use: { browserName: 'chromium' } }],
  webServer: [
    {
      // A test build: `--mode e2e` keeps the test-only `?fault=` hooks that production builds compile away.
      command: `npx vite build --mode e2e && node scripts/serve.mjs dist --port ${PORT} --mount fixtures=e2e/.generated`,
      url: `http://localhost:${PORT}/`,
      reuseExistingServer: false,
      timeout: 300_000,
      stdout: 'pipe',
    },
    {
      // The same dist/ under a sub-path, without isolation or CSP headers, as GitHub Pages would serve it, with a
      // deployer's models/ folder holding (tiny) pretrained weights.
      command: `node scripts/serve.mjs dist --port ${SUBPATH_PORT} --base /some/path/ --no-isolation --no-csp --mount models=e2e/.generated/deployed-models`,
      url: `http://localhost:${SUBPATH_PORT}/some/path/`,
      reuseExistingServer: false,
      timeout: 300_000,
    },
  ],
});
