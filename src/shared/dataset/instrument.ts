// What an image's own files say about how it was taken: pixel size, magnification, beam voltage, detector.
// Each vendor reader (metaFei, metaZeiss, metaJeol, metaHitachi) turns its text into a `VendorReading` in
// its own units already converted; `instrumentInfo` picks the first reading that knows each field and
// rescales the pixel size to the file's own width, so every record means the same thing:
//
//   pixelSizeNm: nanometres per pixel of the ORIGINAL file (entry.width pixels wide), not of the stored
//   copy. The stored copy (longest side ≤ 256) is coarser by width / storedWidth: `storedPixelSizeNm`.

/** Where the pixel size came from; 'scale-bar' is the burnt-in scale bar read from the image itself. */
export type PixelSizeSource = 'fei-tag' | 'zeiss-tag' | 'jeol-sidecar' | 'hitachi-sidecar' | 'scale-bar';

export const PIXEL_SIZE_SOURCES: readonly PixelSizeSource[] = ['fei-tag', 'zeiss-tag', 'jeol-sidecar', 'hitachi-sidecar', 'scale-bar'];

export interface InstrumentInfo {
  /** nm per pixel of the original file (its own width), null when unknown */
  pixelSizeNm: number | null;
  pixelSizeSource: PixelSizeSource | null;
  /** nominal magnification as the instrument states it (×), null when unknown */
  magnification: number | null;
  /** beam (accelerating) voltage in kV */
  kV: number | null;
  /** detector or signal name as the instrument writes it (`InLens`, `TLD (BSE)`, `SEI`) */
  detector: string | null;
}

export interface VendorReading {
  source: PixelSizeSource;
  pixelSizeNm?: number;
  /** width in pixels the pixel size refers to (the acquisition's), when the file says */
  referenceWidth?: number;
  magnification?: number;
  kV?: number;
  detector?: string;
}

// Plausible ranges for a scanning electron microscope (and a light microscope's low end): a value outside
// them is a misread unit or a damaged file, and is dropped rather than shown.
const PIXEL_NM = [1e-3, 1e6] as const;
const MAG = [1, 1e7] as const;
const KV = [0.01, 1000] as const;

const within = (x: number | undefined, [lo, hi]: readonly [number, number]): x is number =>
  x !== undefined && Number.isFinite(x) && x >= lo && x <= hi;

/** The first reading that knows each field; undefined when none knows anything. */
export function instrumentInfo(readings: readonly (VendorReading | null)[], fileWidth: number): InstrumentInfo | undefined {
  const list = readings.filter((r): r is VendorReading => r !== null);
  const out: InstrumentInfo = { pixelSizeNm: null, pixelSizeSource: null, magnification: null, kV: null, detector: null };
  for (const r of list) {
    if (out.pixelSizeNm === null && within(r.pixelSizeNm, PIXEL_NM)) {
      // A file resampled after acquisition (exported at another size) keeps the acquisition's pixel size
      // in its metadata: scale it to the file's own pixels.
      const k = r.referenceWidth && r.referenceWidth > 0 && fileWidth > 0 ? r.referenceWidth / fileWidth : 1;
      const nm = r.pixelSizeNm * k;
      if (within(nm, PIXEL_NM)) {
        out.pixelSizeNm = nm;
        out.pixelSizeSource = r.source;
      }
    }
    if (out.magnification === null && within(r.magnification, MAG)) out.magnification = r.magnification;
    if (out.kV === null && within(r.kV, KV)) out.kV = r.kV;
    if (out.detector === null && r.detector) out.detector = cleanName(r.detector);
  }
  const known = out.pixelSizeNm !== null || out.magnification !== null || out.kV !== null || out.detector !== null;
  return known ? out : undefined;
}

/** nm per pixel of the stored copy (what the model sees before resizing to its input). */
export function storedPixelSizeNm(e: { width: number; storedWidth: number; instrument?: InstrumentInfo }): number | null {
  const nm = e.instrument?.pixelSizeNm;
  return nm == null || e.storedWidth <= 0 ? null : (nm * e.width) / e.storedWidth;
}

/** Printable text only, at most 60 characters: it is shown and exported. */
function cleanName(s: string): string | null {
  // eslint-disable-next-line no-control-regex
  const t = s.replace(/[\u0000-\u001f\u007f]/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 60);
  return t || null;
}

/** A decimal as instruments write it: `2.0345e-009`, `10.00`, `10,5` (a decimal comma), ` 8.5`. */
export function parseDecimal(s: string | undefined): number | undefined {
  if (s === undefined) return undefined;
  let t = s.trim();
  if (/^[-+]?\d+,\d+$/.test(t)) t = t.replace(',', '.');
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(t)) return undefined;
  const x = Number(t);
  return Number.isFinite(x) ? x : undefined;
}

const LENGTH_NM: Record<string, number> = { pm: 1e-3, nm: 1, um: 1e3, mm: 1e6, cm: 1e7, m: 1e9 };

/**
 * A length with its unit (`2.345 nm`, `558.2 pm`, `1.5 µm`, `10um`, `5 μm`) in nm; undefined when the
 * unit is missing or unknown. Micro is written µ (U+00B5), μ (U+03BC), `u`, or `Âµ` when UTF-8 text was
 * read as Latin-1.
 */
export function lengthToNm(text: string): number | undefined {
  const m = /^\s*([-+]?[\d.,]+(?:[eE][-+]?\d+)?)\s*(Âµm|[µμu]m|pm|nm|mm|cm|m)\s*$/i.exec(text);
  if (!m) return undefined;
  const value = parseDecimal(m[1]);
  const unit = m[2].toLowerCase().replace(/^(âµ|µ|μ)/, 'u');
  const k = LENGTH_NM[unit];
  return value === undefined || k === undefined ? undefined : value * k;
}

/** A voltage with its unit (`5.00 kV`, `15000 Volt`, `500 V`) in kV; a bare number is taken in `bareUnit`. */
export function voltageToKv(text: string, bareUnit: 'V' | 'kV'): number | undefined {
  const m = /^\s*([-+]?[\d.,]+(?:[eE][-+]?\d+)?)\s*(kv|v|volts?|kilovolts?)?\s*$/i.exec(text);
  if (!m) return undefined;
  const value = parseDecimal(m[1]);
  if (value === undefined) return undefined;
  const unit = (m[2] ?? bareUnit).toLowerCase();
  return unit === 'kv' || unit.startsWith('kilo') ? value : value / 1000;
}

/** Zeiss-style magnification: `10.00 K X`, `532 X`, `1.2 M X`, `x30,000` → 10000, 532, 1.2e6, 30000. */
export function parseMagnification(text: string): number | undefined {
  const m = /^\s*[x×]?\s*([\d.,]+)\s*([kKmM])?\s*[xX×]?\s*$/.exec(text);
  if (!m) return undefined;
  const digits = /^\d{1,3}(,\d{3})+$/.test(m[1]) ? m[1].replace(/,/g, '') : m[1];
  const value = parseDecimal(digits);
  if (value === undefined) return undefined;
  const k = m[2] ? (m[2].toLowerCase() === 'k' ? 1e3 : 1e6) : 1;
  return value * k;
}
