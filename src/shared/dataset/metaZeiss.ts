// Zeiss SmartSEM TIFFs (Sigma, Supra, Ultra, Merlin, Gemini, EVO, Crossbeam) carry their settings as Latin-1
// text in private tag 34118 (`CZ_SEM`): a few unlabelled numbers, then pairs of lines, a parameter's
// upper-case name followed by `Label = value unit` (or `Label :value` for the date and time):
//   AP_IMAGE_PIXEL_SIZE / Image Pixel Size = 2.791 nm      (AP_PIXEL_SIZE / Pixel Size = … in older files)
//   AP_MAG / Mag = 40.00 K X
//   AP_ACTUALKV / EHT = 5.00 kV                            (AP_MANUALKV / EHT Target = … as a fallback)
//   DP_DETECTOR_CHANNEL / Signal A = InLens                (DP_DETECTOR_TYPE as a fallback)
//   DP_IMAGE_STORE / Store resolution = 1024 * 768          the width the pixel size refers to
// The labelled pixel size is shown to a few significant figures; the unlabelled numbers hold more digits
// but at undocumented positions, so the labelled value is used.

import { lengthToNm, parseMagnification, voltageToKv, type VendorReading } from './instrument';

export const ZEISS_TAG = 34118;

/** Parameter name (lower case) → the text after its label's `=` or `:`. */
export function parseZeissText(text: string): Map<string, string> {
  const out = new Map<string, string>();
  let key: string | null = null;
  for (const raw of text.split(/\r\n|\r|\n|\0/)) {
    const line = raw.trim();
    if (!line) continue;
    if (/^[A-Z][A-Z0-9_]*$/.test(line) && line.includes('_')) {
      key = line.toLowerCase();
      continue;
    }
    if (key === null) continue; // the unlabelled numbers at the start
    const sep = /[=:]/.exec(line);
    if (sep && !out.has(key)) out.set(key, line.slice(sep.index + 1).trim());
    key = null;
  }
  return out;
}

export function readZeissTag(text: string): VendorReading | null {
  const p = parseZeissText(text);
  if (p.size === 0) return null;
  const pixel = p.get('ap_image_pixel_size') ?? p.get('ap_pixel_size');
  const eht = p.get('ap_actualkv') ?? p.get('ap_manualkv');
  const mag = p.get('ap_mag');
  const store = /^(\d+)\s*\*\s*\d+/.exec(p.get('dp_image_store') ?? '');
  return {
    source: 'zeiss-tag',
    pixelSizeNm: pixel ? lengthToNm(pixel) : undefined,
    referenceWidth: store ? Number(store[1]) : undefined,
    magnification: mag ? parseMagnification(mag) : undefined,
    kV: eht ? voltageToKv(eht, 'kV') : undefined,
    detector: p.get('dp_detector_channel') ?? p.get('dp_detector_type'),
  };
}
