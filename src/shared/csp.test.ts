import { describe, expect, it } from 'vitest';
import { headerPolicy, META_POLICY, modelOrigins } from './csp';

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
