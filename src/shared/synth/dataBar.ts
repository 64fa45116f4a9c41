import { drawText, textWidth, GLYPH_H } from './font';
import { Rng } from './rng';
import type { DataBarSpec, GrayImage } from './types';

export const DEFAULT_BAR_FRAC = 0.08;

/**
 * Rows the bar occupies, half-open: rows top..bottom-1 are bar, the rest is specimen.
 * 'above-bottom' leaves a strip of image below it (3% of height, at least 2 rows).
 */
export function dataBarRect(spec: DataBarSpec, _width: number, height: number): { top: number; bottom: number } {
  // The bar always spans the full width; width stays in the signature so callers pass the frame size.
  const frac = Math.min(0.25, Math.max(0.03, spec.heightFrac ?? DEFAULT_BAR_FRAC));
  const barH = Math.max(1, Math.round(frac * height));
  const strip = spec.position === 'above-bottom' ? Math.max(2, Math.round(0.03 * height)) : 0;
  const bottom = Math.max(barH, height - strip);
  return { top: bottom - barH, bottom };
}

/** Gray levels of the bar fill and its text: uniform fill, text in the opposite tone. */
export function dataBarLevels(spec: DataBarSpec, seed: number): { fill: number; text: number } {
  const rng = new Rng(seed ^ 0x0ba7);
  return spec.style === 'bright'
    ? { fill: rng.int(228, 255), text: rng.int(0, 30) }
    : { fill: rng.int(0, 22), text: rng.int(215, 255) };
}

const fmt = (v: number, d: number): string => v.toFixed(d);

/** Plausible acquisition parameters, as Zeiss/FEI instruments print them. */
export function dataBarStrings(seed: number): { scale: string; rows: string[] } {
  const rng = new Rng(seed ^ 0x7e47);
  const eht = rng.pick([1, 2, 3, 5, 10, 15, 20]);
  const wd = rng.range(3, 12);
  const mag = rng.pick([0.5, 1, 2, 5, 10, 20, 50, 100]) * rng.pick([1, 1.5, 2]);
  const signal = rng.pick(['SE2', 'InLens', 'SE1', 'BSD']);
  const scale = rng.pick(['100 nm', '200 nm', '1 µm', '2 µm', '10 µm', '20 µm']);
  const date = `Date :${rng.int(1, 28)} ${rng.pick(['Jan', 'Mar', 'May', 'Jul', 'Sep', 'Nov'])} ${rng.int(2008, 2024)}`;
  return {
    scale,
    rows: [
      `EHT = ${fmt(eht, 2)} kV   WD = ${fmt(wd, 1)} mm   ${date}`,
      `Mag = ${fmt(mag, 2)} K X   Signal A = ${signal}`,
    ],
  };
}

/**
 * Burn a data bar into img (in place). Layout: a scale bar with its label on the left, acquisition
 * parameters to its right — two text rows when the bar is tall enough, otherwise one clipped row.
 * Font scale grows with bar height so the bar looks alike at 256 px and 1024 px.
 */
export function drawDataBar(img: GrayImage, spec: DataBarSpec, seed: number): void {
  const { width, height, data } = img;
  const { top, bottom } = dataBarRect(spec, width, height);
  const { fill, text } = dataBarLevels(spec, seed);
  data.fill(fill, top * width, bottom * width);
  const barH = bottom - top;
  if (barH < GLYPH_H) return; // too thin to hold any text: a plain band
  const { scale: scaleLabel, rows } = dataBarStrings(seed);
  const clip = { x0: 0, x1: width, y0: top, y1: bottom };
  const twoRows = barH >= 2 * GLYPH_H + 4;
  const s = Math.max(1, Math.floor(barH / (twoRows ? 2 * GLYPH_H + 4 : GLYPH_H + 2)));
  const rowH = GLYPH_H * s;
  const margin = Math.max(2, Math.round(width * 0.015));
  const lineLen = Math.round(width * 0.1);
  const thick = Math.max(1, s);
  let x = margin;
  if (twoRows) {
    const gap = Math.max(1, Math.floor((barH - 2 * rowH - thick) / 3));
    const y1 = top + gap;
    const y2 = y1 + rowH + gap;
    drawText(data, width, scaleLabel, x + Math.max(0, (lineLen - textWidth(scaleLabel, s)) >> 1), y1, s, text, clip);
    hline(data, width, x, x + lineLen, y2 + (rowH >> 1), thick, text, clip);
    x += Math.max(lineLen, textWidth(scaleLabel, s)) + 3 * margin;
    drawText(data, width, rows[0], x, y1, s, text, clip);
    drawText(data, width, rows[1], x, y2, s, text, clip);
  } else {
    const y = top + ((barH - rowH) >> 1);
    hline(data, width, x, x + lineLen, y + (rowH >> 1), thick, text, clip);
    x += lineLen + margin;
    drawText(data, width, scaleLabel, x, y, s, text, clip);
    x += textWidth(scaleLabel, s) + 3 * margin;
    drawText(data, width, `${rows[1]}   ${rows[0]}`, x, y, s, text, clip);
  }
}

function hline(
  data: Uint8Array, width: number, x0: number, x1: number, yc: number, thick: number, v: number,
  clip: { x0: number; x1: number; y0: number; y1: number },
): void {
  const ya = Math.max(clip.y0, yc - (thick >> 1));
  const yb = Math.min(clip.y1, ya + thick);
  for (let y = ya; y < yb; y++) data.fill(v, y * width + Math.max(clip.x0, x0), y * width + Math.min(clip.x1, x1));
}
