import { describe, expect, it } from 'vitest';
import { TrainControl } from './control';

describe('TrainControl', () => {
  it('passes straight through when running, holds while paused, releases on resume', async () => {
    const c = new TrainControl();
    await c.waitWhilePaused();
    c.pause();
    expect(c.paused).toBe(true);
    let released = false;
    const wait = c.waitWhilePaused().then(() => {
      released = true;
    });
    await Promise.resolve();
    expect(released).toBe(false);
    c.resume();
    await wait;
    expect(released).toBe(true);
  });

  it('stop wakes a paused loop and reads as stopped, not paused', async () => {
    const c = new TrainControl();
    c.pause();
    const wait = c.waitWhilePaused();
    c.stop();
    await wait;
    expect(c.stopped).toBe(true);
    expect(c.paused).toBe(false);
  });

  it('tells listeners about pause and resume until they unsubscribe', () => {
    const c = new TrainControl();
    const seen: boolean[] = [];
    const off = c.onPauseChange((p) => seen.push(p));
    c.pause();
    c.resume();
    off();
    c.pause();
    expect(seen).toEqual([true, false]);
  });
});
