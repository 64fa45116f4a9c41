import { describe, expect, it } from 'vitest';
import { classifyPaths, isHiddenPath, isImagePath, pairSidecars } from './layout';

const labels = (paths: string[]) =>
  Object.fromEntries(classifyPaths(paths).files.map((f) => [f.path, [f.label, f.presetSplit]]));

describe('classifyPaths', () => {
  it('root/<class>/**: the first folder under the root is the label, deeper folders belong to it', () => {
    const layout = classifyPaths([
      'sem/particles/a.tif',
      'sem/particles/session 2/5kx/b.TIFF',
      'sem/fibres/c.png',
      'sem/fibres/d.JPEG',
    ]);
    expect(layout.kind).toBe('classes');
    expect(layout.root).toBe('sem');
    expect(layout.classes).toEqual(['fibres', 'particles']);
    expect(layout.files.map((f) => f.label)).toEqual(['particles', 'particles', 'fibres', 'fibres']);
    expect(layout.files.every((f) => f.presetSplit === null)).toBe(true);
  });

  it('several class folders dropped side by side', () => {
    expect(classifyPaths(['cats/a.jpg', 'dogs/b.jpg']).classes).toEqual(['cats', 'dogs']);
  });

  it('skips lone wrapper folders (as left by unzipping)', () => {
    const layout = classifyPaths(['data/data/a/1.png', 'data/data/b/2.png']);
    expect(layout.root).toBe('data/data');
    expect(layout.classes).toEqual(['a', 'b']);
  });

  it('a root with a single class folder keeps it as the class', () => {
    expect(labels(['root/only/1.png', 'root/only/2.png'])).toEqual({
      'root/only/1.png': ['only', null],
      'root/only/2.png': ['only', null],
    });
  });

  it('root/{train,valid|val,test}/<class>: keeps the split, any case', () => {
    expect(labels([
      'ds/Train/a/1.png',
      'ds/train/b/2.png',
      'ds/VAL/a/3.png',
      'ds/valid/b/4.png',
      'ds/Test/a/5.png',
      'ds/test/6.png',
    ])).toEqual({
      'ds/Train/a/1.png': ['a', 'train'],
      'ds/train/b/2.png': ['b', 'train'],
      'ds/VAL/a/3.png': ['a', 'valid'],
      'ds/valid/b/4.png': ['b', 'valid'],
      'ds/Test/a/5.png': ['a', 'test'],
      'ds/test/6.png': [null, 'test'],
    });
    expect(classifyPaths(['ds/train/a/1.png']).kind).toBe('splits');
  });

  it('split layout: files outside the split folders or without a class are skipped with a reason', () => {
    const layout = classifyPaths(['ds/train/a/1.png', 'ds/extra/2.png', 'ds/train/3.png', 'ds/4.png']);
    expect(layout.skipped).toEqual([
      { path: 'ds/extra/2.png', reason: 'not inside a train/valid/test folder' },
      { path: 'ds/train/3.png', reason: 'not inside a class folder' },
      { path: 'ds/4.png', reason: 'not inside a train/valid/test folder' },
    ]);
  });

  it('loose files, or a folder without subfolders, are unlabelled', () => {
    const loose = classifyPaths(['a.png', 'b.tif']);
    expect(loose.kind).toBe('unlabelled');
    expect(loose.files.map((f) => f.label)).toEqual([null, null]);
    const folder = classifyPaths(['shots/a.png', 'shots/b.bmp', 'shots/notes.txt']);
    expect(folder.kind).toBe('unlabelled');
    expect(folder.root).toBe('shots');
    expect(folder.files).toHaveLength(2);
  });

  it('images next to class folders are imported unlabelled, to label in the app', () => {
    const layout = classifyPaths(['root/a/1.png', 'root/b/2.png', 'root/stray.png']);
    expect(layout.skipped).toEqual([]);
    expect(layout.kind).toBe('classes');
    expect(layout.classes).toEqual(['a', 'b']);
    expect(layout.files.find((f) => f.path === 'root/stray.png')).toEqual({ path: 'root/stray.png', label: null, presetSplit: null });
  });

  it('counts hidden and system files silently, lists other non-images with a reason', () => {
    const layout = classifyPaths([
      'r/a/1.png',
      'r/b/2.png',
      'r/.DS_Store',
      'r/a/Thumbs.db',
      'r/b/desktop.ini',
      '__MACOSX/r/a/._1.png',
      'r/.git/config',
      'r/a/._1.png',
      'r/a/notes.TXT',
      'r/b/README',
    ]);
    expect(layout.hiddenCount).toBe(6);
    expect(layout.skipped).toEqual([
      { path: 'r/a/notes.TXT', reason: 'not an image (.txt)' },
      { path: 'r/b/README', reason: 'not an image (no extension)' },
    ]);
    expect(layout.classes).toEqual(['a', 'b']);
  });

  it('empty or image-free input', () => {
    expect(classifyPaths([]).kind).toBe('empty');
    expect(classifyPaths(['r/a.txt']).kind).toBe('empty');
  });
});

describe('path predicates', () => {
  it('image extensions in any case', () => {
    for (const ext of ['jpg', 'JPEG', 'png', 'Bmp', 'gif', 'webp', 'tif', 'TIFF']) expect(isImagePath(`x/y.${ext}`)).toBe(true);
    for (const p of ['x/y.txt', 'x/y', 'x/.png', 'x/y.tif.zip']) expect(isImagePath(p)).toBe(false);
  });

  it('hidden paths', () => {
    expect(isHiddenPath('a/.hidden/b.png')).toBe(true);
    expect(isHiddenPath('a/b.png')).toBe(false);
  });
});

describe('class folders named like Object.prototype members', () => {
  it('imports constructor, __proto__, toString and hasOwnProperty as ordinary classes', () => {
    const names = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf'];
    const paths = names.flatMap((n) => [1, 2, 3].map((i) => `root/${n}/img_${i}.png`));
    const layout = classifyPaths(paths);
    expect(layout.kind).toBe('classes');
    expect(layout.files).toHaveLength(paths.length);
    expect(layout.classes).toEqual([...names].sort());
    expect(layout.skipped).toEqual([]);
  });
});

describe('pairSidecars', () => {
  it('pairs <name>.txt with <name>.<image ext> in the same folder only', () => {
    const pairs = pairSidecars([
      'lab/a/s1.tif', 'lab/a/s1.txt', 'lab/a/S2.JPG', 'lab/a/S2.txt', 'lab/b/s1.txt', 'lab/readme.txt', 'lab/a/s3.bmp', 'lab/a/s3.TXT',
    ]);
    expect([...pairs]).toEqual([['lab/a/s1.tif', 'lab/a/s1.txt'], ['lab/a/S2.JPG', 'lab/a/S2.txt'], ['lab/a/s3.bmp', 'lab/a/s3.TXT']]);
  });
  it('a name that only differs by case or folder is not a pair', () => {
    expect(pairSidecars(['x/img.png', 'x/IMG.txt', 'y/img.txt']).size).toBe(0);
  });
});

describe('classifyPaths with sidecars', () => {
  it("pairs an image's .txt with it, never lists it, and still lists an unrelated .txt", () => {
    const layout = classifyPaths(['lab/a/s1.tif', 'lab/a/s1.txt', 'lab/a/s2.png', 'lab/b/s3.jpg', 'lab/b/s3.txt', 'lab/readme.txt', 'lab/a/notes.txt']);
    expect(layout.files.map((f) => [f.path, f.sidecar])).toEqual([
      ['lab/a/s1.tif', 'lab/a/s1.txt'], ['lab/a/s2.png', undefined], ['lab/b/s3.jpg', 'lab/b/s3.txt'],
    ]);
    expect(layout.skipped).toEqual([
      { path: 'lab/readme.txt', reason: 'not an image (.txt)' },
      { path: 'lab/a/notes.txt', reason: 'not an image (.txt)' },
    ]);
  });
  it('pairs loose files too, and ignores hidden ones', () => {
    const layout = classifyPaths(['x.bmp', 'x.txt', '._x.txt']);
    expect(layout.files).toEqual([{ path: 'x.bmp', label: null, presetSplit: null, sidecar: 'x.txt' }]);
    expect(layout.skipped).toEqual([]);
    expect(layout.hiddenCount).toBe(1);
  });
});
