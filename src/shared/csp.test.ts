import { describe, expect, it } from 'vitest';
import { headerPolicy, META_POLICY, modelOrigins, policyAllows, workerScriptQuery } from './csp';

const directive = (policy: string, name: string) => policy.split(';').map((d) => d.trim()).find((d) => d.startsWith(`${name} `));

describe('the service worker\'s header policy', () => {
  it('forbids framing by other sites and limits connect-src to the own origin', () => {
    const p = headerPolicy('http://localhost:4173/lab/?backend=wasm');
    expect(directive(p, 'frame-ancestors')).toBe("frame-ancestors 'self'");
    expect(directive(p, 'connect-src')).toBe("connect-src 'self'");
    expect(p).not.toMatch(/https:(?!\/\/)/);
  });

  it('adds exactly the origin of the https model URL the user gave, nothing for http or relative ones', () => {
    expect(directive(headerPolicy('http://localhost/?model=https://zenodo.example/b/bundle.zip'), 'connect-src')).toBe("connect-src 'self' https://zenodo.example");
    expect(modelOrigins('http://localhost/?backbone=https://hf.example/m/model.json&model=models/x.zip')).toEqual(['https://hf.example']);
    expect(modelOrigins('http://localhost/?model=http://127.0.0.1:9/x.zip')).toEqual([]);
    expect(modelOrigins('http://localhost/?backbone=resnet50')).toEqual([]);
    expect(directive(headerPolicy(null), 'connect-src')).toBe("connect-src 'self'");
  });

  it('keeps the meta policy\'s other directives (the header narrows, never widens)', () => {
    for (const name of ['default-src', 'script-src', 'worker-src', 'img-src', 'style-src', 'object-src', 'base-uri', 'form-action']) {
      expect(directive(headerPolicy(null), name)).toBe(directive(META_POLICY, name));
    }
  });
});

describe('policyAllows: what a running worker may fetch under the policy it started with', () => {
  it('its own origin, and the https origins the address named when it started', () => {
    const page = 'http://localhost:4173/lab/?backbone=https://hf.example/m/model.json';
    expect(policyAllows('models/tiny/model.json', page)).toBe(true);
    expect(policyAllows('http://localhost:4173/other/model.json', page)).toBe(true);
    expect(policyAllows('https://hf.example/other/model.json', page)).toBe(true);
  });
  it('not an https origin typed after it started (the bridge restarts the worker with it in the address)', () => {
    expect(policyAllows('https://zenodo.example/b/model.json', 'http://localhost:4173/lab/?backbone=resnet50')).toBe(false);
    expect(policyAllows('https://hf.example/m/model.json', 'http://localhost:4173/lab/?model=https://zenodo.example/b.zip')).toBe(false);
  });
  it('plain http elsewhere and garbage pass here: the loader refuses them with a sentence', () => {
    expect(policyAllows('http://127.0.0.1:9/m.json', 'http://localhost:4173/')).toBe(true);
    expect(policyAllows('https://[bad', 'http://localhost:4173/')).toBe(true);
  });
});

describe('the compute worker\'s script URL names the model URLs it is started for', () => {
  it('carries ?model= and ?backbone= of the address, nothing else', () => {
    expect(workerScriptQuery('?backend=wasm&backbone=https%3A%2F%2Fhf.example%2Fm%2Fmodel.json&seed=3')).toBe('?backbone=https%3A%2F%2Fhf.example%2Fm%2Fmodel.json');
    expect(workerScriptQuery('?backend=wasm')).toBe('');
  });
  it('the policy for that script adds their origins to the page\'s', () => {
    const worker = `http://localhost:4173/assets/compute.worker-x.js${workerScriptQuery('?backbone=https://hf.example/m/model.json')}`;
    expect(directive(headerPolicy('http://localhost:4173/?backend=wasm', worker), 'connect-src')).toBe("connect-src 'self' https://hf.example");
    expect(directive(headerPolicy('http://localhost:4173/?model=https://hf.example/b.zip', worker), 'connect-src')).toBe("connect-src 'self' https://hf.example");
    expect(directive(headerPolicy('http://localhost:4173/', 'http://localhost:4173/assets/x.wasm'), 'connect-src')).toBe("connect-src 'self'");
  });
});
