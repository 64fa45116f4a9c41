// How instrument metadata reads in the UI: pixel size with where it came from, magnification, beam voltage.
import type { InstrumentInfo, PixelSizeSource } from '../../../shared/dataset/instrument';

export const SOURCE_TEXT: Record<PixelSizeSource, string> = {
  'fei-tag': 'FEI/Thermo TIFF tag',
  'zeiss-tag': 'Zeiss TIFF tag',
  'jeol-sidecar': 'JEOL .txt',
  'hitachi-sidecar': 'Hitachi .txt',
  'scale-bar': 'scale bar in the image',
};

/** Three significant figures, no exponent, no trailing zeros. */
function sig3(x: number): string {
  if (x === 0) return '0';
  const digits = Math.max(0, 2 - Math.floor(Math.log10(Math.abs(x))));
  return String(Number(x.toFixed(Math.min(digits, 6))));
}

export function formatPixelSize(nm: number): string {
  return nm >= 1000 ? `${sig3(nm / 1000)} µm/px` : `${sig3(nm)} nm/px`;
}

export function formatMagnification(x: number): string {
  return `${x >= 100 ? Math.round(x).toLocaleString('en-US') : sig3(x)}×`;
}

export function formatKv(kV: number): string {
  return `${sig3(kV)} kV`;
}

/** `data-pixel-nm`: a plain decimal, absent when unknown. */
export function pixelNmAttr(info: InstrumentInfo | null | undefined): string | undefined {
  const nm = info?.pixelSizeNm;
  return nm == null ? undefined : String(Number(nm.toPrecision(6)));
}

/** Label and value for each known field, in reading order. */
export function instrumentFacts(info: InstrumentInfo | null | undefined): [string, string][] {
  if (!info) return [];
  const out: [string, string][] = [];
  if (info.pixelSizeNm !== null) {
    out.push(['Pixel size', `${formatPixelSize(info.pixelSizeNm)}${info.pixelSizeSource ? ` (${SOURCE_TEXT[info.pixelSizeSource]})` : ''}`]);
  }
  if (info.magnification !== null) out.push(['Magnification', formatMagnification(info.magnification)]);
  if (info.kV !== null) out.push(['Beam voltage', formatKv(info.kV)]);
  if (info.detector !== null) out.push(['Detector', info.detector]);
  return out;
}

/** One line for a tooltip: `4.2 nm/px (Zeiss TIFF tag) · 10,000× · 5 kV · InLens`; '' when nothing is known. */
export function instrumentSummary(info: InstrumentInfo | null | undefined): string {
  return instrumentFacts(info).map(([, v]) => v).join(' · ');
}
