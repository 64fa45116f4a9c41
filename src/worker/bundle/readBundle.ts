// Gets a bundle's files from where the user pointed (chosen files or a URL) and hands them to the pure
// checks in src/shared/bundle: sizes are checked before reading, downloads stop at the size limit.
import { checkModelUrl } from '../../shared/modelUrl';
import { derivedUrl, DownloadTooLarge, readCapped, redactUrl, redirectProblem } from '../../shared/models/loaderGuard';
import {
  assembleBundle, BundleError, checkFileList, checkModelJson, DEFAULT_LIMITS, fileKind, looksLikeZip, unpackBundleZip,
  type BundleContents,
} from '../../shared/bundle/validate';
import type { BundleSource } from '../../shared/protocol';

const DTYPE_SIZE = new Map([['float32', 4], ['int32', 4], ['bool', 1], ['uint8', 1], ['uint16', 2], ['float16', 2], ['complex64', 8]]);

export type Progress = (stage: string, done: number, total: number) => void;

export interface ReadBundle {
  contents: BundleContents;
  /** absolute URL for a URL source */
  url: string | null;
  from: string;
}

async function download(url: string, limit: number, progress: Progress, label: string): Promise<Uint8Array> {
  const shown = redactUrl(url);
  let res: Response;
  try {
    res = await fetch(url);
  } catch (e) {
    throw new BundleError(`Could not download ${shown}: ${e instanceof Error ? e.message : String(e)} (offline, or the host does not allow this site to read it).`);
  }
  const moved = redirectProblem(url, res);
  if (moved) {
    await res.body?.cancel().catch(() => undefined);
    throw new BundleError(moved);
  }
  if (!res.ok) throw new BundleError(`Could not download ${shown}: HTTP ${res.status}${res.status === 404 ? ' (no such file on the server)' : ''}.`);
  try {
    return await readCapped(res, limit, shown, (done, total) => progress(`downloading ${label}`, done, total));
  } catch (e) {
    if (e instanceof DownloadTooLarge) throw new BundleError(e.message);
    throw e;
  }
}

/** A file next to the bundle's model.json, by the one URL rule every model source follows. */
function nextTo(path: string, modelUrl: string, baseUrl: string): string {
  const rule = derivedUrl(path, modelUrl, baseUrl);
  if (!rule.ok) throw new BundleError(rule.reason);
  return rule.url.href;
}

async function fromUrl(url: string, baseUrl: string, progress: Progress): Promise<BundleContents> {
  const name = url.split(/[?#]/)[0].split('/').pop() || url;
  const first = await download(url, DEFAULT_LIMITS.totalBytes, progress, name);
  if (!looksLikeZip(first) && first.byteLength > DEFAULT_LIMITS.jsonBytes) throw new BundleError(`${redactUrl(url)} is neither a bundle .zip nor a model.json of at most ${DEFAULT_LIMITS.jsonBytes / 2 ** 20} MB.`);
  progress('checking the bundle', 0, 1);
  if (looksLikeZip(first)) return unpackBundleZip(first);
  // A model.json URL: its weight files (and bundle.json, if there is one) sit next to it.
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(first));
  } catch {
    throw new BundleError(`${redactUrl(url)} is neither a bundle .zip nor a model.json.`);
  }
  const model = checkModelJson(json);
  const files = new Map<string, Uint8Array>([['model.json', first]]);
  const paths = model.weightsManifest.flatMap((g) => g.paths);
  // Each shard may be at most what its group's shapes need: a shard declared at 4 MB is not read to 1.5 GB.
  const need = new Map<string, number>();
  for (const g of model.weightsManifest) {
    const bytes = g.weights.reduce((n, w) => n + w.shape.reduce((a, b) => a * b, 1) * (DTYPE_SIZE.get(w.quantization?.dtype ?? w.dtype) ?? 0), 0);
    for (const p of g.paths) need.set(p, Math.min(bytes, DEFAULT_LIMITS.weightBytes));
  }
  let total = first.byteLength;
  for (const p of paths) {
    const bytes = await download(nextTo(p, url, baseUrl), need.get(p) ?? 0, progress, p);
    total += bytes.byteLength;
    if (total > DEFAULT_LIMITS.totalBytes) throw new BundleError(`The model at ${redactUrl(url)} is larger than the ${Math.round(DEFAULT_LIMITS.totalBytes / 1e6)} MB limit.`);
    files.set(p, bytes);
  }
  if (!model.userDefinedMetadata?.bundle) files.set('bundle.json', await download(nextTo('bundle.json', url, baseUrl), DEFAULT_LIMITS.jsonBytes, progress, 'bundle.json'));
  return assembleBundle(files);
}

async function fromFiles(files: File[], progress: Progress): Promise<BundleContents> {
  if (files.length === 0) throw new BundleError('No file was chosen.');
  if (files.length === 1 && !files[0].name.toLowerCase().endsWith('.json')) {
    const bytes = new Uint8Array(await files[0].arrayBuffer());
    if (!looksLikeZip(bytes)) throw new BundleError(`${files[0].name} is not a zip archive: give the bundle .zip, or model.json with its weight files.`);
    progress('checking the bundle', 0, 1);
    return unpackBundleZip(bytes);
  }
  const zips = files.filter((f) => f.name.toLowerCase().endsWith('.zip'));
  if (zips.length) throw new BundleError(`Give one bundle .zip on its own (got ${files.length} files including ${zips[0].name}).`);
  // Sizes and names are checked before any file is read.
  checkFileList(files.map((f) => ({ name: f.name, size: f.size })));
  const read = new Map<string, Uint8Array>();
  let done = 0;
  const total = files.reduce((n, f) => n + f.size, 0);
  for (const f of files) {
    if (!fileKind(f.name)) continue;
    read.set(f.name, new Uint8Array(await f.arrayBuffer()));
    done += f.size;
    progress('reading the files', done, total);
  }
  return assembleBundle(read);
}

export async function readBundle(source: BundleSource, baseUrl: string, progress: Progress): Promise<ReadBundle> {
  if (source.kind === 'url') {
    const checked = checkModelUrl(source.url, baseUrl);
    if (!checked.ok) throw new BundleError(checked.reason);
    const url = checked.url;
    return { contents: await fromUrl(url, baseUrl, progress), url, from: redactUrl(source.url) };
  }
  return { contents: await fromFiles(source.files, progress), url: null, from: source.files.map((f) => f.name).join(', ') };
}
