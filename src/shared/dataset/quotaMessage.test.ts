import { describe, expect, it } from 'vitest';
import { formatBytes, quotaStopMessage, spaceNeeded, errorReason, importFailureMessage } from './quotaMessage';

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

describe('storage-full messages agree with each other (issue 15)', () => {
  const full = () => new DOMException('', 'QuotaExceededError');

  it('an import that kept images and then failed says the kept count, never "nothing could be kept"', () => {
    const stop = quotaStopMessage({ kept: 832, remaining: 168, keptBytes: 832 * 20_000, failedBatchBytes: 0, failedBatchCount: 32 });
    const shown = importFailureMessage(full(), true, 832, stop);
    expect(shown).toBe(stop);
    expect(shown).toMatch(/832 images/);
    expect(importFailureMessage(full(), true, 832, null)).toMatch(/832 images stored before it are kept/);
    for (const m of [shown, importFailureMessage(full(), true, 832, null)]) expect(m).not.toMatch(/nothing|no image could/i);
    expect(importFailureMessage(full(), true, 0, null)).toMatch(/no image could be stored/);
  });

  it('never gives an empty reason, whatever the browser throws', () => {
    for (const err of [new DOMException('', 'QuotaExceededError'), new DOMException('', 'AbortError'), new Error(''), '', null, undefined, {}]) {
      expect(errorReason(err).trim().length).toBeGreaterThan(5);
    }
    expect(errorReason(new DOMException('', 'QuotaExceededError'))).toMatch(/storage .* is full/);
  });
});
