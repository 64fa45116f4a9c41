import { describe, expect, it } from 'vitest';
import {
  collectFromEntries,
  entriesFromDataTransfer,
  filesFromInput,
  type DataTransferItemLike,
  type FileLike,
  type FsEntryLike,
} from './traverse';

interface FakeFile extends FileLike {
  webkitRelativePath?: string;
}

type Tree = { [name: string]: Tree | 'file' | 'broken' };

/** A FileSystemEntry tree that, like Chromium, hands out directory listings in batches of at most 100. */
function fakeEntry(name: string, node: Tree | 'file' | 'broken', parent = ''): FsEntryLike<FakeFile> {
  const fullPath = `${parent}/${name}`;
  if (node === 'file' || node === 'broken') {
    return {
      isFile: true,
      isDirectory: false,
      name,
      fullPath,
      file: (ok, fail) => setTimeout(() => (node === 'broken' ? fail?.(new Error('gone')) : ok({ name, size: 1 }))),
    };
  }
  return {
    isFile: false,
    isDirectory: true,
    name,
    fullPath,
    createReader: () => {
      const children = Object.entries(node).map(([n, c]) => fakeEntry(n, c, fullPath));
      let pos = 0;
      return {
        readEntries: (ok) => {
          const batch = children.slice(pos, pos + 100);
          pos += batch.length;
          setTimeout(() => ok(batch));
        },
      };
    },
  };
}

describe('collectFromEntries', () => {
  it('walks folders, reading every batch of a big directory', async () => {
    const big: Tree = {};
    for (let i = 0; i < 250; i++) big[`img${String(i).padStart(3, '0')}.tif`] = 'file';
    const root = fakeEntry('root', { a: big, b: { deeper: { 'x.png': 'file' } }, 'note.txt': 'file' });
    const loose = fakeEntry('loose.jpg', 'file');
    const progress: number[] = [];
    const out = await collectFromEntries([root, loose], { onProgress: (n) => progress.push(n) });
    expect(out).toHaveLength(253);
    expect(out[0].path).toBe('loose.jpg');
    expect(out.map((f) => f.path)).toContain('root/b/deeper/x.png');
    expect(out.filter((f) => f.path.startsWith('root/a/'))).toHaveLength(250);
    expect(out.find((f) => f.path === 'root/a/img249.tif')?.file.name).toBe('img249.tif');
    expect(progress.at(-1)).toBe(253);
  });

  it('reports unreadable files through onError and goes on; rejects without it', async () => {
    const root = fakeEntry('r', { 'ok.png': 'file', 'bad.png': 'broken' });
    const errors: string[] = [];
    const out = await collectFromEntries([root], { onError: (p) => errors.push(p) });
    expect(out.map((f) => f.path)).toEqual(['r/ok.png']);
    expect(errors).toEqual(['r/bad.png']);
    await expect(collectFromEntries([root])).rejects.toThrow(/gone/);
  });

  it('can be aborted', async () => {
    const ctrl = new AbortController();
    ctrl.abort();
    await expect(collectFromEntries([fakeEntry('r', { 'a.png': 'file' })], { signal: ctrl.signal })).rejects.toThrow();
  });
});

describe('entriesFromDataTransfer', () => {
  it('takes every entry synchronously, falling back to getAsFile, ignoring strings', async () => {
    const folder = fakeEntry('dir', { 'a.png': 'file' });
    const file: FakeFile = { name: 'virtual.tif', size: 3 };
    const items: DataTransferItemLike<FakeFile>[] = [
      { kind: 'file', webkitGetAsEntry: () => folder },
      { kind: 'string', webkitGetAsEntry: () => null },
      { kind: 'file', webkitGetAsEntry: () => null, getAsFile: () => file },
    ];
    const entries = entriesFromDataTransfer(items);
    expect(entries.map((e) => e.name)).toEqual(['dir', 'virtual.tif']);
    const out = await collectFromEntries(entries);
    expect(out.map((f) => f.path)).toEqual(['dir/a.png', 'virtual.tif']);
    expect(out[1].file).toBe(file);
  });
});

describe('filesFromInput', () => {
  it('uses webkitRelativePath, falling back to the name', () => {
    const files: FakeFile[] = [
      { name: 'b.png', size: 1, webkitRelativePath: 'root/cls/b.png' },
      { name: 'a.png', size: 1, webkitRelativePath: '' },
    ];
    expect(filesFromInput(files).map((f) => f.path)).toEqual(['a.png', 'root/cls/b.png']);
  });
});
