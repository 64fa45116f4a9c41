import type { GrayImage } from '../shared/synth';

/** A grayscale image as an opaque RGBA canvas (what createImageBitmap gives for other formats), in any worker. */
export function grayCanvas(img: GrayImage): OffscreenCanvas {
  const { width: w, height: h } = img;
  const rgba = new Uint8ClampedArray(w * h * 4);
  for (let i = 0; i < w * h; i++) {
    const v = img.data[i];
    rgba[4 * i] = v;
    rgba[4 * i + 1] = v;
    rgba[4 * i + 2] = v;
    rgba[4 * i + 3] = 255;
  }
  const canvas = new OffscreenCanvas(w, h);
  canvas.getContext('2d', { willReadFrequently: true })!.putImageData(new ImageData(rgba, w, h), 0, 0);
  return canvas;
}
