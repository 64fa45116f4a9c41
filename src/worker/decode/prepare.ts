// One file → what the dataset stores about it. Runs in a decode worker, one file at a time, so memory
// holds at most one decoded frame per worker whatever the dataset's size.

import { cropRows, decodeTiff, detectDataBar, phashShifts, phashToHex, resizeGray, scaleDataBar, sha256Hex, toGray } from '../../shared/dataset';
import { jpegIsComplete, MAX_PIXELS, MAX_SIDE, pngIsComplete, sniffImage } from '../../shared/dataset/sniff';
import { STORED_SIDE, THUMB_SIDE } from '../../shared/dataset/records';
import type { PreparedImage } from '../../shared/decodeProtocol';
import { grayCanvas } from '../grayCanvas';

/** A file the import lists as an issue rather than a failure of the import. */
export class Unusable extends Error {
  constructor(message: string, readonly hash: string | null = null) {
    super(message);
  }
}

const STORE_TYPE = 'image/jpeg';

export async function prepareImage(file: Blob): Promise<PreparedImage> {
  if (file.size === 0) throw new Unusable('empty file (0 bytes)');
  const bytes = new Uint8Array(await file.arrayBuffer());
  const hash = await sha256Hex(bytes);
  const sniff = sniffImage(bytes, file.size);
  if (!sniff.ok) throw new Unusable(sniff.reason, hash);
  if (sniff.format === 'png' && !pngIsComplete(bytes)) throw new Unusable('damaged PNG: the file is truncated', hash);
  if (sniff.format === 'jpeg' && !jpegIsComplete(bytes)) throw new Unusable('truncated JPEG: the file ends before its end marker', hash);

  const frame = sniff.format === 'tiff' ? tiffFrame(bytes, hash) : await bitmapFrame(file, sniff.width, sniff.height, sniff.format, hash);
  const { canvas, width, height } = frame;
  const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
  const rgba = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
  // The stored copy is at most 256 px wide, which is what detectDataBar is tuned for.
  const gray = toGray(canvas.width, canvas.height, rgba, 4);
  const bar = detectDataBar(gray);
  const shifts = phashShifts(cropRows(gray, bar)).map(phashToHex);
  const inOriginal = scaleDataBar(bar, canvas.height, height);

  const stored = await canvas.convertToBlob({ type: STORE_TYPE, quality: 0.9 });
  const k = Math.min(1, THUMB_SIDE / Math.max(canvas.width, canvas.height));
  const thumbCanvas = new OffscreenCanvas(Math.max(1, Math.round(canvas.width * k)), Math.max(1, Math.round(canvas.height * k)));
  const tctx = thumbCanvas.getContext('2d')!;
  tctx.imageSmoothingQuality = 'high';
  tctx.drawImage(canvas, 0, 0, thumbCanvas.width, thumbCanvas.height);
  const thumb = await thumbCanvas.convertToBlob({ type: STORE_TYPE, quality: 0.85 });
  return {
    hash, width, height, storedWidth: canvas.width, storedHeight: canvas.height,
    dataBar: { found: inOriginal.found, top: inOriginal.top, bottom: inOriginal.bottom, style: inOriginal.style },
    phash: shifts[4], shifts, bytes: stored, thumb,
  };
}

function storedSize(width: number, height: number): [number, number] {
  const k = Math.min(1, STORED_SIDE / Math.max(width, height));
  return [Math.max(1, Math.round(width * k)), Math.max(1, Math.round(height * k))];
}

interface Frame {
  canvas: OffscreenCanvas;
  width: number;
  height: number;
}

/** Browsers decode and downscale in one go (createImageBitmap's resize), in native code. */
async function bitmapFrame(file: Blob, width: number, height: number, format: string, hash: string): Promise<Frame> {
  const [w, h] = storedSize(width, height);
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file, { resizeWidth: w, resizeHeight: h, resizeQuality: 'high' });
  } catch {
    throw new Unusable(`damaged ${format.toUpperCase()}: the browser cannot decode it`, hash);
  }
  const canvas = new OffscreenCanvas(w, h);
  canvas.getContext('2d', { willReadFrequently: true })!.drawImage(bitmap, 0, 0);
  bitmap.close();
  return { canvas, width, height };
}

function tiffFrame(bytes: Uint8Array, hash: string): Frame {
  let tiff;
  try {
    tiff = decodeTiff(bytes, { maxSide: MAX_SIDE, maxPixels: MAX_PIXELS });
  } catch (err) {
    throw new Unusable((err as Error).message, hash);
  }
  const full = toGray(tiff.width, tiff.height, tiff.data, tiff.channels);
  const [w, h] = storedSize(tiff.width, tiff.height);
  const small = resizeGray(full, w, h);
  const canvas = grayCanvas(small);
  return { canvas, width: tiff.width, height: tiff.height };
}
