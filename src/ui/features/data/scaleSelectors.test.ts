import { describe, expect, it } from 'vitest';
import type { InstrumentInfo } from '../../../shared/dataset/instrument';
import type { DatasetEntry, DatasetMeta } from '../../../shared/dataset/records';
import { formatScale, magWarning, scaleCheck } from './scaleSelectors';

const info = (pixelSizeNm: number | null, magnification: number | null = null): InstrumentInfo =>
  ({ pixelSizeNm, pixelSizeSource: pixelSizeNm === null ? null : 'fei-tag', magnification, kV: null, detector: null });
let n = 0;
const entry = (label: string | null, instrument?: InstrumentInfo, excluded = false): DatasetEntry => ({
  path: `r/${label}/${n++}.tif`, label, presetSplit: null, hash: String(n), width: 1024, height: 768, storedWidth: 256, storedHeight: 192,
  dataBar: { found: false, top: 768, bottom: 768, style: null }, phash: '0'.repeat(16), shifts: [], ...(instrument ? { instrument } : {}), excluded,
});
const meta = (excluded: string[] = []) => ({ excluded } as unknown as DatasetMeta);

describe('scaleCheck', () => {
  it('warns when classes were imaged at their own pixel size, over the images training would use', () => {
    const entries = [
      ...[2, 2.1, 1.9].map((v) => entry('fibres', info(v))), ...[40, 44, 38].map((v) => entry('particles', info(v))),
      entry('particles', info(2), true), entry(null, info(2)),
    ];
    const check = scaleCheck(entries, meta())!;
    expect(check.warn).toBe(true);
    expect(check.perClass.map((c) => [c.label, c.known])).toEqual([['fibres', 3], ['particles', 3]]);
    expect(magWarning(check)).toMatch(/Classes differ by pixel size.*balanced accuracy 1\.00/);
    expect(formatScale(check, check.perClass[1].median!)).toBe('40 nm/px');
  });
  it('no warning when the classes share their scales, or when an excluded class was the only different one', () => {
    const same = [...[2, 20].flatMap((v) => [entry('a', info(v)), entry('b', info(v))])];
    expect(magWarning(scaleCheck(same, meta()))).toBeNull();
    const withOdd = [...same, ...[500, 520].map((v) => entry('c', info(v)))];
    expect(magWarning(scaleCheck(withOdd, meta()))).toMatch(/^"c" stands apart by pixel size: the pixel size alone picks it out/);
    expect(scaleCheck(withOdd, meta(['c']))!.warn).toBe(false);
  });
  it('null without any scale; magnification in ×', () => {
    expect(scaleCheck([entry('a'), entry('b')], meta())).toBeNull();
    const check = scaleCheck([entry('a', info(null, 1000)), entry('a', info(null, 1100)), entry('b', info(null, 50_000)), entry('b', info(null, 52_000))], meta())!;
    expect(check.quantity).toBe('magnification');
    expect(formatScale(check, 51_000)).toBe('51,000×');
  });
});
