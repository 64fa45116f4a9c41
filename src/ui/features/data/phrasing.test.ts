import { describe, expect, it } from 'vitest';
import { count, describeSizes, describeUnused } from './phrasing';

describe('phrasing for people', () => {
  it('counts', () => {
    expect(count(0, 'file')).toBe('no files');
    expect(count(1, 'file')).toBe('1 file');
    expect(count(4, 'class', 'classes')).toBe('4 classes');
  });
  it('sizes: one size once, ranges only where they range', () => {
    expect(describeSizes({ minWidth: 256, maxWidth: 256, minHeight: 192, maxHeight: 192, common: { size: '256 × 192', count: 9 } })).toBe('all 256 × 192 px');
    expect(describeSizes({ minWidth: 256, maxWidth: 512, minHeight: 192, maxHeight: 192, common: { size: '512 × 192', count: 1 } }))
      .toBe('widths 256–512 px, heights 192 px; most often 512 × 192 (1 image)');
  });
  it('unused files', () => {
    expect(describeUnused(0, 0, 0)).toMatch(/^none/);
    expect(describeUnused(1, 0, 0)).toBe('1 file (listed below)');
    expect(describeUnused(3, 1, 2)).toBe('3 files (listed below), 1 of them an exact duplicate; 2 hidden or system files skipped');
    expect(describeUnused(2, 2, 0)).toBe('2 files (listed below), all exact duplicates');
  });
});
