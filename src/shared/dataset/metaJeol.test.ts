import { describe, expect, it } from 'vitest';
import { isJeolText, readJeolSidecar } from './metaJeol';

// A JSM-7800F sidecar (`<image>.txt`) as the instrument writes it.
const JSM7800 = [
  '$CM_FORMAT JEOL/SEM', '$CM_VERSION 1.0', '$CM_COMMENT', '$CM_DATE 2019/03/12', '$CM_TIME 10:21:55',
  '$CM_INSTRUMENT JSM-7800F', '$CM_SIGNAL SEI', '$CM_MAG 10000', '$CM_ACCEL_VOLT 15.00',
  '$CM_FULL_SIZE 1280 960', '$CM_STAGE_POSITION X=37.1761, Y=44.9344, R=354.9968, Z=16.90, T=0.00',
  '$$SM_MICRON_BAR 160', '$$SM_MICRON_MARKER 1um', '$$SM_WD 9.7', '$$SM_FILM_NUMBER 12',
].join('\r\n');

describe('readJeolSidecar', () => {
  it('pixel size = marker length / bar pixels, with magnification, kV, signal and the full size', () => {
    const r = readJeolSidecar(JSM7800)!;
    expect(r.source).toBe('jeol-sidecar');
    expect(r.pixelSizeNm).toBeCloseTo(1000 / 160, 9);
    expect(r.referenceWidth).toBe(1280);
    expect(r.magnification).toBe(10_000);
    expect(r.kV).toBe(15);
    expect(r.detector).toBe('SEI');
  });

  it('older models: one `$` on SM keys, nm and µ markers, volts written in V', () => {
    const a = readJeolSidecar('$CM_MAG 30000\n$SM_MICRON_BAR 200\n$SM_MICRON_MARKER 500nm\n$CM_ACCEL_VOLT 5000\n$CM_SIGNAL LEI\n')!;
    expect(a.pixelSizeNm).toBeCloseTo(2.5, 9);
    expect(a.kV).toBe(5);
    const b = readJeolSidecar('$$SM_MICRON_BAR 180\n$$SM_MICRON_MARKER 10\u00b5m\n')!;
    expect(b.pixelSizeNm).toBeCloseTo(10_000 / 180, 9);
  });

  it('no pixel size without both bar and marker; not JEOL without its keys', () => {
    expect(readJeolSidecar('$CM_MAG 5000\n$$SM_MICRON_BAR 160\n')!.pixelSizeNm).toBeUndefined();
    expect(readJeolSidecar('$$SM_MICRON_BAR 0\n$$SM_MICRON_MARKER 1um\n')!.pixelSizeNm).toBeUndefined();
    expect(isJeolText('Lab notes: $5 coffee\n')).toBe(false);
    expect(readJeolSidecar('[SemImageFile]\nPixelSize=3\n')).toBeNull();
  });
});
