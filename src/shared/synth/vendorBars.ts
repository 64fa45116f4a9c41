// Painters for the data bars of real SEM vendors, drawn the way their software burns them in (layouts
// taken from exported micrographs): Zeiss SmartSEM/TASC, Thermo Fisher/FEI, JEOL, Hitachi and Tescan.
// Each paints into a bar-sized buffer at the resolution of a ~1024 px wide export; dataBar.ts area-averages
// it into the frame, so a 256 px frame gets the thin, blended strokes of a downscaled real export.
// Gray images: coloured text and scale bars are drawn at their luma (red 61, green 117, blue 29).

import { drawText, textWidth } from './font';
import type { Rng } from './rng';

export const VENDOR_LAYOUTS = ['zeiss', 'fei', 'thermo', 'jeol-dark', 'jeol-light', 'hitachi', 'tescan'] as const;
export type VendorLayout = (typeof VENDOR_LAYOUTS)[number];

/** Bar buffer: gray values, -1 = transparent (the specimen shows through, e.g. a side margin). */
export interface BarBuffer {
  w: number;
  h: number;
  data: Int16Array;
}

/** Acquisition values a vendor prints; the scale bar's label and its length in buffer pixels. */
export interface BarValues {
  kv: number;
  mag: number;
  wd: number;
  detector: string;
  scaleLabel: string;
  scaleLen: number;
}

const LUMA = { red: 61, green: 117, blue: 29, black: 0, white: 255 };

/** Typical geometry per layout: bar height and the image strip left under it, as shares of the height. */
export function vendorGeometry(v: VendorLayout, rng: Rng): { heightFrac: number; belowFrac: number } {
  switch (v) {
    case 'zeiss': return { heightFrac: rng.range(0.065, 0.095), belowFrac: rng.chance(0.7) ? rng.range(0.06, 0.11) : 0 };
    case 'fei': return { heightFrac: rng.range(0.06, 0.12), belowFrac: 0 };
    case 'thermo': return { heightFrac: rng.range(0.07, 0.11), belowFrac: 0 };
    case 'jeol-dark': case 'jeol-light': return { heightFrac: rng.range(0.045, 0.08), belowFrac: 0 };
    case 'hitachi': return { heightFrac: rng.range(0.045, 0.08), belowFrac: 0 };
    case 'tescan': return { heightFrac: rng.range(0.1, 0.18), belowFrac: 0 };
  }
}

export function vendorStyle(v: VendorLayout): 'bright' | 'dark' {
  return v === 'zeiss' || v === 'jeol-light' || v === 'tescan' ? 'bright' : 'dark';
}

class Pen {
  constructor(readonly b: BarBuffer, readonly s: number) {}
  rect(x0: number, y0: number, x1: number, y1: number, v: number): void {
    const { w, h, data } = this.b;
    for (let y = Math.max(0, Math.round(y0)); y < Math.min(h, Math.round(y1)); y++) {
      data.fill(v, y * w + Math.max(0, Math.round(x0)), y * w + Math.min(w, Math.round(x1)));
    }
  }
  frame(x0: number, y0: number, x1: number, y1: number, t: number, v: number): void {
    this.rect(x0, y0, x1, y0 + t, v);
    this.rect(x0, y1 - t, x1, y1, v);
    this.rect(x0, y0, x0 + t, y1, v);
    this.rect(x1 - t, y0, x1, y1, v);
  }
  /** Text with its top-left at (x, y), font scale `k` times the pen's. Returns the x after it. */
  text(str: string, x: number, y: number, v: number, k = 1): number {
    const sc = Math.max(1, Math.round(this.s * k));
    const tmp = new Uint8Array(this.b.w * this.b.h);
    const mark = v === 1 ? 2 : 1;
    drawText(tmp, this.b.w, str, Math.round(x), Math.round(y), sc, mark, { x0: 0, x1: this.b.w, y0: 0, y1: this.b.h });
    for (let i = 0; i < tmp.length; i++) if (tmp[i] === mark) this.b.data[i] = v;
    return x + textWidth(str, sc);
  }
  width(str: string, k = 1): number {
    return textWidth(str, Math.max(1, Math.round(this.s * k)));
  }
  /** Scale bar: a line with end ticks, `ticks` divisions (0 = none). */
  scaleBar(x: number, y: number, len: number, v: number, ticks = 0): void {
    const t = Math.max(1, Math.round(this.s * 1.2));
    const tick = 3 * t;
    this.rect(x, y, x + len, y + t, v);
    this.rect(x, y - tick, x + t, y + t + tick, v);
    this.rect(x + len - t, y - tick, x + len, y + t + tick, v);
    for (let k = 1; k < ticks; k++) {
      const tx = x + (k * len) / ticks;
      this.rect(tx, y - tick / 2, tx + t, y + t, v);
    }
  }
}

const fmtMag = (mag: number): string => (mag >= 1000 ? `${(mag / 1000).toFixed(2)} K X` : `${mag.toFixed(0)} X`);

/** Paints layout `v` over the whole buffer; `rng` varies colours, fields and logo. */
export function paintVendorBar(b: BarBuffer, v: VendorLayout, val: BarValues, rng: Rng): void {
  // Text rows are ~1.7% of a 768-row frame high; the buffer is the bar, so derive from its width.
  const s = Math.max(1, Math.round(b.w / 512));
  const p = new Pen(b, s);
  const th = Math.max(1, Math.round(b.w / 1024));
  const rowH = 7 * s;
  const row = (k: number, of: number): number => Math.round(((k + 0.5) * b.h) / of - rowH / 2);
  const date = `${rng.int(1, 28)} ${rng.pick(['Jan', 'Mar', 'May', 'Jul', 'Sep', 'Dec'])} ${rng.int(2008, 2024)}`;
  switch (v) {
    case 'zeiss': {
      const mx = Math.max(1, Math.round(b.w * 0.002));
      b.data.fill(-1);
      p.rect(mx, 0, b.w - mx, b.h, rng.int(246, 255));
      p.frame(mx, 0, b.w - mx, b.h, th, rng.int(0, 20));
      const y1 = row(0, 2.2);
      const y2 = row(1.1, 2.2);
      p.text(val.scaleLabel, mx + 10 * th, y1, LUMA.red);
      p.scaleBar(mx + 10 * th, y2 + rowH / 2, val.scaleLen, LUMA.green);
      const ink = () => rng.pick([LUMA.red, LUMA.black, LUMA.blue, LUMA.red]);
      const fields: [string, string][] = [
        [`EHT = ${val.kv.toFixed(2)} kV`, `Mag = ${fmtMag(val.mag)}`],
        [`WD = ${val.wd.toFixed(1)} mm`, `Brightness = ${rng.range(40, 60).toFixed(1)} %`],
        [`Signal A = ${val.detector}`, `Contrast = ${rng.range(20, 40).toFixed(1)} %`],
        [`Stage at T = ${rng.range(0, 45).toFixed(1)} °`, rng.chance(0.5) ? `Date :${date}` : ''],
      ];
      let x = b.w * rng.range(0.22, 0.26);
      for (const [a, c] of fields) {
        const col = ink();
        p.text(a, x, y1, col);
        if (c) p.text(c, x + 10 * th, y2, rng.chance(0.7) ? col : ink());
        x += Math.max(p.width(a), p.width(c)) + b.w * 0.03;
      }
      const logo = Math.round(b.h * 0.75);
      const lx = b.w - mx - logo - 12 * th;
      p.rect(lx, (b.h - logo) / 2, lx + logo, (b.h + logo) / 2, rng.pick([LUMA.blue + 20, 45, 70]));
      p.text(rng.pick(['ZEISS', 'TASC', 'iom']), lx + 2 * th, b.h / 2 - rowH / 4, 255, 0.5);
      return;
    }
    case 'fei': case 'thermo': {
      b.data.fill(v === 'fei' ? 0 : rng.int(0, 25));
      const sep = rng.int(90, 160);
      const fields: [string, string][] = [
        ['HV', `${val.kv.toFixed(2)} kV`], ['mag', `${Math.round(val.mag).toLocaleString('en-US').replace(/,/g, ' ')} x`],
        ['WD', `${val.wd.toFixed(1)} mm`], ['det', val.detector], ['HFW', `${rng.range(1, 300).toFixed(1)} µm`],
        [v === 'fei' ? 'spot' : 'curr', v === 'fei' ? rng.range(1, 6).toFixed(1) : `${rng.range(0.01, 3).toFixed(2)} nA`],
      ];
      const twoRows = b.h >= 4 * rowH;
      let x = b.w * 0.01;
      for (const [label, value] of fields) {
        const cw = Math.max(p.width(label), p.width(value)) + 16 * th;
        if (twoRows) {
          p.text(label, x + 8 * th, row(0, 2), 255);
          p.text(value, x + 8 * th, row(1, 2), 255);
        } else p.text(`${label} ${value}`, x + 8 * th, row(0, 1), 255);
        x += twoRows ? cw : p.width(`${label} ${value}`) + 16 * th;
        p.rect(x, 0, x + th, b.h, sep);
      }
      const sx = Math.max(x + 20 * th, b.w - val.scaleLen - b.w * (v === 'fei' ? 0.12 : 0.2));
      p.text(val.scaleLabel, sx + (val.scaleLen - p.width(val.scaleLabel)) / 2, twoRows ? row(0, 2) : row(0, 1), 255);
      p.scaleBar(sx, twoRows ? row(1, 2) + rowH / 2 : b.h - 4 * th, val.scaleLen, 255, v === 'thermo' ? 4 : 0);
      p.text(v === 'fei' ? 'FEI' : 'Thermo Fisher', b.w - p.width(v === 'fei' ? 'FEI' : 'Thermo Fisher', v === 'fei' ? 2 : 1) - 10 * th,
        (b.h - rowH * (v === 'fei' ? 2 : 1)) / 2, 255, v === 'fei' ? 2 : 1);
      return;
    }
    case 'jeol-dark': case 'jeol-light': {
      const [fill, ink] = v === 'jeol-dark' ? [rng.int(0, 15), rng.int(225, 255)] : [rng.int(240, 255), rng.int(0, 30)];
      b.data.fill(fill);
      const y = row(0, 1);
      let x = b.w * 0.02;
      x = p.text(`${val.detector}`, x, y, ink) + 24 * th;
      x = p.text(`${val.kv.toFixed(0)}kV`, x, y, ink) + 24 * th;
      x = p.text(`X${Math.round(val.mag).toLocaleString('en-US')}`, x, y, ink) + 24 * th;
      // JEOL's scale bar: a row of short segments, then its label.
      const seg = val.scaleLen / 10;
      for (let k = 0; k < 10; k += 2) p.rect(x + k * seg, y + rowH / 2 - th, x + (k + 1) * seg, y + rowH / 2 + th, ink);
      x = p.text(val.scaleLabel, x + val.scaleLen + 10 * th, y, ink) + 24 * th;
      x = p.text(`WD${val.wd.toFixed(0)}mm`, x, y, ink) + 24 * th;
      p.text(`SS${rng.int(20, 60)}`, x, y, ink);
      if (rng.chance(0.6)) p.text('JEOL', b.w - p.width('JEOL') - b.w * 0.03, y, ink);
      return;
    }
    case 'hitachi': {
      b.data.fill(rng.int(0, 10));
      const y = row(0, 1);
      const model = rng.pick(['S-4800', 'SU8020', 'SU3500', 'TM3030']);
      const x = p.text(model, b.w * 0.015, y, 255) + 30 * th;
      p.text(`${val.kv.toFixed(1)}kV ${val.wd.toFixed(1)}mm x${(val.mag / 1000).toFixed(1)}k ${val.detector}`, x, y, 255);
      const sx = b.w - val.scaleLen - b.w * 0.03;
      p.text(val.scaleLabel, sx + (val.scaleLen - p.width(val.scaleLabel)) / 2, Math.max(0, y - rowH / 2), 255);
      p.scaleBar(sx, Math.min(b.h - 2 * th, y + rowH + 2 * th), val.scaleLen, 255, 10);
      return;
    }
    case 'tescan': {
      const fill = rng.chance(0.5) ? 255 : rng.int(200, 235);
      b.data.fill(fill);
      const grid = rng.int(0, 60);
      p.frame(0, 0, b.w, b.h, th, grid);
      const rows = 3;
      for (let r = 1; r < rows; r++) p.rect(0, (r * b.h) / rows, b.w * 0.75, (r * b.h) / rows + th, grid);
      const cells = [
        [`SEM HV: ${val.kv.toFixed(1)} kV`, `WD: ${val.wd.toFixed(2)} mm`, `Det: ${val.detector}`],
        [`SEM MAG: ${(val.mag / 1000).toFixed(2)} kx`, `View field: ${rng.range(5, 500).toFixed(1)} µm`, `BI: ${rng.range(5, 20).toFixed(1)}`],
        [`Date(m/d/y): ${rng.int(1, 12)}/${rng.int(1, 28)}/${rng.int(10, 24)}`, 'Performance in nanospace', ''],
      ];
      const cw = b.w * 0.25;
      for (let c = 0; c < 3; c++) {
        p.rect(c * cw, 0, c * cw + th, b.h, grid);
        for (let r = 0; r < rows; r++) if (cells[c][r]) p.text(cells[c][r], c * cw + 8 * th, row(r, rows), LUMA.black);
      }
      p.rect(3 * cw, 0, 3 * cw + th, b.h, grid);
      const sx = 3 * cw + 10 * th;
      p.text(val.scaleLabel, sx, row(0, 2), LUMA.black);
      p.scaleBar(sx, row(1, 2) + rowH / 2, val.scaleLen, LUMA.black);
      p.text('TESCAN', b.w - p.width('TESCAN', 1.5) - 10 * th, (b.h - rowH * 1.5) / 2, rng.pick([LUMA.black, LUMA.blue]), 1.5);
      return;
    }
  }
}
