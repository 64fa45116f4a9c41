import { describe, expect, it } from 'vitest';
import { checkModelUrl } from './modelUrl';

const BASE = 'http://localhost:4173/lab/sem/index.html';

describe('checkModelUrl', () => {
  it('accepts relative and same-origin http(s) URLs, resolved against the page', () => {
    expect(checkModelUrl('models/x/model.json', BASE)).toEqual({ ok: true, url: 'http://localhost:4173/lab/sem/models/x/model.json' });
    expect(checkModelUrl('/m/model.json', BASE)).toMatchObject({ ok: true, url: 'http://localhost:4173/m/model.json' });
  });
  it('accepts https on another site (a shared bundle; CORS is the server\'s call)', () => {
    expect(checkModelUrl('https://zenodo.example/b/bundle.zip', BASE)).toEqual({ ok: true, url: 'https://zenodo.example/b/bundle.zip' });
  });
  it.each([
    ['javascript:alert(1)', /"javascript:" URLs are refused/],
    [' JavaScript:alert(1)', /"javascript:" URLs are refused/],
    ['data:application/json,{}', /"data:" URLs are refused/],
    ['blob:http://localhost:4173/abc', /"blob:" URLs are refused/],
    ['file:///etc/passwd', /"file:" URLs are refused/],
    ['http://other.example/model.json', /another site \(http:\/\/other\.example\) must come over https/],
    ['//other.example/model.json', /another site \(http:\/\/other\.example\)/],
    ['http://[bad', /not a valid URL/],
  ])('refuses %s with a reason', (raw, reason) => {
    const r = checkModelUrl(raw, BASE);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(reason);
  });
});
