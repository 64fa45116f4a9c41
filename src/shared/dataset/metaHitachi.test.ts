import { describe, expect, it } from 'vitest';
import { readHitachiSidecar } from './metaHitachi';

// An SU-series sidecar: one [SemImageFile] section, CRLF, pixel size in nm, voltage in volts.
const SU8230 = [
  '[SemImageFile]', 'InstructName=SU8230', 'SerialNumber=5611-03', 'Date=2021/06/30', 'Time=14:03:27',
  'ImageName=fibre_012.tif', 'DataSize=1280x960', 'PixelSize=9.921875', 'SignalName=SE(U)',
  'AcceleratingVoltage=5000 Volt', 'DecelerationVoltage=0 Volt', 'Magnification=10000',
  'WorkingDistance=8100 um', 'EmissionCurrent=10200 nA',
].join('\r\n');

describe('readHitachiSidecar', () => {
  it('reads PixelSize (nm), DataSize, Magnification, AcceleratingVoltage (V) and SignalName', () => {
    const r = readHitachiSidecar(SU8230)!;
    expect(r.source).toBe('hitachi-sidecar');
    expect(r.pixelSizeNm).toBeCloseTo(9.921875, 9);
    expect(r.referenceWidth).toBe(1280);
    expect(r.magnification).toBe(10_000);
    expect(r.kV).toBe(5);
    expect(r.detector).toBe('SE(U)');
  });

  it('tabletop files: Signal= instead of SignalName=, a bare voltage in volts', () => {
    const r = readHitachiSidecar('[SemImageFile]\nInstructName=TM4000\nMagnification=40\nPixelSize=3100.5\nAcceleratingVoltage=15000\nSignal=BSE\n')!;
    expect(r.pixelSizeNm).toBeCloseTo(3100.5, 6);
    expect(r.kV).toBe(15);
    expect(r.detector).toBe('BSE');
    expect(r.magnification).toBe(40);
  });

  it('returns null for text without the [SemImageFile] section', () => {
    expect(readHitachiSidecar('PixelSize=3\n')).toBeNull();
  });
});
