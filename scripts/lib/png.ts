import { PNG } from 'pngjs';
import type { GrayImage } from '../../src/shared/synth/types';

/** Encode an 8-bit grayscale image as a grayscale PNG (colour type 0, bit depth 8). */
export function encodePng(img: GrayImage): Buffer {
  if (img.data.length !== img.width * img.height) {
    throw new Error(`encodePng: data length ${img.data.length} != ${img.width}x${img.height}`);
  }
  const png = new PNG({ width: img.width, height: img.height, colorType: 0, inputColorType: 0, inputHasAlpha: false });
  png.data = Buffer.from(img.data.buffer, img.data.byteOffset, img.data.byteLength);
  return PNG.sync.write(png, { colorType: 0, inputColorType: 0, inputHasAlpha: false, bitDepth: 8 });
}

/** Encode interleaved 8-bit RGB (length 3·w·h) as an RGB PNG (colour type 2). */
export function encodeRgbPng(width: number, height: number, rgb: Uint8Array): Buffer {
  if (rgb.length !== width * height * 3) throw new Error('encodeRgbPng: data length must be 3·w·h');
  const png = new PNG({ width, height, colorType: 2, inputColorType: 2, inputHasAlpha: false });
  png.data = Buffer.from(rgb.buffer, rgb.byteOffset, rgb.byteLength);
  return PNG.sync.write(png, { colorType: 2, inputColorType: 2, inputHasAlpha: false, bitDepth: 8 });
}

/**
 * Decode any PNG to 8-bit grayscale (pngjs expands to RGBA; we take the red channel, which equals the
 * gray value for gray PNGs, or the luma for colour ones).
 */
export function decodePngGray(buf: Buffer): { width: number; height: number; data: Uint8Array } {
  const png = PNG.sync.read(buf);
  const n = png.width * png.height;
  const data = new Uint8Array(n);
  const d = png.data;
  for (let i = 0; i < n; i++) {
    const r = d[4 * i], g = d[4 * i + 1], b = d[4 * i + 2];
    data[i] = r === g && g === b ? r : Math.round(0.299 * r + 0.587 * g + 0.114 * b);
  }
  return { width: png.width, height: png.height, data };
}
