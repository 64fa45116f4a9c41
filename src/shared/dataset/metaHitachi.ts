// Hitachi SEMs (S-4800, SU-series, TM tabletops) save a `.txt` next to each image (same name): INI text
// with one `[SemImageFile]` section, in ASCII or UTF-16:
//   InstructName=SU8230          ImageName=sample_001.tif      DataSize=1280x960
//   PixelSize=9.921875           nm per pixel of an image DataSize wide
//   Magnification=10000          AcceleratingVoltage=5000 Volt  WorkingDistance=8100 um
//   SignalName=SE(U)             (older files: Signal=)

import { lengthToNm, parseDecimal, parseMagnification, voltageToKv, type VendorReading } from './instrument';
import { iniGet, parseIni } from './metaIni';

export function isHitachiText(text: string): boolean {
  return /^\s*\[SemImageFile\]/im.test(text);
}

export function readHitachiSidecar(text: string): VendorReading | null {
  if (!isHitachiText(text)) return null;
  const ini = parseIni(text);
  const get = (key: string) => iniGet(ini, 'SemImageFile', key);
  const pixel = get('PixelSize');
  // A bare number is nm (the instrument's convention); some exports add the unit.
  const pixelNm = pixel === undefined ? undefined : parseDecimal(pixel) ?? lengthToNm(pixel);
  const size = /^(\d+)\s*[x×*]\s*\d+/i.exec(get('DataSize') ?? '');
  const volts = get('AcceleratingVoltage');
  const mag = get('Magnification');
  return {
    source: 'hitachi-sidecar',
    pixelSizeNm: pixelNm,
    referenceWidth: size ? Number(size[1]) : undefined,
    magnification: mag ? parseMagnification(mag) : undefined,
    kV: volts ? voltageToKv(volts, 'V') : undefined,
    detector: get('SignalName') ?? get('Signal'),
  };
}
