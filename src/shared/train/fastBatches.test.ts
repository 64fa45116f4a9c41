import { describe, expect, it } from 'vitest';
import { fastEpochBatches, fastStepsPerEpoch } from './fastBatches';

describe('fastEpochBatches', () => {
  it('covers every cached view of every image once per epoch, dropping the partial batch', () => {
    const batches = fastEpochBatches(23, 8, 5, 1, 0);
    expect(batches).toHaveLength(fastStepsPerEpoch(23, 8, 5));
    expect(batches).toHaveLength(36); // 184 rows, 4 left over
    const keys = batches.flat().map((r) => `${r.image}/${r.view}`);
    expect(new Set(keys).size).toBe(180);
    for (const r of batches.flat()) {
      expect(r.view).toBeGreaterThanOrEqual(0);
      expect(r.view).toBeLessThan(8);
      expect(r.image).toBeLessThan(23);
    }
  });

  it('reshuffles per epoch, repeats per seed, and uses view 0 alone with one view', () => {
    const a = fastEpochBatches(16, 4, 4, 3, 0);
    expect(fastEpochBatches(16, 4, 4, 3, 0)).toEqual(a);
    expect(fastEpochBatches(16, 4, 4, 3, 1)).not.toEqual(a);
    const one = fastEpochBatches(16, 1, 4, 3, 0).flat();
    expect(one.every((r) => r.view === 0)).toBe(true);
    expect(new Set(one.map((r) => r.image)).size).toBe(16);
  });
});
