import { describe, expect, it } from 'vitest';
import type { ToWorker } from '../shared/protocol';
import { Requests } from './requests';

function setup() {
  const sent: ToWorker[] = [];
  const r = new Requests((m) => sent.push(m));
  return { r, sent };
}

describe('Requests (the bridge settling worker replies)', () => {
  it('resolves a request with its own reply, and streams its events before that', async () => {
    const { r, sent } = setup();
    const id = r.id();
    const steps: number[] = [];
    const p = r.request({ type: 'lrFind', requestId: id, dataset: 'd', recipe: {} as never }, {
      onEvent: (m) => {
        if (m.type === 'lrFindProgress') steps.push(m.iteration);
      },
    });
    expect(sent.map((m) => m.type)).toEqual(['lrFind']);
    expect(r.reply({ type: 'lrFindProgress', requestId: id, iteration: 1, total: 2, lr: 1e-3, loss: 1 })).toBe(true);
    expect(r.reply({ type: 'lrFindDone', requestId: id, lrs: [1e-3], losses: [1], suggestion: null, cancelled: false })).toBe(true);
    const done = await p;
    expect(done.type).toBe('lrFindDone');
    expect(done.lrs).toEqual([1e-3]);
    expect(steps).toEqual([1]);
    expect(r.size).toBe(0);
    // settled once: a second reply for the same id is dropped
    expect(r.reply({ type: 'lrFindDone', requestId: id, lrs: [], losses: [], suggestion: null, cancelled: true })).toBe(false);
  });

  it('an error rejects its request only; another request stays pending', async () => {
    const { r } = setup();
    const a = r.id();
    const b = r.id();
    const pa = r.request({ type: 'estimate', requestId: a, sizes: [32], batch: 2, dataset: null });
    const pb = r.request({ type: 'benchPredict', requestId: b, size: 32, batch: 1, runs: 1 });
    expect(r.fail(a, 'no model')).toBe('rejected');
    await expect(pa).rejects.toThrow('no model');
    expect(r.has(b)).toBe(true);
    r.reply({ type: 'benchResult', requestId: b, timesMs: [5] });
    expect((await pb).timesMs).toEqual([5]);
  });

  it('abort rejects at once, cancels it in the worker, removes its listener, and its late error is dropped, not fatal', async () => {
    const { r, sent } = setup();
    const ctrl = new AbortController();
    const id = r.id();
    let added = 0;
    let removed = 0;
    const signal = ctrl.signal;
    const add = signal.addEventListener.bind(signal);
    const remove = signal.removeEventListener.bind(signal);
    signal.addEventListener = ((...args: Parameters<typeof add>) => { added++; add(...args); }) as typeof add;
    signal.removeEventListener = ((...args: Parameters<typeof remove>) => { removed++; remove(...args); }) as typeof remove;
    const p = r.request({ type: 'gradCam', requestId: id, name: 'x.png' }, { signal });
    ctrl.abort();
    await expect(p).rejects.toMatchObject({ name: 'AbortError' });
    expect(sent.map((m) => m.type)).toEqual(['gradCam', 'cancel']);
    expect(sent[1]).toEqual({ type: 'cancel', requestId: id });
    expect([added, removed]).toEqual([1, 1]);
    expect(r.fail(id, 'out of memory')).toBe('dropped');
    expect(r.reply({ type: 'gradCamResult', requestId: id } as never)).toBe(false);
    // only an error nobody asked for goes to the app-wide banner
    expect(r.fail(null, 'worker crashed')).toBe('unowned');
    expect(r.fail(id + 100, 'stray')).toBe('unowned');
  });

  it('a settled request removes its abort listener; an already aborted signal sends nothing', async () => {
    const { r, sent } = setup();
    const ctrl = new AbortController();
    const id = r.id();
    const p = r.request({ type: 'estimate', requestId: id, sizes: [32], batch: 2, dataset: null }, { signal: ctrl.signal });
    r.reply({ type: 'estimateResult', requestId: id, probe: {} as never });
    await p;
    ctrl.abort(); // after settling: no cancel is sent
    expect(sent.map((m) => m.type)).toEqual(['estimate']);

    const gone = new AbortController();
    gone.abort();
    await expect(r.request({ type: 'estimate', requestId: r.id(), sizes: [], batch: 1, dataset: null }, { signal: gone.signal })).rejects.toMatchObject({ name: 'AbortError' });
    expect(sent).toHaveLength(1);
  });

  it("a job's own failure message rejects it; another request's reply or failure is not taken", async () => {
    const { r } = setup();
    const run = r.id();
    const ev = r.id();
    const pr = r.request({ type: 'train', requestId: run, dataset: 'd', recipe: {} as never });
    const pe = r.request({ type: 'evaluate', requestId: ev, tta: true });
    // the run's post-run evaluation failing is an event of the run, not its failure, and not the evaluate's
    expect(r.reply({ type: 'evaluationError', requestId: run, message: 'no validation images' })).toBe(true);
    expect(r.has(run) && r.has(ev)).toBe(true);
    expect(r.reply({ type: 'trainDone', requestId: ev, stopped: false, bestEpoch: null })).toBe(true);
    expect(r.has(ev)).toBe(true); // a trainDone is no answer to an evaluate
    expect(r.reply({ type: 'trainError', requestId: run, message: 'disk full' })).toBe(true);
    await expect(pr).rejects.toThrow('disk full');
    r.reply({ type: 'evaluationError', requestId: ev, message: 'no model' });
    await expect(pe).rejects.toThrow('no model');
    expect(r.size).toBe(0);
  });

  it('a restarted worker rejects every pending request with the reason', async () => {
    const { r } = setup();
    const ps = [r.id(), r.id()].map((id) => r.request({ type: 'benchPredict', requestId: id, size: 8, batch: 1, runs: 1 }));
    r.rejectAll('The compute worker was restarted.');
    for (const p of ps) await expect(p).rejects.toThrow('restarted');
    expect(r.size).toBe(0);
  });
});
