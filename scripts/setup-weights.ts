// npm run setup:weights [-- --models <dir>] [--cache <dir>] [--arch resnet50] [--strict]
// Run before `npm start` and `npm run build`: when models/ lacks pretrained ResNet50 weights, fetches Keras'
// ImageNet notop weights (progress line, md5 check, cache), converts them into models/ and lists them in
// models/manifest.json. Any failure is one sentence and exit 0: the build goes on without pretrained
// weights (--strict, for the Pages workflow, exits 1 instead).
// Environment: SEM_SKIP_WEIGHTS=1 skips; SEM_WEIGHTS_URL / SEM_WEIGHTS_MD5 replace the file and its md5
// (tests); SEM_WEIGHTS_CACHE is the cache folder (default ~/.cache/sem-classifier).
import { relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { ModelArch } from '../src/shared/models/manifest';
import { deployedBackbone, placeKerasH5 } from './lib/modelsDir';
import { cacheName, ChecksumError, defaultCacheDir, fetchCached, KERAS_RESNET50_NOTOP, progressLine } from './lib/weightsFetch';

const MODELS_DIR = fileURLToPath(new URL('../models/', import.meta.url));
/** A path as the user best reads it: relative to the working folder when inside it. */
function shown(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel === '' || rel.startsWith('..') ? path : rel;
}

const LATER = 'add them later with `npm run models:resnet50` (see models/README.md)';

export type SetupOutcome = 'skipped' | 'present' | 'placed' | 'failed';

export interface SetupOptions {
  modelsDir: string;
  cacheDir: string;
  url: string;
  md5: string;
  /** resnet50 (the default); resnet50-tiny for tests */
  arch: ModelArch;
  skip: boolean;
  log: (line: string) => void;
  warn: (line: string) => void;
  onProgress?: (received: number, total: number | null, done: boolean) => void;
}

/** The reason of a failed fetch in a few words: Node's fetch hides the network error in `cause`. */
function reason(e: unknown): string {
  if (!(e instanceof Error)) return String(e);
  const cause = e.cause instanceof Error ? e.cause.message : '';
  const text = cause && e.message === 'fetch failed' ? cause : cause ? `${e.message}: ${cause}` : e.message;
  return text.replace(/\s+/g, ' ').replace(/[.\s]+$/, '');
}

export async function setupWeights(o: SetupOptions): Promise<SetupOutcome> {
  if (o.skip) {
    o.log(`SEM_SKIP_WEIGHTS=1: no pretrained weights fetched; ${LATER}.`);
    return 'skipped';
  }
  const present = await deployedBackbone(o.modelsDir, o.arch);
  if (present) {
    o.log(`pretrained ${o.arch} weights: ${shown(resolve(o.modelsDir, present.path))} (${present.trainedOn}).`);
    return 'present';
  }
  const id = o.arch === 'resnet50' ? 'resnet50-imagenet' : `${o.arch}-pretrained`;
  try {
    const h5 = await fetchCached({ url: o.url, md5: o.md5, cacheDir: o.cacheDir, log: o.log, onProgress: o.onProgress });
    o.log(`converting ${cacheName(o.url)} into ${shown(resolve(o.modelsDir, id))}/ …`);
    const entry = await placeKerasH5(h5, o.modelsDir, { id, arch: o.arch, source: o.url });
    o.log(`pretrained ${o.arch} weights placed in ${shown(resolve(o.modelsDir, entry.path))} (${entry.params} parameters) and listed in manifest.json.`);
    return 'placed';
  } catch (e) {
    if (e instanceof ChecksumError) {
      o.warn(`${e.message}: continuing without pretrained weights (the app trains from scratch); ${LATER}.`);
    } else {
      o.warn(`Could not get the pretrained ResNet50 weights (${reason(e)}): continuing without them (the app trains from scratch); ${LATER}.`);
    }
    return 'failed';
  }
}

export async function main(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { models: { type: 'string' }, cache: { type: 'string' }, arch: { type: 'string' }, strict: { type: 'boolean' } },
  });
  const arch = values.arch ?? 'resnet50';
  if (arch !== 'resnet50' && arch !== 'resnet50-tiny') {
    console.error(`--arch must be resnet50 or resnet50-tiny (got ${arch}).`);
    return 2;
  }
  const url = env.SEM_WEIGHTS_URL || KERAS_RESNET50_NOTOP.url;
  const outcome = await setupWeights({
    modelsDir: resolve(values.models ?? MODELS_DIR),
    cacheDir: resolve(values.cache ?? defaultCacheDir(env)),
    url,
    md5: (env.SEM_WEIGHTS_MD5 || KERAS_RESNET50_NOTOP.md5).toLowerCase(),
    arch,
    skip: env.SEM_SKIP_WEIGHTS === '1',
    log: (line) => console.log(line),
    warn: (line) => console.warn(line),
    onProgress: progressLine(cacheName(url)),
  });
  return outcome === 'failed' && values.strict ? 1 : 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e: unknown) => {
      // A bad option or an unreadable manifest: said, and the build still goes on.
      console.warn(`The pretrained-weights step stopped (${reason(e)}): continuing without pretrained weights; ${LATER}.`);
      process.exit(process.argv.includes('--strict') ? 1 : 0);
    },
  );
}
