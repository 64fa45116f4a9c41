import { describe, expect, it } from 'vitest';
import { formatBytes, formatParams, jobProgress, memoryLabel } from './selectors';

describe('status bar selectors', () => {
  it('formats bytes with units', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(94_371_840)).toBe('90 MB');
  });
  it('labels memory with GPU bytes when known', () => {
    expect(memoryLabel(null)).toBe('—');
    expect(memoryLabel({ numTensors: 320, numBytes: 2048 })).toBe('320 tensors, 2.0 KB');
    expect(memoryLabel({ numTensors: 1, numBytes: 0, numBytesInGPU: 2 * 1024 * 1024 })).toBe('1 tensors, 0 B, 2.0 MB on GPU');
  });
  it('formats parameter counts', () => {
    expect(formatParams(23_587_712)).toBe('23.6 M');
    expect(formatParams(1234)).toBe('1.2 k');
  });

  it('derives fraction and time left of a job, unknown until 2 % is done', () => {
    expect(jobProgress(0, 0, 0, 1000)).toEqual({ fraction: null, eta: null });
    expect(jobProgress(1, 100, 0, 1000)).toEqual({ fraction: 0.01, eta: null });
    expect(jobProgress(25, 100, 0, 10_000)).toEqual({ fraction: 0.25, eta: 30 });
    expect(jobProgress(100, 100, 0, 10_000)).toEqual({ fraction: 1, eta: null });
  });
});
