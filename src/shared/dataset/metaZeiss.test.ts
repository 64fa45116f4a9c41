import { describe, expect, it } from 'vitest';
import { parseZeissText, readZeissTag } from './metaZeiss';

// As SmartSEM writes tag 34118 on a Sigma 300: CRLF, unlabelled numbers first, Latin-1 µ (one byte, read
// as U+00B5), date and time with a colon.
const SIGMA = [
  '', '0', '1', '0.000000', '2.795139e-009',
  'SV_SERIAL_NUMBER', 'Serial No. = Sigma 300-8211011244',
  'AP_WD', 'WD =  5.6 mm',
  'AP_MAG', 'Mag = 100.00 K X',
  'AP_IMAGE_PIXEL_SIZE', 'Image Pixel Size = 558.2 pm',
  'AP_PIXEL_SIZE', 'Pixel Size = 558.2 pm',
  'AP_ACTUALKV', 'EHT = 3.00 kV',
  'AP_APERTURESIZE', 'Aperture Size = 20.00 \u00b5m',
  'DP_DETECTOR_CHANNEL', 'Signal A = InLens',
  'DP_IMAGE_STORE', 'Store resolution = 2048 * 1536',
  'AP_DATE', 'Date :22 Jan 2026',
  'AP_TIME', 'Time :21:48:36',
].join('\r\n');

describe('readZeissTag', () => {
  it('reads pixel size (pm), magnification (K X), EHT (kV), signal and store resolution', () => {
    const r = readZeissTag(SIGMA)!;
    expect(r.source).toBe('zeiss-tag');
    expect(r.pixelSizeNm).toBeCloseTo(0.5582, 9);
    expect(r.magnification).toBe(100_000);
    expect(r.kV).toBe(3);
    expect(r.detector).toBe('InLens');
    expect(r.referenceWidth).toBe(2048);
  });

  it('older files: AP_PIXEL_SIZE in µm, magnification in plain X, EHT target only, detector type', () => {
    const text = '0\nAP_PIXEL_SIZE\nPixel Size = 1.117 \u00b5m\nAP_MAG\nMag = 250 X\nAP_MANUALKV\nEHT Target = 20.00 kV\nDP_DETECTOR_TYPE\nDetector = SE1\n';
    const r = readZeissTag(text)!;
    expect(r.pixelSizeNm).toBeCloseTo(1117, 6);
    expect(r.magnification).toBe(250);
    expect(r.kV).toBe(20);
    expect(r.detector).toBe('SE1');
  });

  it('parses name/value pairs, skipping the unlabelled numbers and keeping colons inside times', () => {
    const p = parseZeissText(SIGMA);
    expect(p.get('ap_time')).toBe('21:48:36');
    expect(p.get('ap_wd')).toBe('5.6 mm');
    expect(p.has('0')).toBe(false);
  });

  it('returns null for text without parameters, and leaves an unreadable unit unknown', () => {
    expect(readZeissTag('1\n2\n3\n')).toBeNull();
    expect(readZeissTag('AP_IMAGE_PIXEL_SIZE\nImage Pixel Size = 2.5 furlongs\n')!.pixelSizeNm).toBeUndefined();
  });
});
