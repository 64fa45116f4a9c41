import { describe, expect, it } from 'vitest';
import { sniffImage } from './sniff';
import { PixelBudget, POOL_PIXEL_BUDGET } from './pixelBudget';

/** The header of a PNG of any size (what the attack's 190 KB 14000 × 14000 files start with). */
function pngHeader(w: number, h: number): Uint8Array {
  const b = new Uint8Array(33);
  b.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
  new DataView(b.buffer).setUint32(16, w);
  new DataView(b.buffer).setUint32(20, h);
  b.set([8, 2, 0, 0, 0], 24);
  return b;
}

describe('PixelBudget', () => {
  it('lets only one 14000 × 14000 frame decode at a time in a pool of four', async () => {
    const s = sniffImage(pngHeader(14000, 14000), 190_000);
    expect(s.ok).toBe(true);
    const pixels = s.ok ? s.width * s.height : 0;
    const budget = new PixelBudget();
    let peak = 0;
    const releases: (() => void)[] = [];
    const started: number[] = [];
    const lanes = [0, 1, 2, 3].map(async (i) => {
      const release = await budget.acquire(pixels);
      started.push(i);
      peak = Math.max(peak, budget.pixelsInFlight);
      releases.push(release);
    });
    await Promise.resolve();
    expect(started).toEqual([0]);
    for (let k = 1; k < 4; k++) {
      releases.shift()!();
      await new Promise((r) => setTimeout(r, 0));
      expect(started).toHaveLength(k + 1);
    }
    releases.shift()!();
    await Promise.all(lanes);
    expect(peak).toBe(pixels);
    expect(peak * 4).toBeGreaterThan(POOL_PIXEL_BUDGET); // without the budget, four would have run together
    expect(budget.pixelsInFlight).toBe(0);
  });

  it('runs small frames side by side, first come first served behind a big one', async () => {
    const budget = new PixelBudget(100);
    const order: string[] = [];
    const a = await budget.acquire(60);
    const big = budget.acquire(80).then((r) => (order.push('big'), r));
    const small = budget.acquire(10).then((r) => (order.push('small'), r));
    await Promise.resolve();
    expect(order).toEqual([]);
    a();
    const rb = await big;
    const rs = await small;
    expect(order).toEqual(['big', 'small']);
    rb();
    rs();
    rs(); // releasing twice is harmless
    expect(budget.pixelsInFlight).toBe(0);
  });
});
