// Instrument metadata as real SEMs write it, for tests and generated fixtures: FEI/Thermo tag 34682 INI
// text, Zeiss SmartSEM tag 34118 text, JEOL and Hitachi `.txt` sidecars. Layouts, key names, units and
// line ends follow files from those instruments (see src/shared/dataset/meta*.ts for the fields read);
// values follow from the settings given, with the magnification quoted on a 127 mm wide display.

export interface InstrumentSettings {
  /** nm per pixel of the saved image */
  pixelNm: number;
  /** saved image size in pixels */
  width: number;
  height: number;
  kV: number;
  detector?: string;
}

/** Nominal magnification on a 127 mm wide display (the Polaroid reference most SEMs still quote). */
export function nominalMagnification(s: Pick<InstrumentSettings, 'pixelNm' | 'width'>): number {
  return 0.127 / (s.pixelNm * 1e-9 * s.width);
}

/** `2.0345e-009`: the three-digit exponent Windows' C runtime prints. */
const exp = (x: number): string => {
  const [mantissa, power] = x.toExponential(4).split('e');
  return `${mantissa}e${power[0] === '-' ? '-' : '+'}${power.replace(/^[-+]/, '').padStart(3, '0')}`;
};
const crlf = (lines: string[]): string => `${lines.join('\r\n')}\r\n`;

/** FEI/Thermo Fisher (Helios, Quanta, Apreo): SI units, Windows-style `2.0345e-009` exponents. */
export function feiTagText(s: InstrumentSettings): string {
  const px = s.pixelNm * 1e-9;
  const hfw = px * s.width;
  const [name, mode] = (s.detector ?? 'ETD SE').split(' ');
  return crlf([
    '[User]', 'Date=03/12/2024', 'Time=10:22:13 AM', 'User=supervisor', 'UserText=', '',
    '[System]', 'Type=DualBeam', 'Software=17.2.0.19782', 'Source=FEG', 'Column=Elstar', 'SystemType=Helios G4 UX',
    'DisplayWidth=0.518', 'DisplayHeight=0.324', '',
    '[Beam]', `HV=${s.kV * 1000}`, 'Spot=3', 'ScanRotation=0', 'Beam=EBeam', 'Scan=EScan', '',
    '[EBeam]', 'Source=FEG', 'ColumnType=Elstar', `HV=${s.kV * 1000}`, `HFW=${exp(hfw)}`, `VFW=${exp(px * s.height)}`,
    'WD=0.00412', 'BeamCurrent=1.3e-010', 'TiltCorrectionIsOn=no', 'StageX=-0.00446', 'StageY=0.00095', '',
    '[Scan]', 'InternalScan=true', 'Dwelltime=3e-006', `PixelWidth=${exp(px)}`, `PixelHeight=${exp(px)}`,
    `HorFieldsize=${exp(hfw)}`, `VerFieldsize=${exp(px * s.height)}`, 'FrameTime=12.34', '',
    '[EScan]', 'Scan=PIA 4', 'InternalScan=true', 'Dwell=3e-006', `PixelWidth=${exp(px)}`, `PixelHeight=${exp(px)}`,
    `HorFieldsize=${exp(hfw)}`, '',
    '[Stage]', 'StageX=-0.00446', 'StageY=0.00095', 'StageZ=0.00397', 'StageR=-3.137', 'StageT=0', '',
    '[Image]', 'DigitalContrast=1', 'DigitalBrightness=0', `ResolutionX=${s.width}`, `ResolutionY=${s.height}`,
    'ZoomFactor=1', 'MagCanvasRealWidth=0.127', 'MagnificationMode=4', '',
    '[Vacuum]', 'ChPressure=0.000289', 'UserMode=High vacuum', '',
    '[Detectors]', 'Number=1', `Name=${name}`, `Mode=${mode ?? name}`, '',
    '[PrivateFei]', 'BitShift=0', 'DataBarSelected=DataBar', 'DatabarHeight=44',
  ]);
}

/** Zeiss SmartSEM: unlabelled numbers first, then parameter / `Label = value unit` line pairs, Latin-1 µ. */
export function zeissTagText(s: InstrumentSettings): string {
  const mag = nominalMagnification(s);
  const pixel = s.pixelNm >= 1000 ? `${(s.pixelNm / 1000).toFixed(3)} \u00b5m` : s.pixelNm < 1 ? `${(s.pixelNm * 1000).toFixed(1)} pm` : `${s.pixelNm.toFixed(3)} nm`;
  const magText = mag >= 1000 ? `${(mag / 1000).toFixed(2)} K X` : `${mag.toFixed(0)} X`;
  return crlf([
    '', '0', '1', '0.000000', (s.pixelNm * 1e-9 * s.width / 1024).toExponential(6),
    'SV_SERIAL_NUMBER', 'Serial No. = Sigma 300-8211011244',
    'AP_WD', 'WD =  8.5 mm',
    'AP_MAG', `Mag = ${magText}`,
    'AP_IMAGE_PIXEL_SIZE', `Image Pixel Size = ${pixel}`,
    'AP_ACTUALKV', `EHT = ${s.kV.toFixed(2)} kV`,
    'AP_MANUALKV', `EHT Target = ${s.kV.toFixed(2)} kV`,
    'AP_APERTURESIZE', 'Aperture Size = 30.00 \u00b5m',
    'DP_DETECTOR_CHANNEL', `Signal A = ${s.detector ?? 'InLens'}`,
    'DP_IMAGE_STORE', `Store resolution = ${s.width} * ${s.height}`,
    'AP_DATE', 'Date :24 Mar 2024',
    'AP_TIME', 'Time :14:02:51',
    'DP_VAC_MODE', 'Vacuum Mode = High vacuum',
  ]);
}

/** A round scale-bar length near a sixth of the field (1, 2 or 5 × a power of ten), in nm. */
function roundMarkerNm(fieldNm: number): number {
  const target = fieldNm / 6;
  const p = 10 ** Math.floor(Math.log10(target));
  return [5, 2, 1].map((k) => k * p).find((x) => x <= target) ?? p;
}

const markerText = (nm: number): string => (nm >= 1000 ? `${nm / 1000}um` : `${nm}nm`);

/** JEOL: `$KEY value` lines; the scale bar's pixels and length give the pixel size (marker / bar). */
export function jeolSidecarText(s: InstrumentSettings): { text: string; pixelNm: number } {
  const marker = roundMarkerNm(s.pixelNm * s.width);
  const barPx = Math.max(1, Math.round(marker / s.pixelNm));
  const text = crlf([
    '$CM_FORMAT JEOL/SEM', '$CM_VERSION 1.0', '$CM_INSTRUMENT JSM-7800F', `$CM_SIGNAL ${s.detector ?? 'SEI'}`,
    `$CM_MAG ${Math.round(nominalMagnification(s))}`, `$CM_ACCEL_VOLT ${s.kV.toFixed(2)}`,
    '$CM_DATE 2024/03/12', '$CM_TIME 10:21:55', `$CM_FULL_SIZE ${s.width} ${s.height}`,
    '$CM_STAGE_POSITION X=37.1761, Y=44.9344, R=354.9968, Z=16.90, T=0.00',
    `$$SM_MICRON_BAR ${barPx}`, `$$SM_MICRON_MARKER ${markerText(marker)}`, '$$SM_WD 9.7', '$$SM_FILM_NUMBER 0',
  ]);
  return { text, pixelNm: marker / barPx };
}

/** Hitachi: one `[SemImageFile]` INI section, pixel size in nm, voltage in volts. */
export function hitachiSidecarText(s: InstrumentSettings, imageName: string): string {
  return crlf([
    '[SemImageFile]', 'InstructName=SU8230', 'SerialNumber=5611-03', 'Date=2024/03/12', 'Time=10:21:55',
    `ImageName=${imageName}`, `DataSize=${s.width}x${s.height}`, `PixelSize=${s.pixelNm.toFixed(6)}`,
    `SignalName=${s.detector ?? 'SE(U)'}`, `AcceleratingVoltage=${Math.round(s.kV * 1000)} Volt`,
    'DecelerationVoltage=0 Volt', `Magnification=${Math.round(nominalMagnification(s))}`,
    'WorkingDistance=8100 um', 'EmissionCurrent=10200 nA',
  ]);
}
