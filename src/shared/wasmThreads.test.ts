import { describe, expect, it } from 'vitest';
import { MAX_WASM_THREADS, parseThreads, planWasmThreads, threadsNote } from './wasmThreads';

const isolated = { isolated: true, sharedArrayBuffer: true, cores: 2, requested: null };

describe('planWasmThreads', () => {
  it('uses one thread per logical core on an isolated page (2 on a 2-core machine, not tfjs\' cores / 2)', () => {
    expect(planWasmThreads(isolated)).toEqual({ threads: 2, why: null });
    expect(planWasmThreads({ ...isolated, cores: 6 })).toEqual({ threads: 6, why: null });
  });
  it('caps at the pthread workers tfjs starts', () => {
    expect(planWasmThreads({ ...isolated, cores: 32 }).threads).toBe(MAX_WASM_THREADS);
    expect(planWasmThreads({ ...isolated, requested: 40 }).threads).toBe(MAX_WASM_THREADS);
  });
  it('says why it stays single-threaded', () => {
    expect(planWasmThreads({ ...isolated, isolated: false })).toMatchObject({ threads: 1, why: expect.stringMatching(/not cross-origin isolated/) });
    expect(planWasmThreads({ ...isolated, sharedArrayBuffer: false })).toMatchObject({ threads: 1, why: expect.stringMatching(/SharedArrayBuffer/) });
    expect(planWasmThreads({ ...isolated, cores: 1 })).toMatchObject({ threads: 1, why: expect.stringMatching(/one CPU core/) });
    expect(planWasmThreads({ ...isolated, cores: Number.NaN })).toMatchObject({ threads: 1 });
    expect(planWasmThreads({ ...isolated, requested: 1 })).toMatchObject({ threads: 1, why: expect.stringMatching(/threads=1/) });
  });
  it('takes an explicit count on an isolated page only', () => {
    expect(planWasmThreads({ ...isolated, requested: 3 }).threads).toBe(3);
    expect(planWasmThreads({ ...isolated, isolated: false, requested: 3 }).threads).toBe(1);
  });
});

describe('threadsNote', () => {
  it('names the thread count and the cores', () => {
    expect(threadsNote({ threads: 2, why: null }, 2, 2)).toBe('2 threads (2 logical cores)');
    expect(threadsNote({ threads: 4, why: null }, 2, 8)).toBe('2 threads (4 asked for, 8 logical cores)');
  });
  it('gives the reason for a single thread', () => {
    const plan = planWasmThreads({ ...isolated, isolated: false });
    expect(threadsNote(plan, 1, 2)).toBe(`single-threaded: ${plan.why}`);
    expect(threadsNote({ threads: 2, why: null }, 1, 2, 'worker error')).toBe('single-threaded: the threaded wasm build failed to start (worker error)');
  });
});

describe('parseThreads', () => {
  it('reads 1 to 64 and ignores the rest', () => {
    expect(parseThreads('1')).toBe(1);
    expect(parseThreads(' 8 ')).toBe(8);
    for (const v of [null, '', '0', '65', '-2', '2.5', 'two', '999']) expect(parseThreads(v)).toBeNull();
  });
});
