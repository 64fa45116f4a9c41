// The bridge's job calls against a fake compute worker: each job's promise takes only its own request's
// reply, an aborted job rejects with an AbortError whose late worker error never reaches the app-wide banner,
// and a settled job leaves no listener behind. (No DOM here: the few browser globals it reads are stubbed.)
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { FromWorker, ToWorker } from '../shared/protocol';
import type { Evaluation } from '../shared/eval/types';
import { RECIPE_DEFAULTS } from '../shared/train/recipe';

vi.mock('../worker/compute.worker.ts?worker&url', () => ({ default: '/compute.worker.js' }));
vi.mock('./features/evaluate/baselineRun', () => ({ baselineForEvaluation: async () => undefined }));
vi.mock('./pwa/serviceWorker', () => ({ workerScriptGone: async () => false, STALE_TEXT: 'stale' }));

class FakeWorker {
  static last: FakeWorker;
  posted: ToWorker[] = [];
  onmessage: ((e: { data: FromWorker }) => void) | null = null;
  onerror: unknown = null;
  constructor() {
    FakeWorker.last = this;
  }
  postMessage(msg: ToWorker): void {
    this.posted.push(msg);
  }
  terminate(): void {}
  /** The worker answers. */
  emit(msg: FromWorker): void {
    this.onmessage?.({ data: msg });
  }
  /** The requestId of the last message of this type the bridge sent. */
  idOf(type: ToWorker['type']): number {
    const m = [...this.posted].reverse().find((p) => p.type === type);
    if (!m || !('requestId' in m)) throw new Error(`no ${type} sent`);
    return m.requestId;
  }
}

vi.stubGlobal('window', { location: { search: '', href: 'http://app.test/', pathname: '/', hash: '' } });
vi.stubGlobal('document', { baseURI: 'http://app.test/' });
vi.stubGlobal('Worker', FakeWorker);

const bridge = await import('./bridge');
const { useStore } = await import('./store');

/** A promise's state without waiting for it. */
async function settled<T>(p: Promise<T>): Promise<'pending' | 'resolved' | 'rejected'> {
  const marker = Symbol('pending');
  try {
    return (await Promise.race([p, new Promise((r) => setTimeout(() => r(marker), 0))])) === marker ? 'pending' : 'resolved';
  } catch {
    return 'rejected';
  }
}

/** A signal that counts its abort listeners. */
function countedSignal(): { ctrl: AbortController; live: () => number } {
  const ctrl = new AbortController();
  const s = ctrl.signal;
  let live = 0;
  const add = s.addEventListener.bind(s);
  const remove = s.removeEventListener.bind(s);
  s.addEventListener = ((...a: Parameters<typeof add>) => { live++; add(...a); }) as typeof add;
  s.removeEventListener = ((...a: Parameters<typeof remove>) => { live--; remove(...a); }) as typeof remove;
  return { ctrl, live: () => live };
}

const evaluation = (): Evaluation => ({ runId: null, classNames: ['a', 'b'], split: 'valid', size: 32, items: [], ttaItems: null, createdAt: 1 });

describe('bridge job calls (fake worker)', () => {
  beforeAll(() => bridge.startWorker('cpu', { kind: 'builtin', id: 'resnet50-tiny', pretrained: 'none' }));
  beforeEach(() => useStore.getState().workerFailed(null as unknown as string));

  it('a training run settles on its own trainDone only; the store follows the stream as before', async () => {
    const w = FakeWorker.last;
    const run = bridge.startTraining('ds', RECIPE_DEFAULTS);
    await vi.waitFor(() => expect(w.posted.some((m) => m.type === 'train')).toBe(true));
    const id = w.idOf('train');
    w.emit({ type: 'trainDone', requestId: id + 1, stopped: false, bestEpoch: 0, keptEpoch: 0 }); // another request's
    expect(await settled(run)).toBe('pending');
    w.emit({ type: 'trainDone', requestId: id, stopped: true, bestEpoch: 1, keptEpoch: 1 });
    await expect(run).resolves.toMatchObject({ type: 'trainDone', stopped: true, keptEpoch: 1 });
    expect(useStore.getState().trainState).toBe('done');
    expect(useStore.getState().trainStopped).toBe(true);
  });

  it('a failed run rejects with its trainError, shown in the Train step and not as the app-wide banner', async () => {
    const w = FakeWorker.last;
    const run = bridge.startTraining('ds', RECIPE_DEFAULTS);
    await vi.waitFor(() => expect(w.posted.filter((m) => m.type === 'train')).toHaveLength(2));
    w.emit({ type: 'trainError', requestId: w.idOf('train'), message: 'out of memory' });
    await expect(run).rejects.toThrow('out of memory');
    expect(useStore.getState().trainError).toBe('out of memory');
    expect(useStore.getState().fatalError).toBeNull();
  });

  it('evaluate takes its own evaluation, not the one a run posts after it ends', async () => {
    const w = FakeWorker.last;
    const job = bridge.evaluate(true);
    const id = w.idOf('evaluate');
    w.emit({ type: 'evaluationProgress', requestId: id, done: 1, total: 2, tta: true, etaSeconds: 1 });
    w.emit({ type: 'evaluation', requestId: w.idOf('train'), evaluation: evaluation() });
    expect(await settled(job)).toBe('pending');
    w.emit({ type: 'evaluation', requestId: id, evaluation: { ...evaluation(), createdAt: 2 } });
    expect((await job).evaluation.createdAt).toBe(2);
    expect(useStore.getState().evaluation?.createdAt).toBe(2);
  });

  it('lr_find and the augmentation preview cancel the mode probe in flight instead of waiting behind it', async () => {
    const w = FakeWorker.last;
    for (const start of [
      () => void bridge.runLrFind('d', RECIPE_DEFAULTS, new AbortController().signal),
      () => void bridge.augmentPreview('d', null, 64, { flip: true } as never, 1).catch(() => undefined),
    ]) {
      const probe = bridge.estimateModes([32], 8, 'd');
      const id = w.idOf('estimate');
      start();
      expect(await probe.catch((e: unknown) => e)).toMatchObject({ name: 'AbortError' });
      expect(w.posted).toContainEqual({ type: 'cancel', requestId: id });
    }
  });

  it('an aborted prediction rejects with an AbortError at once, cancels in the worker, and its late error is not fatal', async () => {
    const w = FakeWorker.last;
    const { ctrl, live } = countedSignal();
    const got: number[] = [];
    const job = bridge.predictFiles([], { topK: 1, tta: false, cropDataBar: false }, (r) => got.push(r.length), ctrl.signal);
    const id = w.idOf('predictFiles');
    w.emit({ type: 'predictResults', requestId: id, results: [{ id: 1 } as never], classNames: ['a'] });
    expect(live()).toBe(1);
    ctrl.abort();
    const err = await job.catch((e: unknown) => e);
    expect(err).toMatchObject({ name: 'AbortError' });
    expect(w.posted.at(-1)).toEqual({ type: 'cancel', requestId: id });
    expect(live()).toBe(0);
    // the worker's batch in flight and its error come after the abort: dropped, no banner
    w.emit({ type: 'predictResults', requestId: id, results: [{ id: 2 } as never], classNames: ['a'] });
    w.emit({ type: 'error', requestId: id, message: 'out of memory' });
    expect(got).toEqual([1]);
    expect(useStore.getState().fatalError).toBeNull();
    // an error no request owns still reaches the banner
    w.emit({ type: 'error', requestId: null, message: 'the backend died' });
    expect(useStore.getState().fatalError).toBe('the backend died');
  });

  it('a finished prediction removes its abort listener and takes no more batches', async () => {
    const w = FakeWorker.last;
    const { ctrl, live } = countedSignal();
    const got: number[] = [];
    const job = bridge.predictFiles([], { topK: 1, tta: false, cropDataBar: false }, (r) => got.push(r.length), ctrl.signal);
    const id = w.idOf('predictFiles');
    w.emit({ type: 'predictDone', requestId: id - 1, cancelled: false }); // the aborted one's late reply
    expect(await settled(job)).toBe('pending');
    w.emit({ type: 'predictDone', requestId: id, cancelled: false });
    await expect(job).resolves.toBeUndefined();
    expect(live()).toBe(0);
    w.emit({ type: 'predictResults', requestId: id, results: [{ id: 3 } as never], classNames: ['a'] });
    ctrl.abort();
    expect(got).toEqual([]);
    expect(w.posted.at(-1)?.type).toBe('predictFiles'); // no cancel after it ended
  });
});
