// Downloads a weights file into a cache folder with a progress line and an md5 check (Keras publishes the
// md5 of its application weights as `file_hash`). Used by the set-up step and by `npm run models:resnet50`.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { basename, join } from 'node:path';

export const KERAS_RESNET50_NOTOP = {
  url: 'https://storage.googleapis.com/tensorflow/keras-applications/resnet/resnet50_weights_tf_dim_ordering_tf_kernels_notop.h5',
  /** file_hash that keras.applications.resnet checks for this file */
  md5: '4d473c1dd8becc155b73f8504c6f6626',
};

/** $SEM_WEIGHTS_CACHE, else $XDG_CACHE_HOME/sem-classifier, else ~/.cache/sem-classifier. */
export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.SEM_WEIGHTS_CACHE) return env.SEM_WEIGHTS_CACHE;
  return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'sem-classifier');
}

/** The file's name in the cache: the last segment of the URL's path. */
export function cacheName(url: string): string {
  const last = decodeURIComponent(new URL(url).pathname.split('/').pop() ?? '');
  const safe = last.replace(/[^A-Za-z0-9._-]/g, '_');
  return safe === '' || safe.startsWith('.') ? 'weights.h5' : safe;
}

export class ChecksumError extends Error {}

export async function md5File(path: string): Promise<string> {
  const hash = createHash('md5');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

const mb = (n: number) => (n / 1e6).toFixed(1);

/**
 * A progress reporter: on a terminal one line rewritten in place, elsewhere (CI logs, pipes) a line at each
 * tenth of the file.
 */
export function progressLine(name: string, out: NodeJS.WriteStream = process.stdout): (received: number, total: number | null, done: boolean) => void {
  let lastTenth = -1;
  let last = '';
  return (received, total, done) => {
    const text = total
      ? `downloading ${name}: ${mb(received)} / ${mb(total)} MB (${Math.floor((100 * received) / total)} %)`
      : `downloading ${name}: ${mb(received)} MB`;
    if (out.isTTY) {
      out.write(`\r${text}${done ? '\n' : ''}`);
      return;
    }
    const tenth = total ? Math.floor((10 * received) / total) : Math.floor(received / 10e6);
    if ((tenth > lastTenth || done) && text !== last) {
      lastTenth = tenth;
      last = text;
      out.write(`${text}\n`);
    }
  };
}

export interface DownloadOptions {
  onProgress?: (received: number, total: number | null, done: boolean) => void;
  /** no response headers within this time, or no bytes for this long: give up */
  stallMs?: number;
}

/** Streams `url` into `dest`, hashing as it goes; returns the md5. A failed download leaves no file. */
export async function download(url: string, dest: string, opts: DownloadOptions = {}): Promise<string> {
  const controller = new AbortController();
  const stallMs = opts.stallMs ?? 30_000;
  let timer = setTimeout(() => controller.abort(new Error(`no answer within ${stallMs / 1000} s`)), stallMs);
  const alive = () => {
    clearTimeout(timer);
    timer = setTimeout(() => controller.abort(new Error(`the download stalled for ${stallMs / 1000} s`)), stallMs);
  };
  const hash = createHash('md5');
  const file = await open(dest, 'w');
  try {
    const res = await fetch(url, { signal: controller.signal });
    if (!res.ok || !res.body) throw new Error(`HTTP ${res.status} ${res.statusText}`.trim());
    const length = Number(res.headers.get('content-length'));
    const total = Number.isFinite(length) && length > 0 ? length : null;
    let received = 0;
    const reader = res.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      alive();
      hash.update(value);
      await file.write(value);
      received += value.byteLength;
      opts.onProgress?.(received, total, false);
    }
    if (total !== null && received !== total) throw new Error(`the server sent ${received} of ${total} bytes`);
    await file.close();
    opts.onProgress?.(received, total, true);
    return hash.digest('hex');
  } catch (e) {
    await file.close().catch(() => undefined);
    await rm(dest, { force: true });
    throw e;
  } finally {
    clearTimeout(timer);
  }
}

export interface CachedFetchOptions extends DownloadOptions {
  url: string;
  md5: string;
  cacheDir: string;
  log?: (line: string) => void;
}

/**
 * The path of a verified copy of `url` in `cacheDir`: the cached one when its md5 matches, otherwise a fresh
 * download. A download with another md5 is deleted and refused (ChecksumError).
 */
export async function fetchCached(opts: CachedFetchOptions): Promise<string> {
  const log = opts.log ?? console.log;
  const name = cacheName(opts.url);
  const path = join(opts.cacheDir, name);
  const cached = await stat(path).catch(() => null);
  if (cached?.isFile()) {
    if ((await md5File(path)) === opts.md5) {
      log(`using the cached ${name} (${path})`);
      return path;
    }
    log(`the cached ${name} has another md5: downloading it again`);
    await rm(path, { force: true });
  }
  await mkdir(opts.cacheDir, { recursive: true });
  const partial = join(opts.cacheDir, `.${basename(path)}.${process.pid}.part`);
  const md5 = await download(opts.url, partial, opts);
  if (md5 !== opts.md5) {
    await rm(partial, { force: true });
    throw new ChecksumError(`The downloaded ${name} has md5 ${md5}, not the published ${opts.md5}, so it was deleted`);
  }
  await rename(partial, path);
  return path;
}
