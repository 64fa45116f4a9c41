import { describe, expect, it } from 'vitest';
import { SYNTHETIC_MESSAGE } from '../../shared/train/faults';
import { inBatches, troubleMessage, type BatchRange, type InferenceTrouble } from './inferenceBatches';

/** A fake model over images 0..total-1 whose result for image i is i*i; `fail` decides which attempts throw. */
function harness(total: number, fail: (r: BatchRange, attempt: number) => Error | null) {
  const results: number[] = [];
  const attempts: BatchRange[] = [];
  const troubles: InferenceTrouble[] = [];
  let recovered = 0;
  const run = async (r: BatchRange) => {
    attempts.push(r);
    const e = fail(r, attempts.length - 1);
    if (e) throw e;
    for (let i = r.start; i < r.end; i++) results.push(i * i);
  };
  return {
    results, attempts, troubles, recovered: () => recovered,
    go: (batchSize: number, extra: { maxRestarts?: number; isCancelled?: () => boolean } = {}) => inBatches({
      total, batchSize, run, ...extra,
      recover: async () => {
        recovered += 1;
        return 'webgl';
      },
      onTrouble: (t) => troubles.push(t),
    }),
  };
}

const expected = (n: number) => Array.from({ length: n }, (_, i) => i * i);
const oom = () => new Error(SYNTHETIC_MESSAGE.oom(1, 'predict-oom'));

describe('inference in batches with recovery', () => {
  it('without trouble: every image once, in order, in batches of the given size', async () => {
    const h = harness(20, () => null);
    expect(await h.go(8)).toEqual({ cancelled: false, batchSize: 8 });
    expect(h.results).toEqual(expected(20));
    expect(h.attempts.map((a) => [a.start, a.end, a.index])).toEqual([[0, 8, 0], [8, 16, 1], [16, 20, 2]]);
  });

  it('out of memory halves the batch and retries the same images; the results equal an uninterrupted run', async () => {
    // batch 1 fails at 8 and again at 4 (memory still short), then fits at 2
    const h = harness(20, (r) => (r.index === 1 && r.size > 2 ? oom() : null));
    expect(await h.go(8)).toEqual({ cancelled: false, batchSize: 2 });
    expect(h.results).toEqual(expected(20));
    expect(h.attempts.slice(0, 4).map((a) => [a.start, a.end, a.size])).toEqual([[0, 8, 8], [8, 16, 8], [8, 12, 4], [8, 10, 2]]);
    expect(h.troubles).toEqual([{ kind: 'oom', from: 8, to: 4, image: 8 }, { kind: 'oom', from: 4, to: 2, image: 8 }]);
    expect(h.recovered()).toBe(0);
  });

  it('out of memory with one image at a time fails with a clear message', async () => {
    const h = harness(5, (r) => (r.start <= 2 && r.end > 2 ? new RangeError('Array buffer allocation failed') : null));
    await expect(h.go(4)).rejects.toThrow(/^Out of memory even with one image at a time \(image 3\): Array buffer allocation failed/);
    expect(h.results).toEqual([0, 1]); // nothing of a failed batch is delivered
  });

  it('a lost device restarts, then runs the same batch again', async () => {
    const h = harness(20, (r, attempt) => (r.index === 1 && attempt === 1 ? new Error(SYNTHETIC_MESSAGE['device-lost'](1, 'predict-device-lost')) : null));
    await h.go(8);
    expect(h.results).toEqual(expected(20));
    expect(h.recovered()).toBe(1);
    expect(h.attempts.map((a) => a.start)).toEqual([0, 8, 8, 16]);
    expect(h.troubles).toEqual([{ kind: 'device-lost', image: 8, backend: 'webgl', error: SYNTHETIC_MESSAGE['device-lost'](1, 'predict-device-lost') }]);
  });

  it('gives up after too many lost devices, and passes other errors through untouched', async () => {
    const lost = harness(10, () => new Error('WebGL context lost.'));
    await expect(lost.go(4, { maxRestarts: 2 })).rejects.toThrow(/lost 3 times in one job/);
    expect(lost.recovered()).toBe(2);
    const other = harness(10, (r) => (r.index === 1 ? new Error('shapes do not match') : null));
    await expect(other.go(4)).rejects.toThrow('shapes do not match');
    expect(other.troubles).toEqual([]);
  });

  it('stops between batches when cancelled', async () => {
    let n = 0;
    const h = harness(20, () => null);
    expect(await h.go(8, { isCancelled: () => n++ >= 1 })).toEqual({ cancelled: true, batchSize: 8 });
    expect(h.results).toEqual(expected(8));
  });

  it('tells the user in the words of the step', () => {
    expect(troubleMessage({ kind: 'oom', from: 16, to: 8, image: 32 }, 'predict', 'webgpu'))
      .toBe('Out of GPU memory at image 33: classifying in batches of 8 instead of 16.');
    expect(troubleMessage({ kind: 'oom', from: 8, to: 4, image: 8 }, 'evaluate', 'wasm')).toBe('Out of memory at image 9: evaluating in batches of 4 instead of 8.');
    expect(troubleMessage({ kind: 'device-lost', image: 8, error: 'The GPU device was lost (destroyed)', backend: 'webgpu' }, 'predict', 'webgpu'))
      .toBe('The GPU device was lost (destroyed). The webgpu backend was restarted, the model rebuilt from its copy, and classification went on from image 9.');
  });
});
