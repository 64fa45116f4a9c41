// The URL rules and byte caps through the real loaders (issue 15, break 4): ModelSession.load for a
// `?backbone=` URL (session.ts) and readBundle for a `?model=` URL, against two real HTTP servers on
// 127.0.0.1: the app's origin and "another origin" that must never be asked for anything.
import * as tf from '@tensorflow/tfjs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildResNet50 } from './model/resnet50';
import { readBundle } from './bundle/readBundle';
import { ModelSession } from './session';

type Route = (req: IncomingMessage, res: ServerResponse) => void;

interface TestServer {
  origin: string;
  routes: Map<string, Route>;
  requests: string[];
  close: () => Promise<void>;
}

async function startServer(): Promise<TestServer> {
  const routes = new Map<string, Route>();
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    requests.push(path);
    const route = routes.get(path);
    if (route) route(req, res);
    else res.writeHead(404).end('not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    routes,
    requests,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

const json = (body: unknown): Route => (_req, res) => res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
const bytes = (data: Uint8Array): Route => (_req, res) => res.writeHead(200, { 'Content-Length': data.byteLength }).end(data);
const redirect = (to: string): Route => (_req, res) => res.writeHead(302, { Location: to }).end();

let app: TestServer;
let other: TestServer;
let modelJson: { modelTopology: unknown; weightsManifest: { paths: string[]; weights: unknown[] }[] };
let shard: Uint8Array;

beforeAll(async () => {
  await tf.setBackend('cpu');
  const model = buildResNet50({ variant: 'resnet50-tiny', seed: 3 });
  await model.save(tf.io.withSaveHandler(async (artifacts) => {
    shard = new Uint8Array(artifacts.weightData as ArrayBuffer);
    modelJson = { modelTopology: artifacts.modelTopology, weightsManifest: [{ paths: ['group1-shard1of1.bin'], weights: artifacts.weightSpecs! }] };
    return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
  }));
  model.dispose();
  [app, other] = await Promise.all([startServer(), startServer()]);
});
afterAll(async () => {
  await Promise.all([app?.close(), other?.close()]);
});
beforeEach(() => {
  for (const s of [app, other]) {
    s.routes.clear();
    s.requests.length = 0;
  }
});

const appBase = () => `${app.origin}/lab/`;
const withShardPath = (path: string) => ({ ...modelJson, weightsManifest: [{ ...modelJson.weightsManifest[0], paths: [path] }] });
const loadBackbone = (url: string) => new ModelSession().load({ kind: 'url', url }, appBase());

describe('a ?backbone= model.json, through ModelSession.load', () => {
  it('loads the real thing from the app\'s origin (the servers and model are sound)', async () => {
    app.routes.set('/lab/m/model.json', json(modelJson));
    app.routes.set('/lab/m/group1-shard1of1.bin', bytes(shard));
    const info = await loadBackbone('m/model.json');
    expect(info.pretrained).toBe(true);
    expect(app.requests).toEqual(['/lab/m/model.json', '/lab/m/group1-shard1of1.bin']);
  });

  it('refuses a shard on another origin with a sentence, and never asks that origin', async () => {
    other.routes.set('/x.bin', bytes(shard));
    app.routes.set('/lab/m/model.json', json(withShardPath(`${other.origin}/x.bin`)));
    await expect(loadBackbone('m/model.json')).rejects.toThrow(/^model.json names the file http:\/\/127\.0\.0\.1:\d+\/x\.bin, on another site than the model itself.*refused/);
    expect(other.requests).toEqual([]);
  });

  it('cuts a shard served larger than model.json says it holds at that size', async () => {
    let sent = 0;
    // An endless shard (stopped at 256 MB so a loader without a cap fails the test instead of filling memory).
    app.routes.set('/lab/m/model.json', json(modelJson));
    app.routes.set('/lab/m/group1-shard1of1.bin', (_req, res) => {
      res.writeHead(200);
      const chunk = new Uint8Array(1 << 20);
      const pump = (): void => {
        while (sent < 256 * 2 ** 20) {
          sent += chunk.byteLength;
          if (!res.write(chunk)) {
            res.once('drain', pump);
            return;
          }
        }
        res.end();
      };
      res.on('close', () => res.removeAllListeners('drain'));
      pump();
    });
    await expect(loadBackbone('m/model.json')).rejects.toThrow(/^group1-shard1of1\.bin is larger than the 0\.\d+ MB it may be, by what model\.json's weightsManifest says it holds\.$/);
    // What the server pushed before the loader hung up: the shard's size plus socket buffers, not 256 MB.
    expect(sent).toBeLessThan(shard.byteLength + 32 * 2 ** 20);
  });

  it('refuses a same-origin URL that redirects to another origin (model.json or a shard)', async () => {
    other.routes.set('/model.json', json(modelJson));
    other.routes.set('/x.bin', bytes(shard));
    app.routes.set('/lab/moved/model.json', redirect(`${other.origin}/model.json`));
    await expect(loadBackbone('moved/model.json')).rejects.toThrow(/moved\/model\.json redirects to another site \(http:\/\/127\.0\.0\.1:\d+\): refused/);
    app.routes.set('/lab/m/model.json', json(withShardPath('x.bin')));
    app.routes.set('/lab/m/x.bin', redirect(`${other.origin}/x.bin`));
    await expect(loadBackbone('m/model.json')).rejects.toThrow(/m\/x\.bin redirects to another site .*: refused/);
    // A redirect within the origin is followed.
    app.routes.set('/lab/m/model.json', json(modelJson));
    app.routes.set('/lab/m/group1-shard1of1.bin', redirect('/lab/store/shard.bin'));
    app.routes.set('/lab/store/shard.bin', bytes(shard));
    expect((await loadBackbone('m/model.json')).pretrained).toBe(true);
  });
});

describe('a ?model= bundle URL, through readBundle', () => {
  it('refuses a same-origin bundle URL that redirects to another origin', async () => {
    other.routes.set('/b.zip', bytes(new Uint8Array([0x50, 0x4b, 3, 4])));
    app.routes.set('/lab/b.zip', redirect(`${other.origin}/b.zip`));
    await expect(readBundle({ kind: 'url', url: 'b.zip' }, appBase(), () => {})).rejects.toThrow(/b\.zip redirects to another site .*: refused/);
  });
});
