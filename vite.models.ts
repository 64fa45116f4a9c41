import { cpSync, createReadStream, existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join, normalize, resolve, sep } from 'node:path';
import type { Plugin } from 'vite';

export interface ModelsFolderOptions {
  /**
   * false: dist/models/ gets only an empty manifest, as in a fresh checkout, whatever the set-up step
   * (scripts/setup-weights.ts) put into models/: the e2e build's results never depend on a developer's weights.
   */
  deployed?: boolean;
}

/**
 * models/ holds deployed weights and their manifest next to the app. It is copied into dist/models/ on build
 * and served at ./models/ by the dev server, so the app finds it relative to the page on any host.
 */
export function modelsFolder(dir = 'models', opts: ModelsFolderOptions = {}): Plugin {
  const root = resolve(dir);
  let outDir = 'dist';
  return {
    name: 'sem-models-folder',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    closeBundle() {
      if (opts.deployed === false) {
        mkdirSync(join(outDir, 'models'), { recursive: true });
        writeFileSync(join(outDir, 'models', 'manifest.json'), '{\n  "models": []\n}\n');
      } else if (existsSync(root)) {
        // Hidden entries are work in progress (a conversion's `.partial` folder), never part of a deployment.
        cpSync(root, join(outDir, 'models'), { recursive: true, filter: (src) => !src.slice(root.length).split(sep).some((p) => p.startsWith('.')) });
      }
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
