import type { VendorLayout } from './vendorBars';

/** 8-bit grayscale raster, row-major, `data.length === width * height`. */
export interface GrayImage {
  width: number;
  height: number;
  data: Uint8Array;
}

/** The 10 categories of the NFFA-EUROPE SEM dataset, in its usual order. */
export const SEM_KINDS = [
  'biological',
  'fibres',
  'films',
  'mems',
  'nanowires',
  'particles',
  'patterned',
  'porous',
  'powder',
  'tips',
] as const;

export type SemKind = (typeof SEM_KINDS)[number];

export function isSemKind(s: string): s is SemKind {
  return (SEM_KINDS as readonly string[]).includes(s);
}

/**
 * Instrument data bar burnt into the image, in a real vendor's layout.
 * 'above-bottom' leaves a strip of specimen image below the bar, as some instruments do.
 * heightFrac defaults to 0.08 and is clamped to [0.03, 0.25].
 */
export interface DataBarSpec {
  style: 'bright' | 'dark';
  position: 'bottom' | 'above-bottom';
  heightFrac?: number;
  /** image strip under an 'above-bottom' bar, share of the height (default 0.03) */
  belowFrac?: number;
  /** vendor layout drawn (synth/vendorBars.ts); default: one of the style's vendors, by seed */
  vendor?: VendorLayout;
}

/**
 * A "re-shot" of the same scene: the specimen moved by a fraction of the frame and the detector noise
 * is new. Used for near-duplicate twins.
 */
export interface ShotSpec {
  /** shift as a fraction of width / height, e.g. 0.01 = 1% of the frame */
  dxFrac: number;
  dyFrac: number;
  noiseSeed: number;
}

export interface SemImageOptions {
  kind: SemKind;
  width: number;
  height: number;
  seed: number;
  dataBar?: DataBarSpec | null;
  shot?: ShotSpec | null;
}
