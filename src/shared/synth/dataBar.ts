// Burnt-in instrument data bars, drawn in the layouts of real vendors (vendorBars.ts) over a generated
// micrograph. The bar is painted at the resolution of a ~1024 px wide export and area-averaged into the
// frame, so small frames get the blended strokes that the app's 256 px stored copies of real exports have.

import { hashInts, Rng } from './rng';
import type { DataBarSpec, GrayImage } from './types';
import { paintVendorBar, scaleLabelText, vendorGeometry, vendorStyle, VENDOR_LAYOUTS, type BarValues, type LabelStyle, type VendorLayout } from './vendorBars';

export { scaleLabelText, VENDOR_LAYOUTS, vendorGeometry, vendorStyle, type LabelStyle, type VendorLayout } from './vendorBars';

export const DEFAULT_BAR_FRAC = 0.08;

/**
 * Rows the bar occupies, half-open: rows top..bottom-1 are bar, the rest is specimen.
 * 'above-bottom' leaves a strip of image below it: `belowFrac` of the height (default 3%, at least 2 rows).
 */
export function dataBarRect(spec: DataBarSpec, _width: number, height: number): { top: number; bottom: number } {
  // The bar spans the width (a vendor may leave a margin); width stays in the signature for callers.
  const frac = Math.min(0.25, Math.max(0.03, spec.heightFrac ?? DEFAULT_BAR_FRAC));
  const barH = Math.max(1, Math.round(frac * height));
  const strip = spec.position === 'above-bottom' ? Math.max(2, Math.round((spec.belowFrac ?? 0.03) * height)) : 0;
  const bottom = Math.max(barH, height - strip);
  return { top: bottom - barH, bottom };
}

/** The layout drawn for a spec: its own, or one of the style's vendors chosen by the seed. */
export function dataBarLayout(spec: DataBarSpec, seed: number): VendorLayout {
  if (spec.vendor) return spec.vendor;
  // Tescan's three-row table only comes in tall bars.
  const tall = (spec.heightFrac ?? DEFAULT_BAR_FRAC) >= 0.1;
  const fits = VENDOR_LAYOUTS.filter((v) => vendorStyle(v) === spec.style && (v !== 'tescan' || tall));
  return fits[new Rng(hashInts(seed, 0xba5)).int(0, fits.length - 1)];
}

/** A spec with the geometry the vendor's software uses (height, strip below), varied by the seed. */
export function vendorBarSpec(vendor: VendorLayout, seed: number): DataBarSpec {
  const g = vendorGeometry(vendor, new Rng(hashInts(seed, 0x9e0)));
  return {
    vendor, style: vendorStyle(vendor), heightFrac: g.heightFrac,
    position: g.belowFrac > 0 ? 'above-bottom' : 'bottom', belowFrac: g.belowFrac,
  };
}

const SCALES: [number, string][] = [
  [100, '100 nm'], [200, '200 nm'], [500, '500 nm'], [1000, '1 µm'], [2000, '2 µm'], [5000, '5 µm'],
  [10000, '10 µm'], [20000, '20 µm'], [50000, '50 µm'], [100000, '100 µm'], [200000, '200 µm'],
  [500000, '500 µm'], [1e6, '1 mm'], [2e6, '2 mm'],
];

/**
 * Acquisition values of one image, consistent with each other: the frame is `exportWidth` px of
 * `pixelNm` nm; the scale bar is the largest round length that fits in ~8–20% of the width. One in ten
 * is a low-magnification overview (10–5000x, millimetre scale bars). The scale label's font, size and
 * spelling (`labelStyle`) come from a stream of their own, so adding them changed no other value.
 */
export function dataBarValues(seed: number, exportWidth = 1024): BarValues & { pixelNm: number } {
  const rng = new Rng(hashInts(seed, 0x7e47));
  const style = new Rng(hashInts(seed, 0x5ca1));
  const low = style.chance(0.1);
  const mag = (rng.pick([500, 1000, 2000, 5000, 10000, 20000, 50000, 100000]) * rng.pick([1, 1.5, 2, 2.5])) / (low ? 50 : 1);
  // Polaroid convention: 127 mm wide display at 1x.
  const pixelNm = 127e6 / mag / exportWidth;
  const target = exportWidth * rng.range(0.08, 0.2) * pixelNm;
  let [nm, label] = SCALES[0];
  for (const [n, l] of SCALES) if (n <= target) [nm, label] = [n, l];
  const stroke = style.chance(0.5);
  const labelStyle: LabelStyle = {
    font: stroke ? 'stroke' : 'bitmap',
    size: stroke ? style.range(0.8, 1.7) : style.pick([1, 1, 1.5]),
    weight: style.range(0.08, 0.17),
    space: style.chance(0.75),
    micro: style.chance(0.85) ? 'µ' : 'u',
  };
  return {
    kv: rng.pick([1, 2, 3, 5, 10, 15, 20, 30]), mag, wd: rng.range(3, 15),
    detector: rng.pick(['SE2', 'InLens', 'SE', 'BSE', 'ETD', 'TLD', 'SE(U)', 'SEI']),
    scaleLabel: label, scaleLen: Math.round(nm / pixelNm), pixelNm, scaleNm: nm, labelStyle,
  };
}

/** Pixel oversampling drawDataBar paints a frame `width` px wide at (bars are drawn ≥ 1024 px wide). */
function barScale(width: number): number {
  return Math.max(1, Math.min(6, Math.round(1024 / width)));
}

/**
 * The scale bar drawDataBar burns into a frame `width` px wide: its label as printed, its length in frame
 * pixels and the frame's true pixel size (nm per frame pixel), for tests of a scale-bar reader.
 */
export function dataBarScale(spec: DataBarSpec, seed: number, width: number): { label: string; barPx: number; nmPerPx: number } {
  const ss = barScale(width);
  const v = dataBarValues(seed, width * ss);
  return { label: scaleLabelText(v, dataBarLayout(spec, seed)), barPx: v.scaleLen / ss, nmPerPx: v.pixelNm * ss };
}

/** Fill and main text gray levels of a layout as drawn for this seed (for tests and docs). */
export function dataBarLevels(spec: DataBarSpec, seed: number): { fill: number; text: number } {
  const img: GrayImage = { width: 256, height: 64, data: new Uint8Array(256 * 64).fill(128) };
  drawDataBar(img, { ...spec, heightFrac: 0.25, position: 'bottom' }, seed);
  const bar = img.data.subarray(48 * 256);
  const hist = new Uint32Array(256);
  for (const v of bar) hist[v]++;
  const fill = hist.indexOf(Math.max(...hist));
  return { fill, text: fill < 128 ? 255 : 0 };
}

/**
 * Burn a data bar into img (in place) inside dataBarRect(spec): the vendor layout painted at export
 * resolution (≥ 1024 px wide), then area-averaged into the frame. Transparent parts (side margins) keep
 * the specimen.
 */
export function drawDataBar(img: GrayImage, spec: DataBarSpec, seed: number): void {
  const { width, height, data } = img;
  const { top, bottom } = dataBarRect(spec, width, height);
  const ss = barScale(width);
  const bw = width * ss;
  const bh = (bottom - top) * ss;
  const buf = { w: bw, h: bh, data: new Int16Array(bw * bh) };
  const layout = dataBarLayout(spec, seed);
  const values = dataBarValues(seed, bw);
  paintVendorBar(buf, layout, values, new Rng(hashInts(seed, 0x1a7)));
  const n = ss * ss;
  for (let y = top; y < bottom; y++) {
    for (let x = 0; x < width; x++) {
      let sum = 0;
      let seen = 0;
      for (let dy = 0; dy < ss; dy++) {
        const base = ((y - top) * ss + dy) * bw + x * ss;
        for (let dx = 0; dx < ss; dx++) {
          const v = buf.data[base + dx];
          if (v >= 0) {
            sum += v;
            seen++;
          }
        }
      }
      const i = y * width + x;
      if (seen > 0) data[i] = Math.round((sum + data[i] * (n - seen)) / n);
    }
  }
}
