// The models/ folder on disk: its manifest.json, and Keras .h5 weights converted into it as a tfjs
// layers-model (what the app loads from a manifest entry: model.json + 4 MiB shards, streamed and cached).
import { readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  parseModelsManifest,
  upsertModel,
  type BackboneEntry,
  type ModelArch,
  type ModelsManifest,
  type ModelsManifestEntry,
} from '../../src/shared/models/manifest';

export async function readManifestFile(modelsDir: string): Promise<ModelsManifest> {
  try {
    return parseModelsManifest(JSON.parse(await readFile(join(modelsDir, 'manifest.json'), 'utf8')));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { models: [] };
    throw e;
  }
}

export async function registerModel(modelsDir: string, entry: ModelsManifestEntry): Promise<void> {
  const next = upsertModel(await readManifestFile(modelsDir), entry);
  await writeFile(join(modelsDir, 'manifest.json'), `${JSON.stringify(next, null, 2)}\n`);
}

/** The manifest's backbone for `arch` whose model.json is on disk, if any (the one the app would load). */
export async function deployedBackbone(modelsDir: string, arch: ModelArch): Promise<BackboneEntry | null> {
  const entry = (await readManifestFile(modelsDir)).models.find((m): m is BackboneEntry => m.kind === 'backbone' && m.arch === arch);
  if (!entry) return null;
  const file = await stat(join(modelsDir, entry.path)).catch(() => null);
  return file?.isFile() ? entry : null;
}

export interface PlaceOptions {
  id: string;
  arch: ModelArch;
  /** shown to the user as where the weights came from */
  source: string;
}

/**
 * Converts Keras ResNet50 .h5 weights into models/<id>/ and lists them in models/manifest.json. The files
 * are written to a hidden folder first, so a failed conversion places nothing.
 */
export async function placeKerasH5(h5Path: string, modelsDir: string, opts: PlaceOptions): Promise<BackboneEntry> {
  const bytes = new Uint8Array(await readFile(h5Path)).buffer;
  const tf = await import('@tensorflow/tfjs');
  // Without it tfjs asks on the console for its Node backend: the cpu backend is enough for a conversion.
  tf.enableProdMode();
  await tf.setBackend('cpu');
  const { convertKerasH5ToTfjs } = await import('./convertKerasH5');
  const target = join(modelsDir, opts.id);
  const partial = join(modelsDir, `.${opts.id}.partial`);
  await rm(partial, { recursive: true, force: true });
  try {
    const result = await convertKerasH5ToTfjs(bytes, partial, { variant: opts.arch });
    await rm(target, { recursive: true, force: true });
    await rename(partial, target);
    const entry: BackboneEntry = {
      id: opts.id,
      kind: 'backbone',
      arch: opts.arch,
      path: `${opts.id}/model.json`,
      preprocessing: 'caffe',
      trainedOn: 'ImageNet-1k (ILSVRC 2012)',
      params: result.params,
      source: opts.source,
    };
    await registerModel(modelsDir, entry);
    return entry;
  } finally {
    await rm(partial, { recursive: true, force: true });
  }
}
