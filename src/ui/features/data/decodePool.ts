// The decode workers: the only place on the UI side that creates them. One file in flight per worker,
// so memory holds at most `size` decoded frames whatever the dataset's size.

import type { FromDecoder, TextureItem, ToDecoder } from '../../../shared/decodeProtocol';
import type { HexHashed } from '../../../shared/dataset/independence';
import { PixelBudget } from '../../../shared/dataset/pixelBudget';
import { sniffImage } from '../../../shared/dataset/sniff';
import { AppUpdated, workerScriptGone } from '../../pwa/serviceWorker';
import DECODE_WORKER_URL from '../../../worker/decode/decode.worker.ts?worker&url';

// One budget for every lane: the frames decoding at once hold at most POOL_PIXEL_BUDGET pixels.
const budget = new PixelBudget();

/** The frame's pixel count from its header (0 when unknown: TIFF sizes are checked by its decoder). */
async function framePixels(file: Blob): Promise<number> {
  const s = sniffImage(new Uint8Array(await file.slice(0, 65536).arrayBuffer()), file.size);
  return s.ok ? s.width * s.height : 0;
}

export function poolSize(): number {
  return Math.max(1, Math.min(4, navigator.hardwareConcurrency || 1));
}

export class DecodeLane {
  // Started on the first message, and again after a crash: a lane whose script is gone starts none in vain.
  private worker: Worker | null = null;
  private nextId = 1;

  private live(): Worker {
    this.worker ??= new Worker(DECODE_WORKER_URL, { type: 'module', name: 'decode' });
    return this.worker;
  }

  /**
   * Resolves with the worker's answer; a crashed worker (out of memory on a huge frame) is replaced. Rejects
   * with AppUpdated when the worker's script is gone from the server (a deploy replaced this tab's build):
   * that is no file's fault, and the import stops with "The app was updated — reload".
   */
  async prepare(file: Blob, name: string, sidecar?: Blob): Promise<Extract<FromDecoder, { type: 'prepared' | 'unusable' }>> {
    const release = await budget.acquire(await framePixels(file).catch(() => 0));
    try {
      return await this.sendPrepare(file, name, sidecar);
    } finally {
      release();
    }
  }

  private sendPrepare(file: Blob, name: string, sidecar?: Blob): Promise<Extract<FromDecoder, { type: 'prepared' | 'unusable' }>> {
    const id = this.nextId++;
    return this.send<Extract<FromDecoder, { type: 'prepared' | 'unusable' }>>({ type: 'prepare', id, file, name, sidecar }, { type: 'unusable', id, reason: 'the decoder crashed on this file (too large for memory?)', hash: null });
  }

  /** Texture features of stored images for the baseline (src/worker/decode/texture.ts). */
  texture(items: TextureItem[]): Promise<Extract<FromDecoder, { type: 'texture' | 'failed' }>> {
    const id = this.nextId++;
    return this.send<Extract<FromDecoder, { type: 'texture' | 'failed' }>>({ type: 'texture', id, items }, { type: 'failed', id, message: 'the decode worker crashed while reading stored images' });
  }

  fitBaseline(msg: Omit<Extract<ToDecoder, { type: 'fitBaseline' }>, 'type' | 'id'>): Promise<Extract<FromDecoder, { type: 'baseline' | 'failed' }>> {
    const id = this.nextId++;
    return this.send<Extract<FromDecoder, { type: 'baseline' | 'failed' }>>({ type: 'fitBaseline', id, ...msg }, { type: 'failed', id, message: 'the decode worker crashed while fitting the baseline' });
  }

  /** Independent (near-duplicate) groups among stored hashes (src/shared/dataset/independence.ts). */
  groups(items: HexHashed[]): Promise<Extract<FromDecoder, { type: 'groups' | 'failed' }>> {
    const id = this.nextId++;
    return this.send<Extract<FromDecoder, { type: 'groups' | 'failed' }>>({ type: 'groups', id, items }, { type: 'failed', id, message: 'the decode worker crashed while grouping near-duplicates' });
  }

  nearCopies(references: HexHashed[], queries: HexHashed[]): Promise<Extract<FromDecoder, { type: 'nearCopies' | 'failed' }>> {
    const id = this.nextId++;
    return this.send<Extract<FromDecoder, { type: 'nearCopies' | 'failed' }>>({ type: 'nearCopies', id, references, queries }, { type: 'failed', id, message: 'the decode worker crashed while looking for near-copies' });
  }

  /** The worker answers a message with one of the given id; the answer's kind follows from the message's. */
  private send<T extends FromDecoder>(msg: ToDecoder, onCrash: T): Promise<T> {
    const id = msg.id;
    return new Promise((resolve, reject) => {
      const w = this.live();
      const done = (answer: T): void => {
        w.removeEventListener('message', onMessage);
        w.removeEventListener('error', onError);
        resolve(answer);
      };
      const onMessage = (ev: MessageEvent<FromDecoder>): void => {
        if (ev.data.id === id) done(ev.data as T);
      };
      const onError = (ev: Event): void => {
        ev.preventDefault();
        w.removeEventListener('message', onMessage);
        w.removeEventListener('error', onError);
        w.terminate();
        if (this.worker === w) this.worker = null;
        void workerScriptGone(DECODE_WORKER_URL).then((gone) => (gone ? reject(new AppUpdated()) : resolve(onCrash)));
      };
      w.addEventListener('message', onMessage);
      w.addEventListener('error', onError);
      w.postMessage(msg);
    });
  }

  close(): void {
    this.worker?.terminate();
    this.worker = null;
  }
}
