import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { isBundleLoad, LoadWatchdog, sourceAfterStall, stallMessage, withStalled } from './loadWatchdog';

describe('LoadWatchdog', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('fires once when a load gets no message for the limit, naming it', () => {
    const stalls: string[] = [];
    const w = new LoadWatchdog(60_000, (what) => stalls.push(what));
    w.started('bundle: m.zip');
    vi.advanceTimersByTime(59_999);
    expect(stalls).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(stalls).toEqual(['bundle: m.zip']);
    expect(w.loading).toBeNull();
    vi.advanceTimersByTime(600_000);
    expect(stalls).toHaveLength(1);
  });

  it('every message restarts the count: a long load that keeps reporting is never a stall', () => {
    const onStall = vi.fn();
    const w = new LoadWatchdog(60_000, onStall);
    w.started('resnet50');
    for (let i = 0; i < 20; i++) {
      vi.advanceTimersByTime(50_000);
      w.beat();
    }
    expect(onStall).not.toHaveBeenCalled();
    expect(w.loading).toBe('resnet50');
    vi.advanceTimersByTime(60_000);
    expect(onStall).toHaveBeenCalledWith('resnet50');
  });

  it('is quiet when no load runs, after a load ends, and after the worker is stopped', () => {
    const onStall = vi.fn();
    const w = new LoadWatchdog(1000, onStall);
    w.beat(); // messages outside a load arm nothing (training, predictions)
    vi.advanceTimersByTime(5000);
    w.started('resnet50');
    vi.advanceTimersByTime(900);
    w.stopped();
    vi.advanceTimersByTime(5000);
    w.beat();
    vi.advanceTimersByTime(5000);
    expect(onStall).not.toHaveBeenCalled();
  });

  it('a second load restarts the count under its own name', () => {
    const stalls: string[] = [];
    const w = new LoadWatchdog(1000, (what) => stalls.push(what));
    w.started('resnet50');
    vi.advanceTimersByTime(900);
    w.started('bundle: b.zip');
    vi.advanceTimersByTime(900);
    expect(stalls).toEqual([]);
    vi.advanceTimersByTime(100);
    expect(stalls).toEqual(['bundle: b.zip']);
  });
});

describe('after a stall', () => {
  it('never restarts with the source that hung', () => {
    expect(sourceAfterStall({ kind: 'url', url: 'https://lab.example/m/model.json' })).toEqual({ kind: 'builtin', id: 'resnet50', pretrained: 'auto' });
    expect(sourceAfterStall({ kind: 'files', files: [] })).toEqual({ kind: 'builtin', id: 'resnet50', pretrained: 'auto' });
    expect(sourceAfterStall({ kind: 'builtin', id: 'resnet50-tiny', pretrained: 'auto' })).toEqual({ kind: 'builtin', id: 'resnet50-tiny', pretrained: 'none' });
    expect(sourceAfterStall({ kind: 'builtin', id: 'resnet50', pretrained: 'none' })).toBeNull();
  });

  it('says what stalled, for how long, and what was done', () => {
    expect(isBundleLoad('bundle: https://lab.example/m.zip')).toBe(true);
    expect(isBundleLoad('resnet50')).toBe(false);
    expect(stallMessage('bundle: https://lab.example/m.zip', 120_000)).toBe(
      'Loading the model https://lab.example/m.zip made no progress for 120 s, so the compute worker was stopped and started again without it.',
    );
  });

  it('keeps the stalled links, newest last, without repeats, bounded', () => {
    expect(withStalled(['a', 'b'], 'a')).toEqual(['b', 'a']);
    expect(withStalled(Array.from({ length: 20 }, (_, i) => `u${i}`), 'new')).toHaveLength(20);
    expect(withStalled(['x'], 'y', 1)).toEqual(['y']);
  });
});
