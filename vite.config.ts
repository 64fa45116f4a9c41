import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { contentSecurityPolicy } from './vite.csp';
import { modelsFolder } from './vite.models';

// base './' keeps every asset path relative, so dist/ runs from any host and sub-path.
export default defineConfig({
  base: './',
  plugins: [react(), modelsFolder(), contentSecurityPolicy()],
  worker: {
    format: 'es',
    // tfjs' threaded wasm starts its pthreads from the emscripten factory's source text
    // (Function.prototype.toString); a minified factory refers to names outside itself and breaks.
    rolldownOptions: { output: { minify: false } },
  },
  build: { target: 'es2022', sourcemap: true, chunkSizeWarningLimit: 4000 },
  server: {
    headers: {
      'Cross-Origin-Opener-Policy': 'same-origin',
      'Cross-Origin-Embedder-Policy': 'require-corp',
    },
  },
});
