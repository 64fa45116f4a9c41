// FEI / Thermo Fisher SEM and DualBeam TIFFs (Helios, Scios, Quanta, Apreo, Verios, Prisma…) carry their
// settings as INI text in private tag 34682 (`FEI_HELIOS`), in SI units:
//   [Beam] Beam=EBeam        which column took the image (EBeam, or IBeam for a FIB image)
//   [EBeam] HV=2000          volts; HFW= field width in metres
//   [Scan] PixelWidth=1e-08  metres per pixel ([EScan]/[IScan] hold the same for one column)
//   [Scan] HorFieldsize=2.243E-05, [Image] ResolutionX=3072
//   [Image] MagCanvasRealWidth=0.1275 or [System] DisplayWidth=0.518: the width (m) the magnification is
//          quoted on, so magnification = that width / field width
//   [Detectors] Name=TLD, Mode=BSE
// The saved frame is ResolutionX wide (the data bar adds rows, not columns). Older S-FEG files (tag 34680,
// `[DatabarData]`) and XML variants are not read.

import { parseDecimal, type VendorReading } from './instrument';
import { iniGet, parseIni, type Ini } from './metaIni';

export const FEI_TAG = 34682;

export function readFeiTag(text: string): VendorReading | null {
  if (text.trimStart().startsWith('<')) return null;
  const ini = parseIni(text);
  if (![...ini.keys()].some((s) => s === 'scan' || s === 'beam' || s === 'ebeam' || s === 'image' || s === 'system')) return null;
  const num = (section: string, key: string) => parseDecimal(iniGet(ini, section, key));
  const beam = beamSection(ini);
  const scan = beam === 'ibeam' ? 'iscan' : 'escan';
  const pixelM = num('Scan', 'PixelWidth') ?? num(scan, 'PixelWidth');
  const fieldM = num('Scan', 'HorFieldsize') ?? num(scan, 'HorFieldsize') ?? num(beam, 'HFW');
  const resolutionX = num('Image', 'ResolutionX');
  const pixelNm = pixelM !== undefined ? pixelM * 1e9
    : fieldM !== undefined && resolutionX ? (fieldM * 1e9) / resolutionX : undefined;
  const canvas = num('Image', 'MagCanvasRealWidth') ?? num('System', 'DisplayWidth');
  const volts = num(beam, 'HV') ?? num('Beam', 'HV');
  const name = iniGet(ini, 'Detectors', 'Name');
  const mode = iniGet(ini, 'Detectors', 'Mode');
  return {
    source: 'fei-tag',
    pixelSizeNm: pixelNm,
    referenceWidth: resolutionX && Number.isInteger(resolutionX) ? resolutionX : undefined,
    magnification: canvas && fieldM ? canvas / fieldM : undefined,
    kV: volts !== undefined ? volts / 1000 : undefined,
    detector: name ? (mode && mode !== name ? `${name} (${mode})` : name) : mode,
  };
}

/** The column section (`ebeam` or `ibeam`) that [Beam] names; EBeam when it names none. */
function beamSection(ini: Ini): string {
  const named = iniGet(ini, 'Beam', 'Beam')?.toLowerCase();
  return named && ini.has(named) ? named : 'ebeam';
}
