import * as tf from '@tensorflow/tfjs';
// Static: the dataset module already pulls the TIFF decoder into this bundle, so a dynamic import would not split it.
import { decodeTiff } from '../shared/dataset/tiff';

export interface RgbaImage {
  width: number;
  height: number;
  data: Uint8ClampedArray;
}

const TIFF = /\.tiff?$/i;

/** Decodes any supported image file to RGBA pixels, off the main thread. Browsers cannot decode TIFF. */
export async function decodeImage(blob: Blob, name: string): Promise<RgbaImage> {
  if (TIFF.test(name) || blob.type === 'image/tiff') {
    const img = decodeTiff(await blob.arrayBuffer());
    const out = new Uint8ClampedArray(img.width * img.height * 4);
    for (let i = 0, j = 0; i < img.width * img.height; i++, j += img.channels) {
      const r = img.data[j];
      out[i * 4] = r;
      out[i * 4 + 1] = img.channels === 3 ? img.data[j + 1] : r;
      out[i * 4 + 2] = img.channels === 3 ? img.data[j + 2] : r;
      out[i * 4 + 3] = 255;
    }
    return { width: img.width, height: img.height, data: out };
  }
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(blob);
  } catch {
    throw new Error(`${name} could not be decoded as an image (corrupt or unsupported format)`);
  }
  try {
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const ctx = canvas.getContext('2d', { willReadFrequently: true });
    if (!ctx) throw new Error('2D canvas unavailable in this worker');
    ctx.drawImage(bitmap, 0, 0);
    const { data } = ctx.getImageData(0, 0, bitmap.width, bitmap.height);
    return { width: bitmap.width, height: bitmap.height, data };
  } finally {
    bitmap.close();
  }
}

/**
 * RGBA pixels → [1, size, size, 3] float tensor in 0..255: the centre square, resized, as fastai's
 * validation transform does. Preprocessing for the weights is applied by the model, not here.
 */
export function toInputTensor(img: RgbaImage, size: number): tf.Tensor4D {
  return tf.tidy(() => {
    const pixels = tf.browser.fromPixels(new ImageData(img.data as Uint8ClampedArray<ArrayBuffer>, img.width, img.height), 3);
    const side = Math.min(img.width, img.height);
    const top = Math.floor((img.height - side) / 2);
    const left = Math.floor((img.width - side) / 2);
    const square = pixels.slice([top, left, 0], [side, side, 3]);
    return tf.image.resizeBilinear(square.toFloat().expandDims(0) as tf.Tensor4D, [size, size], true);
  });
}
