// Decode worker: turns image files into stored copies, thumbnails, data-bar rows and hashes. Several run
// side by side (src/ui/features/data/importer.ts owns the pool). No tfjs here: it starts in milliseconds.
// The same workers compute the classical baseline in Evaluate (texture.ts) and count near-duplicate
// groups (independence.ts), off the UI thread.

import type { FromDecoder, ToDecoder } from '../../shared/decodeProtocol';
import { countGroupsHex, nearCopiesHex } from '../../shared/dataset/independence';
import { runBaseline } from '../../shared/eval/baseline';
import { prepareImage, Unusable } from './prepare';
import { storedTexture } from './texture';

const post = (msg: FromDecoder): void => self.postMessage(msg);

self.onmessage = async (ev: MessageEvent<ToDecoder>) => {
  const msg = ev.data;
  switch (msg.type) {
    case 'prepare':
      try {
        post({ type: 'prepared', id: msg.id, image: await prepareImage(msg.file, msg.sidecar) });
      } catch (err) {
        // Anything a file can make a decoder throw is that file's problem, not the import's.
        const reason = err instanceof Unusable ? err.message : `cannot be read: ${(err as Error)?.message ?? String(err)}`;
        post({ type: 'unusable', id: msg.id, reason, hash: err instanceof Unusable ? err.hash : null });
      }
      return;
    case 'texture':
      try {
        const features: (Float32Array | null)[] = [];
        for (const item of msg.items) features.push(await storedTexture(item));
        post({ type: 'texture', id: msg.id, features });
      } catch (err) {
        post({ type: 'failed', id: msg.id, message: (err as Error)?.message ?? String(err) });
      }
      return;
    case 'fitBaseline':
      try {
        post({ type: 'baseline', id: msg.id, result: runBaseline(msg.train, msg.valid, msg.classNames) });
      } catch (err) {
        post({ type: 'failed', id: msg.id, message: (err as Error)?.message ?? String(err) });
      }
      return;
    case 'groups':
    case 'nearCopies':
      try {
        post(msg.type === 'groups'
          ? { type: 'groups', id: msg.id, count: countGroupsHex(msg.items) }
          : { type: 'nearCopies', id: msg.id, flags: nearCopiesHex(msg.references, msg.queries) });
      } catch (err) {
        post({ type: 'failed', id: msg.id, message: (err as Error)?.message ?? String(err) });
      }
      return;
    default: {
      const never: never = msg;
      void never;
    }
  }
};
