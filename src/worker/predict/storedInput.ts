// A stored dataset image as prediction input (the review queue): cut exactly as training cuts it, so the
// model sees unlabelled images the way it saw the labelled ones.
import { decodeSquare } from '../train/storedDataset';
import type { InputSquare } from '../preprocess/decode';

export async function storedInput(stored: { hash: string; rows: number }): Promise<InputSquare> {
  const square = await decodeSquare({ hash: stored.hash, path: stored.hash, label: 0, rows: stored.rows });
  return { square, dataBarCropped: false, thumb: null, instrument: null };
}
