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
