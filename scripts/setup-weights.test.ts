// The set-up step `npm start` and `npm run build` run first, against a local server on 127.0.0.1 serving a
// Keras-layout HDF5 file (a resnet50-tiny's weights, written here): download with progress, md5 check, cache,
// conversion into a models folder, and the one-sentence failures that let the build go on.
import * as tf from '@tensorflow/tfjs';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadConvertedBackbone } from '../src/worker/model/convertedBackbone';
import { loadH5Module } from '../src/worker/model/kerasH5';
import { buildResNet50 } from '../src/worker/model/resnet50';
import { writeKerasH5 } from '../src/worker/model/testKerasH5';
import { main } from './setup-weights';

const SCRIPT = fileURLToPath(new URL('./setup-weights.ts', import.meta.url));
const FILE = 'resnet50_weights_tf_dim_ordering_tf_kernels_notop.h5';

let dir: string;
let server: Server;
let base = '';
let requests = 0;
let h5Bytes: Uint8Array;
let md5 = '';
let params = 0;
let kernel: Float32Array;

beforeAll(async () => {
  await tf.setBackend('cpu');
  dir = await mkdtemp(join(tmpdir(), 'setup-weights-'));
  const model = buildResNet50({ variant: 'resnet50-tiny', seed: 4 });
  params = model.countParams();
  // save_weights layout with a top, as a Keras file may have; the converter skips the top.
  const written = await writeKerasH5(model, await loadH5Module(), { top: true, seed: 11 });
  model.dispose();
  h5Bytes = new Uint8Array(written.bytes);
  md5 = createHash('md5').update(h5Bytes).digest('hex');
  kernel = written.values.get('conv1_conv/kernel')!;
  server = createServer((req, res) => {
    requests++;
    if (req.url !== `/${FILE}`) return void res.writeHead(404).end('not found');
    res.writeHead(200, { 'Content-Length': h5Bytes.byteLength, 'Content-Type': 'application/octet-stream' });
    res.end(h5Bytes);
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((ok) => server?.close(ok));
  await rm(dir, { recursive: true, force: true });
});

interface Run { code: number; stdout: string; stderr: string }

/** The CLI as npm runs it (node + tsx), with its own environment. */
function cli(args: string[], env: Record<string, string>): Promise<Run> {
  return new Promise((done) => {
    execFile(process.execPath, ['--import', 'tsx', SCRIPT, ...args], { env: { ...process.env, SEM_SKIP_WEIGHTS: '', ...env } }, (e, stdout, stderr) => {
      done({ code: e ? Number(e.code ?? 1) : 0, stdout, stderr });
    });
  });
}

async function folders(name: string) {
  const models = join(dir, name, 'models');
  const cache = join(dir, name, 'cache');
  await mkdir(models, { recursive: true });
  // A deployer's bundle already listed: the step adds its entry beside it.
  await writeFile(join(models, 'manifest.json'), JSON.stringify({ models: [{ id: 'steel', kind: 'bundle', name: 'Steel', path: 'steel.zip' }] }));
  return { models, cache, args: ['--models', models, '--cache', cache, '--arch', 'resnet50-tiny'] };
}

describe('setup-weights (npm start / npm run build)', () => {
  it('checksum ok: downloads with a progress line, converts into models/ and lists the weights; then reuses them and the cache', async () => {
    const f = await folders('ok');
    const env = { SEM_WEIGHTS_URL: `${base}/${FILE}`, SEM_WEIGHTS_MD5: md5 };
    const first = await cli(f.args, env);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    const total = (h5Bytes.byteLength / 1e6).toFixed(1);
    expect(first.stdout).toContain(`downloading ${FILE}: ${total} / ${total} MB (100 %)`);
    expect(requests).toBe(1);
    expect(createHash('md5').update(await readFile(join(f.cache, FILE))).digest('hex')).toBe(md5);

    const manifest = JSON.parse(await readFile(join(f.models, 'manifest.json'), 'utf8'));
    expect(manifest.models.map((m: { id: string }) => m.id)).toEqual(['steel', 'resnet50-tiny-pretrained']);
    expect(manifest.models[1]).toMatchObject({ kind: 'backbone', arch: 'resnet50-tiny', path: 'resnet50-tiny-pretrained/model.json', preprocessing: 'caffe', params, source: env.SEM_WEIGHTS_URL });
    const folder = join(f.models, 'resnet50-tiny-pretrained');
    const { backbone } = await loadConvertedBackbone({
      modelJson: JSON.parse(await readFile(join(folder, 'model.json'), 'utf8')),
      loadShard: async (p) => new Uint8Array(await readFile(join(folder, p))).buffer,
    });
    expect(Array.from(backbone.getLayer('conv1_conv').getWeights()[0].dataSync())).toEqual(Array.from(kernel));
    backbone.dispose();

    // A second build finds them in models/: no request.
    const again = await cli(f.args, env);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('pretrained resnet50-tiny weights:');
    expect(requests).toBe(1);
    // A fresh models/ with the same cache: converted from the cache, still no request.
    await rm(folder, { recursive: true });
    expect(await main(f.args, env)).toBe(0);
    expect(existsSync(join(folder, 'model.json'))).toBe(true);
    expect(requests).toBe(1);
    // A damaged cached copy is fetched again, not used.
    await rm(folder, { recursive: true });
    await writeFile(join(f.cache, FILE), 'damaged');
    expect(await main(f.args, env)).toBe(0);
    expect(requests).toBe(2);
    expect(existsSync(join(folder, 'model.json'))).toBe(true);
  });

  it('checksum wrong: refuses the file in one sentence, deletes it, places nothing and exits 0', async () => {
    const f = await folders('wrong');
    const before = await readFile(join(f.models, 'manifest.json'), 'utf8');
    const published = '0123456789abcdef0123456789abcdef';
    const run = await cli(f.args, { SEM_WEIGHTS_URL: `${base}/${FILE}`, SEM_WEIGHTS_MD5: published });
    expect(run.code).toBe(0);
    expect(run.stderr.trim().split('\n')).toEqual([
      `The downloaded ${FILE} has md5 ${md5}, not the published ${published}, so it was deleted: continuing without ` +
        'pretrained weights (the app trains from scratch); add them later with `npm run models:resnet50` (see models/README.md).',
    ]);
    expect(await readdir(f.cache)).toEqual([]);
    expect(await readdir(f.models)).toEqual(['manifest.json']);
    expect(await readFile(join(f.models, 'manifest.json'), 'utf8')).toBe(before);
  });

  it('server down or missing file: says in one sentence that it continues without pretrained weights, exits 0 (1 with --strict)', async () => {
    const f = await folders('down');
    const closed = createServer();
    await new Promise<void>((ok) => closed.listen(0, '127.0.0.1', ok));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((ok) => closed.close(ok));
    const env = { SEM_WEIGHTS_URL: `http://127.0.0.1:${port}/${FILE}`, SEM_WEIGHTS_MD5: md5 };
    const run = await cli(f.args, env);
    expect(run.code).toBe(0);
    const lines = run.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^Could not get the pretrained ResNet50 weights \(.*ECONNREFUSED.*\): continuing without them .*`npm run models:resnet50`/);
    expect(await readdir(f.models)).toEqual(['manifest.json']);

    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    expect(await main([...f.args, '--strict'], env)).toBe(1);
    const missing = { SEM_WEIGHTS_URL: `${base}/other.h5`, SEM_WEIGHTS_MD5: md5 };
    expect(await main(f.args, missing)).toBe(0);
    expect(warn.mock.calls.map((c) => String(c[0]))).toEqual([expect.stringContaining('ECONNREFUSED'), expect.stringMatching(/^Could not get the pretrained ResNet50 weights \(HTTP 404 Not Found\): continuing without them/)]);
    warn.mockRestore();
    expect(await readdir(f.models)).toEqual(['manifest.json']);
    // SEM_SKIP_WEIGHTS=1: no request at all.
    const seen = requests;
    expect(await main(f.args, { ...env, SEM_WEIGHTS_URL: `${base}/${FILE}`, SEM_SKIP_WEIGHTS: '1' })).toBe(0);
    expect(requests).toBe(seen);
    expect(await readdir(f.models)).toEqual(['manifest.json']);
  });
});
