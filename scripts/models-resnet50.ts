// npm run models:resnet50 [-- --from <weights.h5>] [--out <dir>]
// Downloads Keras' ImageNet ResNet50 (notop) weights, or reads a local copy, and writes them as a tfjs
// layers-model into models/resnet50-imagenet/, registered in models/manifest.json.
import * as tf from '@tensorflow/tfjs';
import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { basename, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { parseModelsManifest, upsertModel, type ModelsManifestEntry } from '../src/worker/model/manifest';
import { convertKerasH5ToTfjs } from './lib/convertKerasH5';

export { convertKerasH5ToTfjs } from './lib/convertKerasH5';

export const WEIGHTS_URL =
  'https://storage.googleapis.com/tensorflow/keras-applications/resnet/resnet50_weights_tf_dim_ordering_tf_kernels_notop.h5';
/** file_hash that keras.applications.resnet checks for this file (md5) */
const WEIGHTS_MD5 = '4d473c1dd8becc155b73f8504c6f6626';
const MODELS_DIR = fileURLToPath(new URL('../models/', import.meta.url));

const USAGE = `usage: npm run models:resnet50 [-- --from <resnet50 notop .h5>] [--out <dir>]
  --from  convert a local Keras weights file instead of downloading
          ${basename(WEIGHTS_URL)}
  --out   output folder (default models/resnet50-imagenet)`;

const OFFLINE_HELP = `Without network access, download the file elsewhere:
  ${WEIGHTS_URL}
and run: npm run models:resnet50 -- --from path/to/${basename(WEIGHTS_URL)}
or follow the Python route in models/README.md (tensorflowjs_converter).`;

async function download(url: string): Promise<ArrayBuffer> {
  // Fail fast when offline; the body itself (~94 MB) may take longer than this.
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), 20_000);
  try {
    const res = await fetch(url, { signal: controller.signal });
    clearTimeout(timer);
    if (!res.ok) throw new Error(`HTTP ${res.status} ${res.statusText}`);
    return await res.arrayBuffer();
  } catch (e) {
    const cause = e instanceof Error ? `${e.message}${e.cause instanceof Error ? ` (${e.cause.message})` : ''}` : String(e);
    throw new Error(`Could not download ${url}: ${cause}\n${OFFLINE_HELP}`);
  } finally {
    clearTimeout(timer);
  }
}

async function updateManifest(entry: ModelsManifestEntry): Promise<void> {
  const file = resolve(MODELS_DIR, 'manifest.json');
  let current: unknown = { models: [] };
  try {
    current = JSON.parse(await readFile(file, 'utf8'));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  const next = upsertModel(parseModelsManifest(current), entry);
  await writeFile(file, `${JSON.stringify(next, null, 2)}\n`);
}

export async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({ args: argv, options: { from: { type: 'string' }, out: { type: 'string' }, help: { type: 'boolean' } } });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const outDir = resolve(values.out ?? resolve(MODELS_DIR, 'resnet50-imagenet'));
  const bytes = values.from
    ? new Uint8Array(await readFile(values.from)).buffer
    : (console.log(`downloading ${WEIGHTS_URL} …`), await download(WEIGHTS_URL));
  const md5 = createHash('md5').update(new Uint8Array(bytes)).digest('hex');
  if (md5 !== WEIGHTS_MD5) console.warn(`note: md5 ${md5} differs from Keras' ${WEIGHTS_MD5} (fine for a re-saved file).`);

  await tf.setBackend('cpu');
  const result = await convertKerasH5ToTfjs(bytes, outDir);
  console.log(`wrote ${result.files.length} files to ${outDir}: ${result.params} params from ${result.loaded} layers` +
    (result.skipped.length > 0 ? `, skipped ${result.skipped.join(', ')}` : ''));

  const rel = relative(MODELS_DIR, outDir);
  if (rel.startsWith('..') || rel === '') {
    console.log('The output is outside models/: models/manifest.json left unchanged.');
    return;
  }
  await updateManifest({
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
