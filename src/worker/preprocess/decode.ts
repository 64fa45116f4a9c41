// The one preprocessing path, steps 1-3 (no tfjs here: the import's decode workers run it too):
//   decode a file → the stored copy (longest side ≤ STORED_SIDE, JPEG q0.9) → data-bar rows → centre square.
// Import stores the copy; Classify and Grad-CAM make the same copy and decode it again, so a model is fed
// exactly the pixels it was trained on. Steps 4-5 (resize, normalise) are in ./input.ts.

import { decodeTiff, detectDataBar, resizeGray, scaleDataBar, toGray, type DataBarResult } from '../../shared/dataset';
import { readImageMeta } from '../../shared/dataset/imageMeta';
import { readScaleBar } from '../../shared/dataset/scaleBar';
import type { InstrumentInfo } from '../../shared/dataset/instrument';
import { croppedStoredRows, STORED_SIDE, THUMB_SIDE } from '../../shared/dataset/records';
import { readSidecarText } from '../../shared/dataset/sidecar';
import { jpegIsComplete, MAX_PIXELS, MAX_SIDE, pngIsComplete, sniffImage } from '../../shared/dataset/sniff';
import type { GrayImage } from '../../shared/synth';
import { grayCanvas } from '../grayCanvas';

/** A file that cannot be used; the message is shown next to it (import issues, Classify rows). */
export class UnusableImage extends Error {
  constructor(message: string, readonly hash: string | null = null) {
    super(message);
  }
}

/** How stored copies are encoded: import writes them so, Classify re-encodes its input the same way. */
export const STORED_TYPE = 'image/jpeg';
export const STORED_QUALITY = 0.9;

/** A decoded file at stored size, with its data bar found on that copy. */
export interface DecodedImage {
  /** whole frame, longest side ≤ STORED_SIDE */
  canvas: OffscreenCanvas;
  /** the file's own size */
  width: number;
  height: number;
  format: 'png' | 'jpeg' | 'tiff' | string;
  /** the stored copy's gray levels (pHash, data-bar detection) */
  gray: GrayImage;
  /** data bar in the stored copy's rows, as detected */
  storedBar: DataBarResult;
  /** the same in the file's rows (what the dataset records) */
  dataBar: DataBarResult;
  /** TIFF only: the instrument metadata tags' text (FEI/Thermo 34682, Zeiss 34118) */
  vendorText: { fei: string | null; zeiss: string | null };
  /** nm per pixel of the file read from the burnt-in scale bar in its data bar; null when none was read surely */
  scaleBarNm: number | null;
}

function fit(width: number, height: number, side: number): [number, number] {
  const k = Math.min(1, side / Math.max(width, height));
  return [Math.max(1, Math.round(width * k)), Math.max(1, Math.round(height * k))];
}

/** Step 1: any supported file (PNG, JPEG, TIFF 8/16-bit stretched to gray, …) → the stored-size frame. */
export async function decodeImageFile(file: Blob, bytes?: Uint8Array, hash: string | null = null): Promise<DecodedImage> {
  if (file.size === 0) throw new UnusableImage('empty file (0 bytes)', hash);
  bytes ??= new Uint8Array(await file.arrayBuffer());
  const sniff = sniffImage(bytes, file.size);
  if (!sniff.ok) throw new UnusableImage(sniff.reason, hash);
  if (sniff.format === 'png' && !pngIsComplete(bytes)) throw new UnusableImage('damaged PNG: the file is truncated', hash);
  if (sniff.format === 'jpeg' && !jpegIsComplete(bytes)) throw new UnusableImage('truncated JPEG: the file ends before its end marker', hash);
  const frame = sniff.format === 'tiff' ? tiffFrame(bytes, hash) : await bitmapFrame(file, sniff.width, sniff.height, sniff.format, hash);
  const { canvas } = frame;
  const rgba = canvas.getContext('2d', { willReadFrequently: true })!.getImageData(0, 0, canvas.width, canvas.height).data;
  // The stored copy is at most 256 px wide, which is what detectDataBar is tuned for.
  const gray = toGray(canvas.width, canvas.height, rgba, 4);
  const storedBar = detectDataBar(gray);
  const dataBar = scaleDataBar(storedBar, canvas.height, frame.height);
  // The scale bar's label needs the file's own pixels: only the data bar's rows are decoded again at full size.
  let scaleBarNm: number | null = null;
  if (dataBar.found) {
    const band = await (frame.bandGray ?? bitmapBand)(file, frame.width, frame.height, dataBar).catch(() => null);
    scaleBarNm = band ? readScaleBar(band.gray.data, band.gray.width, band.gray.height, { top: band.barTop, bottom: band.barBottom })?.nmPerPx ?? null : null;
  }
  const { bandGray: _band, ...kept } = frame;
  return { ...kept, vendorText: frame.vendorText ?? { fei: null, zeiss: null }, format: sniff.format, gray, storedBar, dataBar, scaleBarNm };
}

/** Full-size gray rows around a data bar (a few rows of slack above it), and the bar's rows within them. */
interface BarBand {
  gray: GrayImage;
  barTop: number;
  barBottom: number;
}
type BandReader = (file: Blob, width: number, height: number, bar: DataBarResult) => Promise<BarBand | null>;

/** Rows [top, bottom) of the bar, with slack: the detector ran on a copy up to 4x smaller. */
function bandRows(height: number, bar: DataBarResult): [number, number] {
  const slack = Math.ceil(0.01 * height) + 4;
  return [Math.max(0, bar.top - slack), Math.min(height, bar.bottom + slack)];
}

/** The browser decodes the file again, cut to the bar's rows (createImageBitmap's crop), at full size. */
const bitmapBand: BandReader = async (file, width, height, bar) => {
  const [y0, y1] = bandRows(height, bar);
  if (y1 - y0 < 8 || width * (y1 - y0) > MAX_PIXELS) return null;
  const bitmap = await createImageBitmap(file, 0, y0, width, y1 - y0);
  try {
    const canvas = new OffscreenCanvas(width, y1 - y0);
    const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, width, y1 - y0);
    ctx.drawImage(bitmap, 0, 0);
    const gray = toGray(width, y1 - y0, ctx.getImageData(0, 0, width, y1 - y0).data, 4);
    return { gray, barTop: bar.top - y0, barBottom: bar.bottom - y0 };
  } finally {
    bitmap.close();
  }
};

/** Step 2: the stored copy's bytes. */
export function encodeStored(canvas: OffscreenCanvas): Promise<Blob> {
  return canvas.convertToBlob({ type: STORED_TYPE, quality: STORED_QUALITY });
}

/** A small JPEG of the whole frame (the gallery, and Classify rows for TIFF, which browsers cannot show). */
export function thumbnail(canvas: OffscreenCanvas): Promise<Blob> {
  const [w, h] = fit(canvas.width, canvas.height, THUMB_SIDE);
  const small = new OffscreenCanvas(w, h);
  const ctx = small.getContext('2d')!;
  ctx.imageSmoothingQuality = 'high';
  ctx.drawImage(canvas, 0, 0, w, h);
  return small.convertToBlob({ type: STORED_TYPE, quality: 0.85 });
}

/** Step 3's input: rows of the stored copy above the data bar (all rows when the crop is off). */
export function storedRows(img: Pick<DecodedImage, 'dataBar' | 'height'>, storedHeight: number, cropDataBar: boolean): number {
  return cropDataBar ? croppedStoredRows({ dataBar: img.dataBar, height: img.height, storedHeight }) : storedHeight;
}

/** Step 3: a stored copy → the centre square of its first `rows` rows, as RGBA pixels. */
export async function storedSquare(stored: Blob, rows: number): Promise<ImageData> {
  const bitmap = await createImageBitmap(stored);
  try {
    const r = Math.max(1, Math.min(rows, bitmap.height));
    const side = Math.min(bitmap.width, r);
    const canvas = new OffscreenCanvas(side, side);
    const ctx = canvas.getContext('2d', { willReadFrequently: true });
    if (!ctx) throw new Error('2D canvas unavailable in this worker');
    ctx.drawImage(bitmap, Math.floor((bitmap.width - side) / 2), Math.floor((r - side) / 2), side, side, 0, 0, side, side);
    return ctx.getImageData(0, 0, side, side);
  } finally {
    bitmap.close();
  }
}

/** What Classify and Grad-CAM feed the model for a file: steps 1-3, the same pixels a stored copy gives. */
export interface InputSquare {
  square: ImageData;
  dataBarCropped: boolean;
  /** thumbnail, only when asked for */
  thumb: Blob | null;
  /** what the file's TIFF tags and its sidecar (when given) say about how it was taken */
  instrument: InstrumentInfo | null;
}

export async function inputSquare(file: Blob, cropDataBar: boolean, withThumb = false, sidecar?: Blob): Promise<InputSquare> {
  const img = await decodeImageFile(file);
  const storedHeight = img.canvas.height;
  const rows = storedRows(img, storedHeight, cropDataBar);
  const square = await storedSquare(await encodeStored(img.canvas), rows);
  const sidecarText = sidecar ? await readSidecarText(sidecar) : null;
  const instrument = readImageMeta({ ...img.vendorText, sidecar: sidecarText, scaleBarNm: img.scaleBarNm }, img.width) ?? null;
  return { square, dataBarCropped: rows < storedHeight, thumb: withThumb ? await thumbnail(img.canvas) : null, instrument };
}

interface Frame {
  canvas: OffscreenCanvas;
  width: number;
  height: number;
  vendorText?: DecodedImage['vendorText'];
  /** the bar's full-size rows when the frame already has them decoded (TIFF) */
  bandGray?: BandReader;
}

/** Browsers decode and downscale in one go (createImageBitmap's resize), in native code. */
async function bitmapFrame(file: Blob, width: number, height: number, format: string, hash: string | null): Promise<Frame> {
  const [w, h] = fit(width, height, STORED_SIDE);
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file, { resizeWidth: w, resizeHeight: h, resizeQuality: 'high' });
  } catch {
    throw new UnusableImage(`damaged ${format.toUpperCase()}: the browser cannot decode it`, hash);
  }
  const canvas = new OffscreenCanvas(w, h);
  const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
  // Transparent pixels (RGBA PNG, WebP, GIF) are composited on white, as viewers show them: drawn on the
  // canvas's transparent black they would turn black in the gray levels and in the JPEG stored copy.
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, w, h);
  ctx.drawImage(bitmap, 0, 0);
  bitmap.close();
  return { canvas, width, height };
}

/** TIFF goes to gray (8/16-bit, stretched) and is downscaled like the other formats. */
function tiffFrame(bytes: Uint8Array, hash: string | null): Frame {
  let tiff;
  try {
    tiff = decodeTiff(bytes, { maxSide: MAX_SIDE, maxPixels: MAX_PIXELS });
  } catch (err) {
    throw new UnusableImage((err as Error).message, hash);
  }
  const [w, h] = fit(tiff.width, tiff.height, STORED_SIDE);
  const full = toGray(tiff.width, tiff.height, tiff.data, tiff.channels);
  const small = resizeGray(full, w, h);
  const bandGray: BandReader = async (_file, width, height, bar) => {
    const [y0, y1] = bandRows(height, bar);
    if (y1 - y0 < 8) return null;
    return { gray: { width, height: y1 - y0, data: full.data.subarray(y0 * width, y1 * width) }, barTop: bar.top - y0, barBottom: bar.bottom - y0 };
  };
  return { canvas: grayCanvas(small), width: tiff.width, height: tiff.height, vendorText: tiff.vendorText, bandGray };
}
