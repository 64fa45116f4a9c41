// One file → what the dataset stores about it. Runs in a decode worker, one file at a time, so memory
// holds at most one decoded frame per worker whatever the dataset's size. Decoding is the preprocessing
// path's (../preprocess/decode.ts), the one Classify takes too.

import { cropRows, phashShifts, phashToHex, sha256Hex } from '../../shared/dataset';
import { readImageMeta } from '../../shared/dataset/imageMeta';
import { readSidecarText } from '../../shared/dataset/sidecar';
import type { PreparedImage } from '../../shared/decodeProtocol';
import { decodeImageFile, encodeStored, thumbnail, UnusableImage } from '../preprocess/decode';

/** A file the import lists as an issue rather than a failure of the import. */
export { UnusableImage as Unusable };

export async function prepareImage(file: Blob, sidecar?: Blob): Promise<PreparedImage> {
  if (file.size === 0) throw new UnusableImage('empty file (0 bytes)');
  const bytes = new Uint8Array(await file.arrayBuffer());
  const hash = await sha256Hex(bytes);
  const img = await decodeImageFile(file, bytes, hash);
  const { canvas, width, height, dataBar } = img;
  const shifts = phashShifts(cropRows(img.gray, img.storedBar)).map(phashToHex);
  const [stored, thumb, sidecarText] = await Promise.all([encodeStored(canvas), thumbnail(canvas), sidecar ? readSidecarText(sidecar) : null]);
  const instrument = readImageMeta({ ...img.vendorText, sidecar: sidecarText, scaleBarNm: img.scaleBarNm }, width);
  return {
    hash, width, height, storedWidth: canvas.width, storedHeight: canvas.height,
    dataBar: { found: dataBar.found, top: dataBar.top, bottom: dataBar.bottom, style: dataBar.style },
    phash: shifts[4], shifts, bytes: stored, thumb, ...(instrument ? { instrument } : {}),
  };
}
