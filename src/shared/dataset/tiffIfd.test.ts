import { describe, expect, it } from 'vitest';
import { readTiffDirectory, tagText } from './tiffIfd';
import { encodeTiff } from './tiffWrite';

const page = (w: number, h: number) => ({ width: w, height: h, channels: 1 as const, bitsPerSample: 8 as const, data: new Uint8Array(w * h) });

describe('readTiffDirectory', () => {
  it('reads the first directory in either byte order, in utif2 shape, and counts pages', () => {
    for (const littleEndian of [true, false]) {
      const { ifd, pages, littleEndian: le } = readTiffDirectory(encodeTiff([page(30, 20), page(5, 5), page(4, 4)], { littleEndian, rowsPerStrip: 8 }));
      expect(le).toBe(littleEndian);
      expect(ifd.t256).toEqual([30]);
      expect(ifd.t257).toEqual([20]);
      expect((ifd.t273 as number[]).length).toBe(3);
      expect(pages).toBe(3);
    }
  });
  it('refuses a needed tag whose values lie past the end, and skips a damaged optional one', () => {
    const file = encodeTiff(page(30, 20), { rowsPerStrip: 1 });
    const v = new DataView(file.buffer);
    const at = v.getUint32(4, true);
    const n = v.getUint16(at, true);
    const entry = (tagId: number) => [...Array(n).keys()].map((i) => at + 2 + 12 * i).find((e) => v.getUint16(e, true) === tagId)!;
    const strips = entry(273);
    const copy = file.slice();
    new DataView(copy.buffer).setUint32(strips + 8, file.length - 4, true);
    expect(() => readTiffDirectory(copy)).toThrow(/tag 273 points past the end/);
    // PlanarConfiguration (284) is needed too: a 4-billion count is refused, not looped over.
    const planar = entry(284);
    if (planar) {
      const c2 = file.slice();
      const d = new DataView(c2.buffer);
      d.setUint32(planar + 4, 0xffffffff, true);
      expect(() => readTiffDirectory(c2)).toThrow(/tag 284/);
    }
  });
  it('refuses a file too short for a header', () => {
    expect(() => readTiffDirectory(new Uint8Array([0x49, 0x49, 42, 0]))).toThrow(/too short/);
  });
});

describe('instrument text tags', () => {
  const fei = '[User]\r\nDate=03/12/2024\r\n[Scan]\r\nPixelWidth=2.0345e-009\r\n';
  // Zeiss text starts with a NUL-separated block in some files and holds Latin-1 µ.
  const zeiss = '\u0000AP_APERTURESIZE\r\nAperture Size = 30.00 \u00b5m\r\n';
  it('keeps FEI 34682 and Zeiss 34118 whole as text, as ASCII or BYTE, in either byte order', () => {
    for (const littleEndian of [true, false]) {
      for (const type of ['ascii', 'byte'] as const) {
        const file = encodeTiff(page(8, 6), { littleEndian, textTags: [{ tag: 34682, text: fei, type }, { tag: 34118, text: zeiss, type }] });
        const { ifd } = readTiffDirectory(file);
        expect(tagText(ifd, 34682)).toBe(`${fei}\n`); // the terminating NUL becomes a line end
        expect(tagText(ifd, 34118)).toBe(`\n${zeiss.slice(1)}\n`);
      }
    }
  });
  it('other tags keep their values; a text tag that is absent or blank reads as null', () => {
    const { ifd } = readTiffDirectory(encodeTiff(page(8, 6), { textTags: [{ tag: 34118, text: '   ' }] }));
    expect(tagText(ifd, 34682)).toBeNull();
    expect(tagText(ifd, 34118)).toBeNull();
    expect(ifd.t256).toEqual([8]);
  });
  it('refuses text the writer cannot store as Latin-1', () => {
    expect(() => encodeTiff(page(8, 6), { textTags: [{ tag: 34682, text: 'μ' }] })).toThrow(/outside Latin-1/);
  });
});
