import { describe, expect, it } from 'vitest';
import { clientsStillOld, filesToDrop, parseOldBuild } from './buildKeep';

describe('what the service worker keeps of an older build', () => {
  it('keeps the old clients that are still open, and only those', () => {
    expect(clientsStillOld(['tab-a', 'tab-b', 'worker-a'], ['tab-b', 'tab-new'])).toEqual(['tab-b']);
    expect(clientsStillOld(['tab-a'], ['tab-new'])).toEqual([]);
    expect(clientsStillOld([], ['tab-new'])).toEqual([]);
  });

  it('drops exactly the cached files the current build does not name', () => {
    const cached = [
      'https://lab.example/app/assets/index-AAAA.js',
      'https://lab.example/app/assets/decode.worker-AAAA.js',
      'https://lab.example/app/assets/tfjs-backend-wasm-SAME.wasm',
      'https://lab.example/app/index.html?__WB_REVISION__=old',
      'https://lab.example/app/index.html?__WB_REVISION__=new',
    ];
    const current = [
      'https://lab.example/app/assets/index-BBBB.js',
      'https://lab.example/app/assets/tfjs-backend-wasm-SAME.wasm',
      'https://lab.example/app/index.html?__WB_REVISION__=new',
    ];
    expect(filesToDrop(cached, current)).toEqual([
      'https://lab.example/app/assets/index-AAAA.js',
      'https://lab.example/app/assets/decode.worker-AAAA.js',
      'https://lab.example/app/index.html?__WB_REVISION__=old',
    ]);
  });
});

describe('the stored record of an older build', () => {
  it('reads what was stored, and an empty record from anything else', () => {
    expect(parseOldBuild({ clients: ['tab-a', 3], files: ['https://lab.example/app/assets/a.js'] })).toEqual({ clients: ['tab-a'], files: ['https://lab.example/app/assets/a.js'] });
    expect(parseOldBuild(null)).toEqual({ clients: [], files: [] });
    expect(parseOldBuild('garbage')).toEqual({ clients: [], files: [] });
    expect(parseOldBuild({ clients: 'tab-a' })).toEqual({ clients: [], files: [] });
  });
});
