import { describe, expect, it } from 'vitest';
import { BUNDLE_FORMAT, type BundleJson } from '../../shared/bundle/format';
import { packBundle } from '../../shared/bundle/pack';
import { unpackBundleZip } from '../../shared/bundle/validate';
import { readBundle } from './readBundle';

const bundle: BundleJson = {
  format: BUNDLE_FORMAT, formatVersion: 1, name: 'm', createdAt: '2026-01-01T00:00:00Z', appVersion: '0.1.0', classNames: ['a', 'b'],
  modelFile: 'model.json', backbone: { name: 'x', pretrained: false, weightsNote: '', params: 1 },
  preprocessing: { inputSize: 16, normalization: 'tf', resize: 'center-square-bilinear', dataBarCrop: null }, training: null, metrics: null,
};
const modelJson = {
  format: 'layers-model',
  modelTopology: { class_name: 'Sequential', config: { layers: [{ class_name: 'Dense', config: { name: 'd', units: 2 } }] } },
  weightsManifest: [{ paths: ['w.bin'], weights: [{ name: 'd/kernel', shape: [3, 2], dtype: 'float32' }] }],
};
const zip = packBundle({ modelJson, shards: [{ path: 'w.bin', data: new Uint8Array(24) }], bundle });
const noProgress = () => {};

describe('readBundle from files', () => {
  it('reads a bundle .zip', async () => {
    const r = await readBundle({ kind: 'files', files: [new File([zip], 'm.zip')] }, 'http://x/', noProgress);
    expect(r.contents.bundle.classNames).toEqual(['a', 'b']);
    expect(r.url).toBeNull();
    expect(r.from).toBe('m.zip');
  });

  it('reads model.json with its weight files (class names from the copy in model.json)', async () => {
    const c = unpackBundleZip(zip);
    const files = [new File([JSON.stringify(c.modelJson)], 'model.json'), new File([new Uint8Array(24)], 'w.bin')];
    expect((await readBundle({ kind: 'files', files }, 'http://x/', noProgress)).contents.bundle.name).toBe('m');
  });

  it('says what is wrong with the files given', async () => {
    const read = (files: File[]) => readBundle({ kind: 'files', files }, 'http://x/', noProgress);
    await expect(read([new File(['hello'], 'notes.txt')])).rejects.toThrow(/notes\.txt is not a zip archive/);
    await expect(read([new File([zip], 'a.zip'), new File(['{}'], 'model.json')])).rejects.toThrow(/one bundle \.zip on its own/);
    await expect(read([new File(['{}'], 'model.json'), new File([''], 'evil.exe')])).rejects.toThrow(/Unexpected file "evil\.exe"/);
    await expect(read([new File([JSON.stringify(modelJson)], 'model.json')])).rejects.toThrow(/bundle\.json is missing/);
    const withMeta = JSON.stringify(unpackBundleZip(zip).modelJson);
    await expect(read([new File([withMeta], 'model.json')])).rejects.toThrow(/weight file w\.bin named in model\.json is missing/);
    await expect(read([])).rejects.toThrow(/No file/);
  });

  it('refuses URLs that are not http(s)', async () => {
    await expect(readBundle({ kind: 'url', url: 'file:///etc/passwd' }, 'http://x/', noProgress)).rejects.toThrow(/"file:" URLs are refused/);
  });
});

describe('readBundle from a URL (hostile links, issue 15)', () => {
  const APP = 'http://localhost:4173/lab/';
  const withFetch = async (routes: Record<string, () => Response>, run: (calls: string[]) => Promise<void>) => {
    const calls: string[] = [];
    const real = globalThis.fetch;
    globalThis.fetch = (async (input: RequestInfo | URL) => {
      const url = String(input);
      calls.push(url);
      const route = routes[url];
      return route ? route() : new Response('no', { status: 404 });
    }) as typeof fetch;
    try {
      await run(calls);
    } finally {
      globalThis.fetch = real;
    }
  };
  const meta = unpackBundleZip(zip).modelJson;

  it('never fetches a shard on another origin, nor over plain http', async () => {
    const evil = { ...meta, weightsManifest: [{ ...meta.weightsManifest[0], paths: ['http://127.0.0.1:9/x.bin'] }] };
    await withFetch({ [`${APP}m/model.json`]: () => new Response(JSON.stringify(evil)) }, async (calls) => {
      await expect(readBundle({ kind: 'url', url: 'm/model.json' }, APP, noProgress)).rejects.toThrow(/must be a plain file name/);
      expect(calls).toEqual([`${APP}m/model.json`]);
    });
  });

  it('stops reading a shard at what model.json says it holds', async () => {
    let pulled = 0;
    const endless = () => new Response(new ReadableStream<Uint8Array>({ pull(c) { pulled += 65536; c.enqueue(new Uint8Array(65536)); } }));
    await withFetch({ [`${APP}m/model.json`]: () => new Response(JSON.stringify(meta)), [`${APP}m/w.bin`]: endless }, async () => {
      await expect(readBundle({ kind: 'url', url: 'm/model.json' }, APP, noProgress)).rejects.toThrow(/w\.bin is larger than/);
      expect(pulled).toBeLessThan(4 * 65536);
    });
  });

  it('never repeats the credentials of a link in its message', async () => {
    await withFetch({}, async () => {
      const err = await readBundle({ kind: 'url', url: 'https://alice:s3cret@lab.example/b.zip' }, APP, noProgress).catch((e: Error) => e);
      expect(String((err as Error).message)).not.toMatch(/s3cret|alice/);
    });
  });
});
