import { describe, expect, it } from 'vitest';
import { formatBytes, quotaStopMessage, spaceNeeded } from './quotaMessage';

describe('quotaStopMessage', () => {
  it('says what was kept, estimates the space the rest needs, and how to free space', () => {
    const s = { kept: 64, remaining: 136, keptBytes: 64 * 20_000, failedBatchBytes: 0, failedBatchCount: 32 };
    expect(spaceNeeded(s)).toBe(136 * 20_000);
    const m = quotaStopMessage(s);
    expect(m).toMatch(/^Storage is full/);
    expect(m).toContain('the 64 images stored before it are kept and usable');
    expect(m).toContain('About 2.6 MB more is needed for the other 136 files');
    expect(m).toMatch(/delete the stored dataset or old training runs/);
    expect(m).toMatch(/browser's settings/);
  });
  it('estimates from the failed batch when nothing was kept', () => {
    const m = quotaStopMessage({ kept: 0, remaining: 10, keptBytes: 0, failedBatchBytes: 3000, failedBatchCount: 3 });
    expect(m).toContain('no image could be stored');
    expect(m).toContain('About 9.8 KB more');
  });
  it('formats sizes', () => {
    expect(formatBytes(500)).toBe('500 bytes');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(3 * 2 ** 30)).toBe('3.0 GB');
  });
});
