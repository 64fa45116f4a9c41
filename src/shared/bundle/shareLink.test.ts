import { describe, expect, it } from 'vitest';
import { appBase, modelParam, shareLink } from './shareLink';

describe('shareLink', () => {
  const page = 'https://lab.example.org/tools/sem/?backend=webgl&model=old.zip#x';

  it('names a bundle on the same site relative to the app', () => {
    expect(appBase(page)).toBe('https://lab.example.org/tools/sem/');
    expect(modelParam(page, 'https://lab.example.org/tools/sem/models/steel.zip')).toBe('models/steel.zip');
    expect(shareLink(page, 'https://lab.example.org/tools/sem/models/steel.zip')).toBe('https://lab.example.org/tools/sem/?model=models/steel.zip');
  });

  it('keeps other URLs absolute, escaped for the query', () => {
    const link = shareLink(page, 'https://lab.example.org/other/a b.zip');
    expect(link.startsWith('https://lab.example.org/tools/sem/?model=https%3A//lab.example.org/other/')).toBe(true);
    expect(new URL(new URL(link).searchParams.get('model')!).href).toBe('https://lab.example.org/other/a%20b.zip');
    expect(modelParam(page, 'https://elsewhere.org/m/model.json')).toBe('https://elsewhere.org/m/model.json');
  });

  it('round-trips through URLSearchParams and URL resolution', () => {
    const link = shareLink(page, 'https://lab.example.org/tools/sem/fixtures/my model+1.zip');
    const param = new URL(link).searchParams.get('model')!;
    expect(param).toBe('fixtures/my model+1.zip');
    expect(new URL(param, link).href).toBe('https://lab.example.org/tools/sem/fixtures/my%20model+1.zip');
  });

  it('works for an app served from a page file', () => {
    expect(shareLink('http://localhost:4173/index.html?x=1', 'http://localhost:4173/models/a.zip')).toBe('http://localhost:4173/index.html?model=models/a.zip');
  });
});
