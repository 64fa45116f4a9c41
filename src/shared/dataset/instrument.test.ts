import { describe, expect, it } from 'vitest';
import { instrumentInfo, lengthToNm, parseDecimal, parseMagnification, storedPixelSizeNm, voltageToKv } from './instrument';

describe('units', () => {
  it('lengths in any unit SEMs write, micro in every spelling', () => {
    expect(lengthToNm('2.345 nm')).toBeCloseTo(2.345, 12);
    expect(lengthToNm('558.2 pm')).toBeCloseTo(0.5582, 12);
    for (const mu of ['\u00b5m', '\u03bcm', 'um', '\u00c2\u00b5m', 'UM']) expect(lengthToNm(`1.5 ${mu}`)).toBeCloseTo(1500, 9);
    expect(lengthToNm('10um')).toBe(10_000);
    expect(lengthToNm('1mm')).toBe(1e6);
    expect(lengthToNm('2e-9 m')).toBeCloseTo(2, 9);
    expect(lengthToNm('12')).toBeUndefined();
    expect(lengthToNm('3 parsecs')).toBeUndefined();
  });
  it('voltages, magnifications and decimals', () => {
    expect(voltageToKv('5.00 kV', 'kV')).toBe(5);
    expect(voltageToKv('15000 Volt', 'V')).toBe(15);
    expect(voltageToKv('500 V', 'kV')).toBe(0.5);
    expect(voltageToKv('2000', 'V')).toBe(2);
    expect(parseMagnification('10.00 K X')).toBe(10_000);
    expect(parseMagnification('532 X')).toBe(532);
    expect(parseMagnification('1.20 M X')).toBe(1_200_000);
    expect(parseMagnification('x30,000')).toBe(30_000);
    expect(parseMagnification('10,5 K X')).toBe(10_500);
    expect(parseMagnification('high')).toBeUndefined();
    expect(parseDecimal('2.0345e-009')).toBeCloseTo(2.0345e-9, 20);
    expect(parseDecimal('')).toBeUndefined();
    expect(parseDecimal('1.2.3')).toBeUndefined();
  });
});

describe('instrumentInfo', () => {
  it('takes each field from the first reading that has it, and rescales the pixel size to the file width', () => {
    const info = instrumentInfo([
      { source: 'fei-tag', pixelSizeNm: 10, referenceWidth: 3072, kV: 2 },
      { source: 'jeol-sidecar', pixelSizeNm: 99, magnification: 5000, detector: 'SEI' },
    ], 1536);
    // The file was exported at half the acquisition's width: each of its pixels covers 20 nm.
    expect(info).toEqual({ pixelSizeNm: 20, pixelSizeSource: 'fei-tag', magnification: 5000, kV: 2, detector: 'SEI' });
  });
  it('drops implausible values and control characters; nothing known → undefined', () => {
    const info = instrumentInfo([{ source: 'zeiss-tag', pixelSizeNm: 1e12, magnification: 0.2, kV: 5e6, detector: ' In\u0000Lens\t ' }], 1024)!;
    expect(info.pixelSizeNm).toBeNull();
    expect(info.pixelSizeSource).toBeNull();
    expect(info.magnification).toBeNull();
    expect(info.kV).toBeNull();
    expect(info.detector).toBe('In Lens');
    expect(instrumentInfo([null, { source: 'hitachi-sidecar' }], 100)).toBeUndefined();
  });
  it("the stored copy's pixel size follows from the original's", () => {
    const instrument = { pixelSizeNm: 5, pixelSizeSource: 'fei-tag' as const, magnification: null, kV: null, detector: null };
    expect(storedPixelSizeNm({ width: 2048, storedWidth: 256, instrument })).toBe(40);
    expect(storedPixelSizeNm({ width: 2048, storedWidth: 256 })).toBeNull();
  });
});
