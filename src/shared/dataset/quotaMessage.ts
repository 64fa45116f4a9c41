// What the user reads when storage fills up during an import: what was kept, roughly how much more space
// the rest needs, and how to free some. Pure, so the wording and the estimate are unit-tested.

export interface QuotaStop {
  /** Images stored before the failed write (they stay, and are usable). */
  kept: number;
  /** Files of the import that were not stored. */
  remaining: number;
  /** Bytes the kept images take (stored copy + thumbnail), for a per-image average. */
  keptBytes: number;
  /** Bytes of the batch that failed to write, when nothing was kept yet. */
  failedBatchBytes: number;
  failedBatchCount: number;
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${Math.round(n)} bytes`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let v = n / 1024;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${v < 10 ? v.toFixed(1) : Math.round(v)} ${units[u]}`;
}

/** Average stored size per image times the files left, from kept images or else the failed batch. */
export function spaceNeeded(s: QuotaStop): number {
  const perImage = s.kept > 0 ? s.keptBytes / s.kept : s.failedBatchCount > 0 ? s.failedBatchBytes / s.failedBatchCount : 0;
  return perImage * s.remaining;
}

export function quotaStopMessage(s: QuotaStop): string {
  const need = spaceNeeded(s);
  const kept = s.kept > 0
    ? `the ${s.kept} images stored before it are kept and usable`
    : 'no image could be stored';
  const more = need > 0 ? ` About ${formatBytes(need)} more is needed for the other ${s.remaining} files.` : ` ${s.remaining} files were not stored.`;
  return `Storage is full: the import stopped; ${kept}.${more} To free space: delete the stored dataset or old training runs ` +
    'in this app, or remove other sites\' data in the browser\'s settings (Privacy and security → Site data), then import again.';
}

/** An error as a sentence that is never empty (a DOMException from a full disk may carry no message). */
export function errorReason(err: unknown): string {
  if (err instanceof Error || (typeof err === 'object' && err !== null && 'name' in err)) {
    const { name, message } = err as { name?: string; message?: string };
    if (name === 'QuotaExceededError') return 'the browser\'s storage for this site is full';
    if (message && message.trim()) return message.trim();
    return name ? `${name} (no details given by the browser)` : 'unknown error (no details given by the browser)';
  }
  const text = String(err ?? '').trim();
  return text || 'unknown error (no details given by the browser)';
}

/**
 * What the status line says when an import ends in an error: the quota stop already written (it names the
 * images kept) when there is one, so the user never reads "N images kept" and "nothing could be kept" for
 * the same import; "nothing could be kept" only when nothing was.
 */
export function importFailureMessage(err: unknown, quota: boolean, kept: number, stopReason: string | null): string {
  if (quota && stopReason) return stopReason;
  if (quota && kept > 0) return `Storage is full: the import stopped; the ${kept} images stored before it are kept and usable. Free some space and import the rest again.`;
  if (quota) return 'Storage is full: no image could be stored. Free some disk space and import again.';
  return `Import failed: ${errorReason(err)}`;
}
