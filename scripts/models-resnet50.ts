// npm run models:resnet50 [-- --from <weights.h5>] [--out <dir>]
// Downloads Keras' ImageNet ResNet50 (notop) weights, or reads a local copy, and writes them as a tfjs
// layers-model into models/resnet50-imagenet/, registered in models/manifest.json.
import * as tf from '@tensorflow/tfjs';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { convertKerasH5ToTfjs } from './lib/convertKerasH5';
import { registerModel } from './lib/modelsDir';
import { cacheName, ChecksumError, defaultCacheDir, fetchCached, KERAS_RESNET50_NOTOP, progressLine } from './lib/weightsFetch';

export { convertKerasH5ToTfjs } from './lib/convertKerasH5';

export const WEIGHTS_URL = KERAS_RESNET50_NOTOP.url;
const WEIGHTS_MD5 = KERAS_RESNET50_NOTOP.md5;
const MODELS_DIR = fileURLToPath(new URL('../models/', import.meta.url));

const USAGE = `usage: npm run models:resnet50 [-- --from <resnet50 notop .h5>] [--out <dir>]
  --from  convert a local Keras weights file instead of downloading
          ${basename(WEIGHTS_URL)} (cached in ${defaultCacheDir()})
  --out   output folder (default models/resnet50-imagenet)`;

const OFFLINE_HELP = `Without network access, download the file elsewhere:
  ${WEIGHTS_URL}
and run: npm run models:resnet50 -- --from path/to/${basename(WEIGHTS_URL)}
or follow the Python route in models/README.md (tensorflowjs_converter).`;

/** Keras' file from the cache, or downloaded into it with a progress line and refused on a wrong md5. */
async function download(): Promise<ArrayBuffer> {
  let path: string;
  try {
    path = await fetchCached({ url: WEIGHTS_URL, md5: WEIGHTS_MD5, cacheDir: defaultCacheDir(), onProgress: progressLine(cacheName(WEIGHTS_URL)) });
  } catch (e) {
    if (e instanceof ChecksumError) throw new Error(`${e.message}.`);
    const cause = e instanceof Error ? `${e.message}${e.cause instanceof Error ? ` (${e.cause.message})` : ''}` : String(e);
    throw new Error(`Could not download ${WEIGHTS_URL}: ${cause}\n${OFFLINE_HELP}`);
  }
  return new Uint8Array(await readFile(path)).buffer;
}

export async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({ args: argv, options: { from: { type: 'string' }, out: { type: 'string' }, help: { type: 'boolean' } } });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const outDir = resolve(values.out ?? resolve(MODELS_DIR, 'resnet50-imagenet'));
  const bytes = values.from ? new Uint8Array(await readFile(values.from)).buffer : await download();
  if (values.from) {
    // A local file may be a re-saved copy (other bytes, same weights): only noted. A download must match.
    const md5 = createHash('md5').update(new Uint8Array(bytes)).digest('hex');
    if (md5 !== WEIGHTS_MD5) console.warn(`note: md5 ${md5} differs from Keras' ${WEIGHTS_MD5} (fine for a re-saved file).`);
  }

  tf.enableProdMode();
  await tf.setBackend('cpu');
  const result = await convertKerasH5ToTfjs(bytes, outDir);
  console.log(`wrote ${result.files.length} files to ${outDir}: ${result.params} params from ${result.loaded} layers` +
    (result.skipped.length > 0 ? `, skipped ${result.skipped.join(', ')}` : ''));

  const rel = relative(MODELS_DIR, outDir);
  if (rel.startsWith('..') || rel === '') {
    console.log('The output is outside models/: models/manifest.json left unchanged.');
    return;
  }
  await registerModel(MODELS_DIR, {
    id: basename(outDir),
    kind: 'backbone',
    arch: 'resnet50',
    path: `${rel.split(sep).join('/')}/model.json`,
    preprocessing: 'caffe',
    trainedOn: 'ImageNet-1k (ILSVRC 2012)',
    params: result.params,
    source: values.from ? `Keras applications ResNet50 weights (local file ${basename(values.from)})` : WEIGHTS_URL,
  });
  console.log('models/manifest.json updated.');
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main(process.argv.slice(2)).catch((e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
