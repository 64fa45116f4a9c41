import { describe, expect, it } from 'vitest';
import { fastEpochBatches } from './fastBatches';

describe('fastEpochBatches', () => {
  it('covers each image at most once per epoch, drops the partial batch, draws views in range', () => {
    const batches = fastEpochBatches(23, 8, 5, 1, 0);
    expect(batches).toHaveLength(4);
    const images = batches.flat().map((r) => r.image);
    expect(new Set(images).size).toBe(20);
    for (const r of batches.flat()) {
      expect(r.view).toBeGreaterThanOrEqual(0);
      expect(r.view).toBeLessThan(8);
    }
    // all 8 views are used over a few epochs
    const views = new Set([0, 1, 2].flatMap((e) => fastEpochBatches(23, 8, 5, 1, e).flat().map((r) => r.view)));
    expect(views.size).toBe(8);
  });

  it('reshuffles per epoch, repeats per seed, and uses view 0 alone with one view', () => {
    const a = fastEpochBatches(16, 4, 4, 3, 0);
    expect(fastEpochBatches(16, 4, 4, 3, 0)).toEqual(a);
    expect(fastEpochBatches(16, 4, 4, 3, 1)).not.toEqual(a);
    expect(fastEpochBatches(16, 1, 4, 3, 0).flat().every((r) => r.view === 0)).toBe(true);
  });
});
