import { describe, expect, it } from 'vitest';
import { readFeiTag } from './metaFei';

// Abridged from the layout of a Helios 5 DualBeam frame (xT software 17.x): CRLF, SI units, empty values.
const HELIOS = [
  '[User]', 'Date=10/09/2023', 'Time=08:04:59 PM', 'User=user', 'UserText=', '',
  '[System]', 'Type=DualBeam', 'Software=17.22.0.19782', 'Source=FEG', 'Column=Elstar', 'SystemType=Helios 5 Hydra CX',
  'DisplayWidth=0.518', 'DisplayHeight=0.324', '',
  '[Beam]', 'HV=2000', 'Spot=-2', 'ScanRotation=0', 'ImageMode=Normal', 'Beam=EBeam', 'Scan=EScan', '',
  '[EBeam]', 'Source=FEG', 'HV=2000', 'HFW=3.072E-05', 'VFW=2.048E-05', 'WD=0.00396297', 'BeamCurrent=2e-10', '',
  '[Scan]', 'InternalScan=true', 'Dwelltime=3e-05', 'PixelWidth=1e-08', 'PixelHeight=1e-08',
  'HorFieldsize=3.072E-05', 'VerFieldsize=2.048E-05', '',
  '[EScan]', 'Scan=PIA 4', 'PixelWidth=1e-08', 'HorFieldsize=3.072E-05', '',
  '[Image]', 'DigitalContrast=1', 'ResolutionX=3072', 'ResolutionY=2048', 'ZoomFactor=1.0', 'MagCanvasRealWidth=',
  'MagnificationMode=', '',
  '[Detectors]', 'Number=1', 'Name=TLD', 'Mode=BSE', '',
  '[TLD]', 'Contrast=66', 'Signal=BSE', '',
].join('\r\n');

describe('readFeiTag', () => {
  it('reads a Helios frame: [Scan] PixelWidth in metres, [EBeam] HV in volts, detector and mode', () => {
    const r = readFeiTag(HELIOS)!;
    expect(r.source).toBe('fei-tag');
    expect(r.pixelSizeNm).toBeCloseTo(10, 9);
    expect(r.referenceWidth).toBe(3072);
    expect(r.kV).toBeCloseTo(2, 9);
    expect(r.detector).toBe('TLD (BSE)');
    // MagCanvasRealWidth is empty: the display width (0.518 m) over the field width (30.72 µm).
    expect(r.magnification).toBeCloseTo(0.518 / 3.072e-5, 3);
  });

  it('reads a Quanta-style frame: Windows exponents, [Beam] HV only, magnification canvas, no [Scan] pixel', () => {
    const text = [
      '[User]', 'Date=03/14/2012', '[System]', 'SystemType=Quanta FEG 250', 'DisplayWidth=0.4',
      '[Beam]', 'HV=20000', '[Scan]', 'HorFieldsize=2.5600e-004', 'Dwelltime=1.0000e-005',
      '[Image]', 'ResolutionX=1024', 'ResolutionY=943', 'MagCanvasRealWidth=0.128',
      '[Detectors]', 'Number=1', 'Name=ETD', 'Mode=SE',
    ].join('\n');
    const r = readFeiTag(text)!;
    expect(r.pixelSizeNm).toBeCloseTo(250, 6); // field width / ResolutionX
    expect(r.kV).toBe(20);
    expect(r.magnification).toBeCloseTo(500, 6); // 0.128 m / 256 µm
    expect(r.detector).toBe('ETD (SE)');
  });

  it('takes the ion column for a FIB image', () => {
    const text = '[Beam]\nHV=2000\nBeam=IBeam\n[IBeam]\nHV=30000\nHFW=1e-05\n[IScan]\nPixelWidth=9.7656e-009\n[Detectors]\nName=ICE\nMode=SE\n';
    const r = readFeiTag(text)!;
    expect(r.kV).toBe(30);
    expect(r.pixelSizeNm).toBeCloseTo(9.7656, 6);
  });

  it('returns null for text that is not FEI INI (XML variant, or free text)', () => {
    expect(readFeiTag('<?xml version="1.0"?><Metadata/>')).toBeNull();
    expect(readFeiTag('just some words')).toBeNull();
  });
});
