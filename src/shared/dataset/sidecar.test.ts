import { describe, expect, it } from 'vitest';
import { decodeSidecarBytes, pairSidecars, readSidecarText, SIDECAR_MAX_BYTES } from './sidecar';

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

describe('decodeSidecarBytes', () => {
  const text = '[SemImageFile]\r\nPixelSize=9.9\r\nAperture=30 \u00b5m\r\n';
  it('UTF-8, Latin-1 and UTF-16 (with or without a BOM) all come out as the same text', () => {
    expect(decodeSidecarBytes(new TextEncoder().encode(text))).toBe(text);
    expect(decodeSidecarBytes(Uint8Array.from(text, (c) => c.charCodeAt(0)))).toBe(text);
    const le = new Uint8Array(text.length * 2);
    for (let i = 0; i < text.length; i++) le[2 * i] = text.charCodeAt(i);
    expect(decodeSidecarBytes(le)).toBe(text);
    expect(decodeSidecarBytes(Uint8Array.from([0xff, 0xfe, ...le]))).toBe(text);
    const be = new Uint8Array(text.length * 2);
    for (let i = 0; i < text.length; i++) be[2 * i + 1] = text.charCodeAt(i);
    expect(decodeSidecarBytes(be)).toBe(text);
  });
  it('does not read a file too large to be a sidecar', async () => {
    expect(await readSidecarText(new Blob([new Uint8Array(SIDECAR_MAX_BYTES + 1)]))).toBeNull();
    expect(await readSidecarText(new Blob(['$CM_MAG 100\n']))).toBe('$CM_MAG 100\n');
  });
});
