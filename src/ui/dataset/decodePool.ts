// The decode workers: the only place on the UI side that creates them. One file in flight per worker,
// so memory holds at most `size` decoded frames whatever the dataset's size.

import type { FromDecoder, ToDecoder } from '../../shared/decodeProtocol';
import { PixelBudget } from '../../shared/dataset/pixelBudget';
import { sniffImage } from '../../shared/dataset/sniff';

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
  private worker: Worker;
  private nextId = 1;

  constructor() {
    this.worker = DecodeLane.spawn();
  }

  private static spawn(): Worker {
    return new Worker(new URL('../../worker/decode/decode.worker.ts', import.meta.url), { type: 'module', name: 'decode' });
  }

  /** Resolves with the worker's answer; a crashed worker (out of memory on a huge frame) is replaced. */
  async prepare(file: Blob, name: string): Promise<FromDecoder> {
    const release = await budget.acquire(await framePixels(file).catch(() => 0));
    try {
      return await this.send(file, name);
    } finally {
      release();
    }
  }

  private send(file: Blob, name: string): Promise<FromDecoder> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      const w = this.worker;
      const done = (msg: FromDecoder): void => {
        w.removeEventListener('message', onMessage);
        w.removeEventListener('error', onError);
        resolve(msg);
      };
      const onMessage = (ev: MessageEvent<FromDecoder>): void => {
        if (ev.data.id === id) done(ev.data);
      };
      const onError = (ev: ErrorEvent): void => {
        ev.preventDefault();
        w.terminate();
        this.worker = DecodeLane.spawn();
        done({ type: 'unusable', id, reason: 'the decoder crashed on this file (too large for memory?)', hash: null });
      };
      w.addEventListener('message', onMessage);
      w.addEventListener('error', onError);
      w.postMessage({ type: 'prepare', id, file, name } satisfies ToDecoder);
    });
  }

  close(): void {
    this.worker.terminate();
  }
}
