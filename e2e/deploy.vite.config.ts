// Build "B" of e2e/deploy.spec.ts: the app's own vite.config.ts (production mode, as `npm run build`) with one
// statement added to the page's entry and to both workers, as a code change would: every JS file the page and
// the workers load gets a new hashed name, and the old names are gone from the server once B is deployed.
import { defineConfig, mergeConfig, type Plugin } from 'vite';
import app from '../vite.config';

const ENTRIES = /(src\/main\.tsx|src\/worker\/compute\.worker\.ts|src\/worker\/decode\/decode\.worker\.ts)$/;

function deployMark(): Plugin {
  return {
    name: 'e2e-deploy-mark',
    transform(code, id) {
      return ENTRIES.test(id.split('?')[0]) ? `${code}\n;globalThis.__SEM_DEPLOY__ = 'B';\n` : null;
    },
  };
}

export default defineConfig((env) => mergeConfig(app(env), { plugins: [deployMark()], worker: { plugins: () => [deployMark()] } }));
