// Decode worker: turns image files into stored copies, thumbnails, data-bar rows and hashes. Several run
// side by side (src/ui/dataset/importer.ts owns the pool). No tfjs here: it starts in milliseconds.

import type { FromDecoder, ToDecoder } from '../../shared/decodeProtocol';
import { prepareImage, Unusable } from './prepare';

const post = (msg: FromDecoder): void => self.postMessage(msg);

self.onmessage = async (ev: MessageEvent<ToDecoder>) => {
  const msg = ev.data;
  if (msg.type !== 'prepare') return;
  try {
    post({ type: 'prepared', id: msg.id, image: await prepareImage(msg.file) });
  } catch (err) {
    // Anything a file can make a decoder throw is that file's problem, not the import's.
    const reason = err instanceof Unusable ? err.message : `cannot be read: ${(err as Error)?.message ?? String(err)}`;
    post({ type: 'unusable', id: msg.id, reason, hash: err instanceof Unusable ? err.hash : null });
  }
};
