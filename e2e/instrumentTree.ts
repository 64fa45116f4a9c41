// Two small labelled trees of instrument files for the metadata test, with what each must show:
//   scale/    classes imaged at their own pixel size (fibres ~2 nm/px, particles ~40 nm/px): FEI-tagged 16-bit
//             and RGB TIFFs, a Zeiss-tagged TIFF, JEOL and Hitachi sidecar pairs, an RGBA PNG with no
//             metadata, and an unrelated readme.txt
//   overlap/  the same two classes, each imaged at both pixel sizes: no magnification warning
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { PNG } from 'pngjs';
import { encodeTiff } from '../src/shared/dataset/tiffWrite';
import { dataBarScale, generateSemImage, vendorBarSpec, type SemKind } from '../src/shared/synth';
import { feiTagText, hitachiSidecarText, jeolSidecarText, zeissTagText, type InstrumentSettings } from '../src/shared/synth/instrumentText';
import { encodePng } from '../scripts/lib/png';

export const SCALE_ROOT = 'scale';
export const OVERLAP_ROOT = 'overlap';
const W = 160, H = 120;

/** Path relative to the dropped root → nm per pixel the app must show (data-pixel-nm), per tree. */
export type Expected = Record<string, number>;

function put(path: string, data: Uint8Array | string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, data);
}

const sem = (kind: SemKind, seed: number) => generateSemImage({ kind, width: W, height: H, seed });
const settings = (pixelNm: number): InstrumentSettings => ({ pixelNm, width: W, height: H, kV: 5 });

function feiTiff16(path: string, kind: SemKind, seed: number, pixelNm: number): number {
  const img = sem(kind, seed);
  const data = Uint16Array.from(img.data, (v) => 2000 + v * 50);
  put(path, encodeTiff({ width: W, height: H, channels: 1, bitsPerSample: 16, data },
    { compression: 'deflate', deflate: (b) => deflateSync(b), textTags: [{ tag: 34682, text: feiTagText(settings(pixelNm)) }] }));
  return pixelNm;
}

function feiTiffRgb(path: string, kind: SemKind, seed: number, pixelNm: number): number {
  const img = sem(kind, seed);
  const data = new Uint8Array(W * H * 3);
  img.data.forEach((v, i) => data.set([v, v, Math.min(255, v + 20)], i * 3));
  put(path, encodeTiff({ width: W, height: H, channels: 3, bitsPerSample: 8, data },
    { compression: 'lzw', textTags: [{ tag: 34682, text: feiTagText({ ...settings(pixelNm), detector: 'TLD BSE' }) }] }));
  return pixelNm;
}

function zeissTiff(path: string, kind: SemKind, seed: number, pixelNm: number): number {
  const img = sem(kind, seed);
  put(path, encodeTiff({ width: W, height: H, channels: 1, bitsPerSample: 8, data: img.data },
    { littleEndian: false, textTags: [{ tag: 34118, text: zeissTagText(settings(pixelNm)), type: 'byte' }] }));
  return Number(pixelNm.toFixed(3)); // SmartSEM writes the labelled value to a few decimals
}

function jeolPair(path: string, kind: SemKind, seed: number, pixelNm: number): number {
  put(path, encodePng(sem(kind, seed)));
  const sidecar = jeolSidecarText(settings(pixelNm));
  put(path.replace(/\.[^.]+$/, '.txt'), sidecar.text);
  return sidecar.pixelNm;
}

function hitachiPair(path: string, kind: SemKind, seed: number, pixelNm: number): number {
  put(path, encodePng(sem(kind, seed)));
  const name = path.slice(path.lastIndexOf('/') + 1);
  // UTF-16 with a BOM, as some Hitachi models write it.
  const text = hitachiSidecarText(settings(pixelNm), name);
  put(path.replace(/\.[^.]+$/, '.txt'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
  return Number(pixelNm.toFixed(6));
}

/** Transparent everywhere but a dark disc: composited on white it is mostly white, on black mostly black. */
export const RGBA_NAME = 'particles/transparent.png';
function rgbaPng(path: string): void {
  const png = new PNG({ width: W, height: H });
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const i = (y * W + x) * 4;
      const inside = (x - W / 2) ** 2 + (y - H / 2) ** 2 < 30 ** 2;
      png.data.set(inside ? [40, 40, 40, 255] : [0, 0, 0, 0], i);
    }
  }
  put(path, PNG.sync.write(png, { colorType: 6 }));
}

/**
 * A 1024x768 PNG with an FEI-style data bar burnt in and no metadata at all: the pixel size comes from
 * its scale bar (length and label), which must come within 5% of what the generator drew.
 */
export const BURNT_NAME = 'particles/burnt-bar.png';
function burntBarPng(path: string): number {
  const seed = 301;
  const spec = vendorBarSpec('fei', seed);
  put(path, encodePng(generateSemImage({ kind: 'particles', width: 1024, height: 768, seed, dataBar: spec })));
  return dataBarScale(spec, seed, 1024).nmPerPx;
}

/** The scale tree; returns the pixel size each file with metadata must show (BURNT_NAME: within 5%). */
export function writeScaleTree(dir: string): Expected {
  const root = join(dir, SCALE_ROOT);
  const at = (p: string) => join(root, p);
  const e: Expected = {};
  e['fibres/fei16.tif'] = feiTiff16(at('fibres/fei16.tif'), 'nanowires', 11, 2);
  e['fibres/feiRgb.tif'] = feiTiffRgb(at('fibres/feiRgb.tif'), 'nanowires', 12, 2.2);
  e['fibres/zeiss.tif'] = zeissTiff(at('fibres/zeiss.tif'), 'nanowires', 13, 1.9);
  e['fibres/jeol.png'] = jeolPair(at('fibres/jeol.png'), 'nanowires', 14, 2.1);
  e['particles/jeol.png'] = jeolPair(at('particles/jeol.png'), 'particles', 21, 40);
  e['particles/hitachi.png'] = hitachiPair(at('particles/hitachi.png'), 'particles', 22, 38);
  e['particles/zeiss.tif'] = zeissTiff(at('particles/zeiss.tif'), 'particles', 23, 44);
  e['particles/fei16.tif'] = feiTiff16(at('particles/fei16.tif'), 'particles', 24, 41);
  e[BURNT_NAME] = burntBarPng(at(BURNT_NAME));
  rgbaPng(at(RGBA_NAME));
  put(at('readme.txt'), 'Sample prep: sputter-coated 5 nm Pt.\n');
  return e;
}

/** Both classes at both scales. */
export function writeOverlapTree(dir: string): Expected {
  const root = join(dir, OVERLAP_ROOT);
  const e: Expected = {};
  for (const [cls, kind] of [['fibres', 'nanowires'], ['particles', 'particles']] as const) {
    [2, 40, 2.2, 38].forEach((nm, i) => {
      const name = `${cls}/s${i}.png`;
      e[name] = i % 2 ? hitachiPair(join(root, name), kind, 100 + i, nm) : jeolPair(join(root, name), kind, 100 + i, nm);
    });
  }
  return e;
}
