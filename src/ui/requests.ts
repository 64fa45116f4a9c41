// Requests to the compute worker and their replies, apart from the Worker itself so it can be unit-tested.
// One pending entry per requestId; it settles exactly once (reply, error, abort or restart), and then its
// abort listener is removed. An aborted request's late error or reply is dropped, never shown as a failure
// of the whole app.
import { FAILURE_TYPES, REPLY_TYPES, type ReplyMessage, type ReplyOf, type RequestOf, type RequestType, type ToWorker } from '../shared/protocol';

interface Pending {
  kind: RequestType;
  resolve: (reply: ReplyMessage) => void;
  reject: (e: Error) => void;
  /** events this request streams before its reply (predict batches, lr_find steps) */
  onEvent?: (msg: ReplyMessage) => void;
  cleanup: () => void;
}

export interface RequestOptions {
  signal?: AbortSignal;
  onEvent?: (msg: ReplyMessage) => void;
}

export const abortError = (): DOMException => new DOMException('Aborted', 'AbortError');
/** Whether a request's rejection is its abort (the caller asked for it: not a failure to show). */
export const isAbortError = (e: unknown): boolean => e instanceof Error && e.name === 'AbortError';

export class Requests {
  private pending = new Map<number, Pending>();
  private nextId = 1;
  private lastId = 0;

  /** `send`: posts to the worker (an aborted request is followed by a `cancel` for it). */
  constructor(private readonly send: (msg: ToWorker) => void) {}

  /** A fresh requestId for a message. */
  id(): number {
    this.lastId = this.nextId++;
    return this.lastId;
  }

  get size(): number {
    return this.pending.size;
  }

  /** Sends `msg` and resolves with its reply; abort rejects at once with an AbortError and cancels it in the worker. */
  request<K extends RequestType>(msg: RequestOf<K>, options: RequestOptions = {}): Promise<ReplyOf<K>> {
    const { signal, onEvent } = options;
    // every RequestOf<K> has these two; TypeScript cannot see through Extract over a generic K
    const { type: kind, requestId } = msg as unknown as { type: K; requestId: number };
    return new Promise<ReplyOf<K>>((resolve, reject) => {
      if (signal?.aborted) return reject(abortError());
      const onAbort = () => {
        if (!this.pending.has(requestId)) return;
        this.finish(requestId);
        reject(abortError());
        this.send({ type: 'cancel', requestId });
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.pending.set(requestId, {
        kind,
        // reply() checks the reply's type against REPLY_TYPES[kind] before calling this
        resolve: resolve as (reply: ReplyMessage) => void,
        reject,
        onEvent,
        cleanup: () => signal?.removeEventListener('abort', onAbort),
      });
      try {
        this.send(msg);
      } catch (e) {
        this.finish(requestId);
        reject(e instanceof Error ? e : new Error(String(e)));
      }
    });
  }

  /** Whether a request is still waiting (its events are wanted). */
  has(requestId: number): boolean {
    return this.pending.has(requestId);
  }

  /**
   * A message with a requestId: the request's reply settles it, its failure message (FAILURE_TYPES) rejects
   * it, anything else is one of its events.
   * Returns false for a request that is not pending (aborted, or settled already): the caller drops it.
   */
  reply(msg: ReplyMessage): boolean {
    const p = this.pending.get(msg.requestId);
    if (!p) return false;
    if ('message' in msg && msg.type === (FAILURE_TYPES as Partial<Record<RequestType, string>>)[p.kind]) {
      this.finish(msg.requestId);
      p.reject(new Error(msg.message));
      return true;
    }
    if (msg.type !== REPLY_TYPES[p.kind]) {
      p.onEvent?.(msg);
      return true;
    }
    this.finish(msg.requestId);
    p.resolve(msg);
    return true;
  }

  /**
   * An error from the worker. 'rejected': it failed a pending request; 'dropped': it belongs to a request that
   * was aborted or settled (never fatal); 'unowned': no request (requestId null or never issued) — the app's.
   */
  fail(requestId: number | null, message: string): 'rejected' | 'dropped' | 'unowned' {
    if (requestId === null || requestId > this.lastId || requestId < 1) return 'unowned';
    const p = this.pending.get(requestId);
    if (!p) return 'dropped';
    this.finish(requestId);
    p.reject(new Error(message));
    return 'rejected';
  }

  /** The worker is gone: every pending request fails with this reason. */
  rejectAll(reason: string): void {
    const all = [...this.pending.values()];
    for (const id of [...this.pending.keys()]) this.finish(id);
    for (const p of all) p.reject(new Error(reason));
  }

  private finish(requestId: number): void {
    this.pending.get(requestId)?.cleanup();
    this.pending.delete(requestId);
  }
}
