import type { MemoryInfo } from '../../shared/protocol';

/** 12.3 MB style, for the status bar. */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ['KB', 'MB', 'GB'];
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v.toFixed(v < 10 ? 1 : 0)} ${units[i]}`;
}

export function memoryLabel(m: MemoryInfo | null): string {
  if (!m) return '—';
  const gpu = m.numBytesInGPU ? `, ${formatBytes(m.numBytesInGPU)} on GPU` : '';
  return `${m.numTensors} tensors, ${formatBytes(m.numBytes)}${gpu}`;
}

/** "23.6 M" parameters. */
export function formatParams(n: number): string {
  return n >= 1e6 ? `${(n / 1e6).toFixed(1)} M` : n >= 1e3 ? `${(n / 1e3).toFixed(1)} k` : String(n);
}

/**
 * Fraction done and seconds left of a job from its counts and its start/last-update times (performance.now()
 * milliseconds); the time left stays unknown (null) until 2 % is done, when a rate means something.
 */
export function jobProgress(done: number, total: number, startedAt: number, at: number): { fraction: number | null; eta: number | null } {
  const fraction = total > 0 ? Math.min(1, done / total) : null;
  const elapsed = (at - startedAt) / 1000;
  const eta = fraction && fraction > 0.02 && fraction < 1 ? (elapsed / fraction) * (1 - fraction) : null;
  return { fraction, eta };
}
