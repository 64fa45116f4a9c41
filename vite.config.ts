import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { readFileSync } from 'node:fs';
import { VitePWA } from 'vite-plugin-pwa';
import { contentSecurityPolicy } from './vite.csp.ts';
import { modelsFolder } from './vite.models.ts';

const version = (JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string }).version;

// base './' keeps every asset path relative, so dist/ runs from any host and sub-path.
// `--mode e2e` (the e2e tests' build) turns on the test-only `?fault=` hooks (src/shared/faults.ts); every
// other build compiles them away.
export default defineConfig(({ mode }) => ({
  base: './',
  define: { __APP_VERSION__: JSON.stringify(version), __TEST_FAULTS__: JSON.stringify(mode === 'e2e') },
  plugins: [
    react(),
    // e2e builds see the models/ of a fresh checkout (see vite.models.ts).
    modelsFolder('models', { deployed: mode !== 'e2e' }),
    contentSecurityPolicy(),
    // Offline and installable: src/sw.ts precaches what the build emits (tfjs .wasm and the worker bundles
    // included) and adds the isolation headers; the app registers it itself (src/ui/pwa), relative to the page.
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'src',
      filename: 'sw.ts',
      injectRegister: false,
      manifestFilename: 'manifest.webmanifest',
      manifest: {
        name: 'SEM Classifier',
        short_name: 'SEM Classifier',
        description: 'Fine-tune a ResNet50 on your SEM images, in your browser. Your images never leave it.',
        start_url: './',
        scope: './',
        display: 'standalone',
        background_color: '#f6f7f9',
        theme_color: '#1d2b3a',
        icons: [
          { src: 'favicon.svg', sizes: 'any', type: 'image/svg+xml' },
          { src: 'icons/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      injectManifest: {
        rollupFormat: 'iife',
        globPatterns: ['**/*.{js,css,html,wasm,svg,png,webmanifest}'],
        // Deployed weights are cached when used, not on install; source maps are for developers.
        globIgnores: ['models/**', '**/*.map', 'sw.js'],
        // The compute worker bundle holds all of tfjs, unminified (see worker.rolldownOptions).
        maximumFileSizeToCacheInBytes: 32 * 1024 * 1024,
      },
    }),
  ],
  worker: {
    format: 'es',
    // tfjs' threaded wasm starts its pthreads from the emscripten factory's source text
    // (Function.prototype.toString); a minified factory refers to names outside itself and breaks.
    rolldownOptions: { output: { minify: false } },
  },
  // No plugin-timing report: on a busy machine it reads like a problem with the build, and it is not one.
  build: { target: 'es2022', sourcemap: true, chunkSizeWarningLimit: 4000, rolldownOptions: { checks: { bundlerTimings: false } } },
  server: {
    headers: {
      'Cross-Origin-Opener-Policy': 'same-origin',
      'Cross-Origin-Embedder-Policy': 'require-corp',
    },
  },
}));
