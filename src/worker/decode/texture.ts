// The baseline's half in the decode workers: texture features of stored images (read from IndexedDB
// here, so no pixel crosses the UI thread) and the logistic-regression fit. No tfjs.

import { toGray } from '../../shared/dataset/gray';
import type { TextureItem } from '../../shared/decodeProtocol';
import { textureFeatures } from '../../shared/eval/lbp';
import { getImage } from '../../shared/storage/datasetDb';

/** Features of one stored image above its data bar; null when the image is no longer stored. */
export async function storedTexture(item: TextureItem): Promise<Float32Array | null> {
  const stored = await getImage(item.hash);
  if (!stored) return null;
  const bitmap = await createImageBitmap(stored.bytes);
  try {
    const rows = Math.max(1, Math.min(item.rows, bitmap.height));
    const canvas = new OffscreenCanvas(bitmap.width, rows);
    const ctx = canvas.getContext('2d', { willReadFrequently: true });
    if (!ctx) throw new Error('2D canvas unavailable in this worker');
    ctx.drawImage(bitmap, 0, 0);
    const rgba = ctx.getImageData(0, 0, bitmap.width, rows).data;
    return textureFeatures(toGray(bitmap.width, rows, rgba, 4));
  } finally {
    bitmap.close();
  }
}
