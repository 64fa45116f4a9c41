import { cpSync, createReadStream, existsSync, statSync } from 'node:fs';
import { join, normalize, resolve, sep } from 'node:path';
import type { Plugin } from 'vite';

/**
 * models/ holds deployed weights and their manifest next to the app. It is copied into dist/models/ on build
 * and served at ./models/ by the dev server, so the app finds it relative to the page on any host.
 */
export function modelsFolder(dir = 'models'): Plugin {
  const root = resolve(dir);
  let outDir = 'dist';
  return {
    name: 'sem-models-folder',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    closeBundle() {
      if (existsSync(root)) cpSync(root, join(outDir, 'models'), { recursive: true });
    },
    configureServer(server) {
      server.middlewares.use('/models', (req, res, next) => {
        const file = normalize(join(root, decodeURIComponent((req.url ?? '/').split('?')[0])));
        if (!file.startsWith(root + sep) || !existsSync(file) || !statSync(file).isFile()) return next();
        res.setHeader('Content-Type', file.endsWith('.json') ? 'application/json' : 'application/octet-stream');
        createReadStream(file).pipe(res);
      });
    },
  };
}
