import { describe, expect, it } from 'vitest';
import { isQuotaError } from './datasetDb';

// The IndexedDB paths themselves run in the browser (e2e/dataset.spec.ts); Node has no IndexedDB.
describe('isQuotaError', () => {
  it('recognises a full disk however the browser reports it', () => {
    expect(isQuotaError(new DOMException('full', 'QuotaExceededError'))).toBe(true);
    // Chromium aborts the transaction and reports the quota in the message.
    expect(isQuotaError(new DOMException('Transaction aborted: quota exceeded', 'AbortError'))).toBe(true);
    expect(isQuotaError(new DOMException('Transaction aborted', 'AbortError'))).toBe(false);
    expect(isQuotaError(new Error('x'))).toBe(false);
    expect(isQuotaError(null)).toBe(false);
  });
});
