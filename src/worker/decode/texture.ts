// The baseline's half in the decode workers: texture features of stored images (read from IndexedDB
// here, so no pixel crosses the UI thread) and the logistic-regression fit. No tfjs.

import { toGray } from '../../shared/dataset/gray';
import type { TextureItem } from '../../shared/decodeProtocol';
import { textureFeatures } from '../../shared/eval/lbp';
import { getImage } from '../../shared/storage/datasetDb';
import { storedSquare } from '../preprocess/decode';

/**
 * Features of one stored image (or of a stored copy made for a file outside the dataset), from the pixels the network is fed (the one preprocessing path's centre
 * square above the data bar); null when the image is no longer stored.
 */
export async function storedTexture(item: TextureItem): Promise<Float32Array | null> {
  const bytes = item.bytes ?? (await getImage(item.hash))?.bytes;
  if (!bytes) return null;
  const square = await storedSquare(bytes, item.rows);
  return textureFeatures(toGray(square.width, square.height, square.data, 4));
}
