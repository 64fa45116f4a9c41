// JEOL SEMs (JSM-6xxx/7xxx/IT series) save a `.txt` next to each image (same name): one `$KEY value` per
// line, e.g.
//   $CM_FORMAT JEOL/SEM          $CM_INSTRUMENT JSM-7800F      $CM_SIGNAL SEI
//   $CM_MAG 10000                $CM_ACCEL_VOLT 15.00          (kV)
//   $CM_FULL_SIZE 1280 960       the saved image's size, which the scale bar's pixels refer to
//   $$SM_MICRON_BAR 160          the scale bar's length in pixels
//   $$SM_MICRON_MARKER 1um       the length it stands for (`500nm`, `1um`, `10µm`, `1mm`)
// Older models write the SM keys with one `$`. The pixel size is marker length / bar pixels.

import { lengthToNm, parseDecimal, parseMagnification, voltageToKv, type VendorReading } from './instrument';

/** `$KEY` (upper case, `$` or `$$`, without them) → the rest of the line. */
export function parseJeolText(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const raw of text.split(/\r\n|\r|\n|\0/)) {
    const m = /^\s*\${1,2}([A-Z][A-Z0-9_]*)(?:\s+(.*?))?\s*$/i.exec(raw);
    if (m && !out.has(m[1].toUpperCase())) out.set(m[1].toUpperCase(), m[2] ?? '');
  }
  return out;
}

/** True for text that looks like a JEOL sidecar (its `$CM_`/`$SM_` keys). */
export function isJeolText(text: string): boolean {
  return /^\s*\${1,2}(CM|SM)_[A-Z_]+/im.test(text);
}

export function readJeolSidecar(text: string): VendorReading | null {
  if (!isJeolText(text)) return null;
  const p = parseJeolText(text);
  const barPx = parseDecimal(p.get('SM_MICRON_BAR'));
  const marker = p.get('SM_MICRON_MARKER');
  const markerNm = marker ? lengthToNm(marker) : undefined;
  const full = /^(\d+)\s*[ x×*,]\s*\d+/.exec(p.get('CM_FULL_SIZE') ?? '');
  const volts = p.get('CM_ACCEL_VOLT');
  // JEOL writes kV; a value over 1000 can only be volts (no SEM runs at a megavolt).
  const kv = volts ? voltageToKv(volts, 'kV') : undefined;
  return {
    source: 'jeol-sidecar',
    pixelSizeNm: barPx && barPx > 0 && markerNm !== undefined ? markerNm / barPx : undefined,
    referenceWidth: full ? Number(full[1]) : undefined,
    magnification: parseMagnification(p.get('CM_MAG') ?? ''),
    kV: kv !== undefined && kv >= 1000 ? kv / 1000 : kv,
    detector: p.get('CM_SIGNAL') || undefined,
  };
}
