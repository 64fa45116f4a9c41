// One image file → the square of pixels the classifier sees, decoded the way the dataset import stores
// training images: downscaled to at most STORED_SIDE (native, high-quality resampling), the instrument data
// bar detected on that copy and cut off, then the centre square of what is left. Predicting on the same
// kind of input the model was trained on matters more than the last bit of resolution.

import { decodeTiff, detectDataBar, resizeGray, toGray } from '../../shared/dataset';
import { STORED_SIDE, THUMB_SIDE } from '../../shared/dataset/records';
import { MAX_PIXELS, MAX_SIDE, pngIsComplete, sniffImage } from '../../shared/dataset/sniff';
import { grayCanvas } from '../grayCanvas';

/** An image that cannot be used; the message is shown to the user next to the file. */
export class UnusableImage extends Error {}

export interface PreparedInput {
  /** centre square of the rows above the data bar */
  square: ImageData;
  dataBarCropped: boolean;
  /** small JPEG of the whole frame, only when asked for (formats browsers cannot show) */
  thumb: Blob | null;
}

export interface PrepareOptions {
  cropDataBar: boolean;
  /** make a thumbnail when the browser cannot display the file itself (TIFF) */
  thumbForTiff: boolean;
}

function fit(width: number, height: number, side: number): [number, number] {
  const k = Math.min(1, side / Math.max(width, height));
  return [Math.max(1, Math.round(width * k)), Math.max(1, Math.round(height * k))];
}

export async function prepareInput(file: Blob, opts: PrepareOptions): Promise<PreparedInput> {
  if (file.size === 0) throw new UnusableImage('empty file (0 bytes)');
  const bytes = new Uint8Array(await file.arrayBuffer());
  const sniff = sniffImage(bytes, file.size);
  if (!sniff.ok) throw new UnusableImage(sniff.reason);
  if (sniff.format === 'png' && !pngIsComplete(bytes)) throw new UnusableImage('damaged PNG: the file is truncated');
  const isTiff = sniff.format === 'tiff';
  const canvas = isTiff ? tiffCanvas(bytes) : await bitmapCanvas(file, sniff.width, sniff.height, sniff.format);
  const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
  const { width: w, height: h } = canvas;

  let rows = h;
  if (opts.cropDataBar) {
    const bar = detectDataBar(toGray(w, h, ctx.getImageData(0, 0, w, h).data, 4));
    if (bar.found && bar.top > 0) rows = bar.top;
  }
  const side = Math.min(w, rows);
  const square = ctx.getImageData(Math.floor((w - side) / 2), Math.floor((rows - side) / 2), side, side);

  let thumb: Blob | null = null;
  if (isTiff && opts.thumbForTiff) {
    const [tw, th] = fit(w, h, THUMB_SIDE);
    const small = new OffscreenCanvas(tw, th);
    const sctx = small.getContext('2d')!;
    sctx.imageSmoothingQuality = 'high';
    sctx.drawImage(canvas, 0, 0, tw, th);
    thumb = await small.convertToBlob({ type: 'image/jpeg', quality: 0.85 });
  }
  return { square, dataBarCropped: rows < h, thumb };
}

async function bitmapCanvas(file: Blob, width: number, height: number, format: string): Promise<OffscreenCanvas> {
  const [w, h] = fit(width, height, STORED_SIDE);
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file, { resizeWidth: w, resizeHeight: h, resizeQuality: 'high' });
  } catch {
    throw new UnusableImage(`damaged ${format.toUpperCase()}: the browser cannot decode it`);
  }
  const canvas = new OffscreenCanvas(w, h);
  canvas.getContext('2d', { willReadFrequently: true })!.drawImage(bitmap, 0, 0);
  bitmap.close();
  return canvas;
}

/** TIFF goes to gray like the import does (8/16-bit, stretched), so predictions match training input. */
function tiffCanvas(bytes: Uint8Array): OffscreenCanvas {
  let tiff;
  try {
    tiff = decodeTiff(bytes, { maxSide: MAX_SIDE, maxPixels: MAX_PIXELS });
  } catch (err) {
    throw new UnusableImage((err as Error).message);
  }
  const [w, h] = fit(tiff.width, tiff.height, STORED_SIDE);
  const small = resizeGray(toGray(tiff.width, tiff.height, tiff.data, tiff.channels), w, h);
  return grayCanvas(small);
}
