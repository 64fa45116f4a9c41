import { describe, expect, it } from 'vitest';
import { derivedUrl, readCapped, redactUrl, redirectProblem, topologyProblem } from './loaderGuard';

const APP = 'http://localhost:4173/lab/sem/';

/** A body that never ends (the attack's 1.5 GB shard), counting what the reader pulled. */
function endless(chunk = 64 * 1024): { res: Response; pulled: () => number } {
  let pulled = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(c) {
      pulled += chunk;
      c.enqueue(new Uint8Array(chunk));
    },
  });
  return { res: new Response(body), pulled: () => pulled };
}

describe('derivedUrl: the one rule for files a model names', () => {
  it('allows files next to the model on the app\'s origin or on the https model\'s origin', () => {
    expect(derivedUrl('w.bin', `${APP}models/x/model.json`, APP)).toMatchObject({ ok: true });
    const r = derivedUrl('w.bin', 'https://zenodo.example/b/model.json', APP);
    expect(r.ok && r.url.href).toBe('https://zenodo.example/b/w.bin');
  });

  it.each([
    ['http://127.0.0.1:9/x.bin', `${APP}models/x/model.json`],
    ['https://evil.example/x.bin', 'https://zenodo.example/b/model.json'],
    ['http://zenodo.example/b/x.bin', 'https://zenodo.example/b/model.json'],
    ['//evil.example/x.bin', `${APP}m/model.json`],
    ['data:application/octet-stream,AAAA', `${APP}m/model.json`],
    ['https://a:b@zenodo.example/b/x.bin', 'https://zenodo.example/b/model.json'],
  ])('refuses %s named by %s', (path, model) => {
    const r = derivedUrl(path, model, APP);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).not.toMatch(/a:b@/);
  });
});

describe('redirectProblem: a download ends on the origin it was asked of', () => {
  it('accepts no redirect and a redirect on the same origin', () => {
    expect(redirectProblem('https://lab.example/m/model.json', { url: 'https://lab.example/m/model.json' })).toBeNull();
    expect(redirectProblem('https://lab.example/m/model.json', { url: 'https://lab.example/v2/model.json' })).toBeNull();
    expect(redirectProblem('https://lab.example/m/model.json', { url: '' })).toBeNull();
  });
  it('refuses one that ends on another origin, with a sentence and no credentials', () => {
    expect(redirectProblem('http://localhost:4173/m/x.bin', { url: 'http://127.0.0.1:9/x.bin' })).toMatch(/redirects to another site \(http:\/\/127\.0\.0\.1:9\): refused/);
    expect(redirectProblem('https://a:pw@lab.example/m.zip', { url: 'https://cdn.example/m.zip' })).not.toMatch(/pw/);
    expect(redirectProblem('https://lab.example/m.zip', { url: 'http://lab.example/m.zip' })).toMatch(/refused/);
  });
});

describe('readCapped', () => {
  it('stops an endless body just past the cap', async () => {
    const { res, pulled } = endless();
    await expect(readCapped(res, 4 * 1024 * 1024, 'w.bin')).rejects.toThrow(/w\.bin is larger than the 4 MB/);
    expect(pulled()).toBeLessThanOrEqual(4 * 1024 * 1024 + 3 * 64 * 1024);
  });

  it('refuses from the declared length before reading, and reads a body within the cap whole', async () => {
    const lying = new Response(new Uint8Array(10), { headers: { 'Content-Length': String(800e6) } });
    await expect(readCapped(lying, 32e6, 'model.json')).rejects.toThrow(/model\.json is 800 MB, over the 32 MB/);
    expect((await readCapped(new Response(new Uint8Array(100)), 100, 'x')).byteLength).toBe(100);
  });
});

describe('redactUrl', () => {
  it('drops user name and password', () => {
    expect(redactUrl('https://alice:s3cret@lab.example/b.zip')).toBe('https://lab.example/b.zip');
    expect(redactUrl('https://lab.example/b.zip')).toBe('https://lab.example/b.zip');
    expect(redactUrl('not a url //bob:pw@x')).not.toMatch(/pw/);
  });
});

describe('topologyProblem', () => {
  const input = { class_name: 'InputLayer', name: 'in', config: { name: 'in' }, inbound_nodes: [] };
  const dense = (name: string, from: string) => ({ class_name: 'Dense', name, config: { name }, inbound_nodes: [[[from, 0, 0, {}]]] });
  const model = (layers: unknown[], out = 'd2') => ({ class_name: 'Functional', config: { name: 'm', layers, input_layers: [['in', 0, 0]], output_layers: [[out, 0, 0]] } });

  it('accepts a chain, and finds dangling, cyclic, unnamed outputs and too many layers', () => {
    expect(topologyProblem(model([input, dense('d1', 'in'), dense('d2', 'd1')]))).toBeNull();
    expect(topologyProblem(model([input, dense('d1', 'ghost'), dense('d2', 'd1')]))).toMatch(/refers to an input/);
    expect(topologyProblem(model([input, dense('d1', 'd2'), dense('d2', 'd1')]))).toMatch(/cycle/);
    expect(topologyProblem(model([input, dense('d1', 'in'), dense('d2', 'd1')], 'nope'))).toMatch(/output layer/);
    const many = [input, ...Array.from({ length: 6000 }, (_, i) => dense(`d${i + 1}`, i === 0 ? 'in' : `d${i}`))];
    expect(topologyProblem(model(many, 'd6000'))).toMatch(/more than 5000 layers/);
    expect(topologyProblem({ model_config: { class_name: 'Lambda' } })).toMatch(/not a Keras model/);
  });
});
