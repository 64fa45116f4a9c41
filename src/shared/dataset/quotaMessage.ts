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
