// Painters for the data bars of real SEM vendors, drawn the way their software burns them in (layouts
// taken from exported micrographs): Zeiss SmartSEM/TASC, Thermo Fisher/FEI, JEOL, Hitachi and Tescan.
// Each paints into a bar-sized buffer at the resolution of a ~1024 px wide export; dataBar.ts area-averages
// it into the frame, so a 256 px frame gets the thin, blended strokes of a downscaled real export.
// Gray images: coloured text and scale bars are drawn at their luma (red 61, green 117, blue 29).

import { drawText, textWidth } from './font';
import type { Rng } from './rng';
import { drawStrokeText, strokeTextWidth } from './strokeFont';

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
  /** the scale bar's length in nm, and how its label is printed */
  scaleNm: number;
  labelStyle: LabelStyle;
}

/**
 * Font of the scale label: the 5x7 bitmap at `size` times the bar's text scale, or the stroke font
 * (strokeFont.ts) at `size` times the text row's height with strokes `weight` × its cap height wide.
 * `space`: "20 µm" or "20µm"; `micro`: the µ sign or a plain u ("20 um"), as some software writes it.
 */
export interface LabelStyle {
  font: 'bitmap' | 'stroke';
  size: number;
  weight: number;
  space: boolean;
  micro: 'µ' | 'u';
}

/** The scale label as a vendor prints it (Hitachi: three significant digits, "5.00µm"). */
export function scaleLabelText(val: Pick<BarValues, 'scaleNm' | 'labelStyle'>, v: VendorLayout): string {
  const { scaleNm: nm, labelStyle: st } = val;
  const [n, unit] = nm < 1000 ? [nm, 'nm'] : nm < 1e6 ? [nm / 1000, `${st.micro}m`] : [nm / 1e6, 'mm'];
  const num = v === 'hitachi' ? n.toFixed(Math.max(0, 2 - Math.floor(Math.log10(n)))) : String(n);
  return `${num}${st.space ? ' ' : ''}${unit}`;
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
  /** Text with its top-left at (x, y), font scale `k` times the pen's, cut at column maxX. Returns the x after it. */
  text(str: string, x: number, y: number, v: number, k = 1, maxX = this.b.w): number {
    const sc = Math.max(1, Math.round(this.s * k));
    drawText(this.b.data, this.b.w, str, Math.round(x), Math.round(y), sc, v, { x0: 0, x1: Math.round(maxX), y0: 0, y1: this.b.h });
    return x + textWidth(str, sc);
  }
  /**
   * The scale label in its style, sized to fit between rows `ceil` (top of its digits) and `floor` (below
   * anything under its baseline). draw() puts its baseline near `base`, starting at x (or centred on x).
   */
  labelFit(str: string, st: LabelStyle, ceil: number, floor: number): { w: number; h: number; draw: (x: number, base: number, v: number, centre?: boolean) => number } {
    if (st.font === 'bitmap') {
      const sc = Math.max(1, Math.min(Math.round(this.s * st.size), Math.floor(Math.min(floor - ceil, 0.6 * this.b.h) / 7)));
      const w = textWidth(str, sc);
      const draw = (x: number, base: number, v: number, centre = false): number => {
        const top = Math.max(ceil, Math.min(base, floor) - 7 * sc);
        return this.text(str, centre ? x - w / 2 : x, top, v, sc / this.s);
      };
      return { w, h: 7 * sc, draw };
    }
    const desc = /[µ,]/.test(str) ? 0.3 : 0;
    // Strokes reach half their width beyond the glyph's outline: keep a pixel clear of ceil and floor.
    const capH = Math.min(st.size * 7 * this.s, 0.6 * this.b.h, (floor - ceil - 2) / (1 + desc + st.weight));
    const sw = Math.max(1, capH * st.weight);
    const w = strokeTextWidth(str, capH, sw);
    const { w: bw, h: bh, data } = this.b;
    const draw = (x: number, base: number, v: number, centre = false): number => {
      const put = (px: number, py: number, a: number): void => {
        const i = py * bw + px;
        if (px >= 0 && px < bw && py >= 0 && py < bh && data[i] >= 0) data[i] = Math.round(data[i] + (v - data[i]) * a);
      };
      const b = Math.max(ceil + capH + sw / 2 + 1, Math.min(base, floor - desc * capH - sw / 2 - 1));
      return drawStrokeText(put, str, centre ? x - w / 2 : x, b - capH, capH, sw);
    };
    return { w, h: capH, draw };
  }
  /** Top row of a scale bar's end ticks drawn at y. */
  tickTop(y: number): number {
    return y - 3 * Math.max(1, Math.round(this.s * 1.2));
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
  const label = scaleLabelText(val, v);
  const date = `${rng.int(1, 28)} ${rng.pick(['Jan', 'Mar', 'May', 'Jul', 'Sep', 'Dec'])} ${rng.int(2008, 2024)}`;
  switch (v) {
    case 'zeiss': {
      const mx = Math.max(1, Math.round(b.w * 0.002));
      b.data.fill(-1);
      p.rect(mx, 0, b.w - mx, b.h, rng.int(246, 255));
      p.frame(mx, 0, b.w - mx, b.h, th, rng.int(0, 20));
      const y1 = row(0, 2.2);
      const y2 = row(1.1, 2.2);
      const by = y2 + rowH / 2;
      p.labelFit(label, val.labelStyle, 4 * th, p.tickTop(by) - 4 * th).draw(mx + 10 * th, y1 + rowH, LUMA.red);
      p.scaleBar(mx + 10 * th, by, val.scaleLen, LUMA.green);
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
      // Fields the bar has room for, leaving the scale bar and the logo theirs.
      const [logo, lk] = v === 'fei' ? ['FEI', 2] : ['Thermo Fisher', 1];
      const reserve = val.scaleLen + p.width(label) + p.width(logo, lk) + 60 * th;
      for (const [label, value] of fields) {
        const cw = Math.max(p.width(label), p.width(value)) + 16 * th;
        if (x + (twoRows ? cw : p.width(`${label} ${value}`) + 16 * th) > b.w - reserve) break;
        if (twoRows) {
          p.text(label, x + 8 * th, row(0, 2), 255);
          p.text(value, x + 8 * th, row(1, 2), 255);
        } else p.text(`${label} ${value}`, x + 8 * th, row(0, 1), 255);
        x += twoRows ? cw : p.width(`${label} ${value}`) + 16 * th;
        p.rect(x, 0, x + th, b.h, sep);
      }
      const by = twoRows ? row(1, 2) + rowH / 2 : b.h - 4 * th;
      const lab = p.labelFit(label, val.labelStyle, 1, p.tickTop(by) - 4 * th);
      const half = Math.max(val.scaleLen, lab.w) / 2;
      const mid = Math.min(Math.max(x + 20 * th + half, b.w * (v === 'fei' ? 0.88 : 0.8) - val.scaleLen / 2), b.w - p.width(logo, lk) - 10 * th - Math.max(20 * th, 1.5 * lab.h) - half);
      const sx = mid - val.scaleLen / 2;
      lab.draw(mid, (twoRows ? row(0, 2) : row(0, 1)) + rowH, 255, true);
      p.scaleBar(sx, by, val.scaleLen, 255, v === 'thermo' ? 4 : 0);
      p.text(logo, b.w - p.width(logo, lk) - 10 * th, (b.h - rowH * lk) / 2, 255, lk);
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
      // JEOL's scale bar: five short segments spanning its length, then its label.
      const seg = val.scaleLen / 9;
      for (let k = 0; k < 9; k += 2) p.rect(x + k * seg, y + rowH / 2 - th, x + (k + 1) * seg, y + rowH / 2 + th, ink);
      x = p.labelFit(label, val.labelStyle, th, b.h - th).draw(x + val.scaleLen + 10 * th, y + rowH, ink) + 24 * th;
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
      const by = Math.min(b.h - 2 * th, y + rowH + 2 * th);
      const lab = p.labelFit(label, val.labelStyle, 1, p.tickTop(by) - 4 * th);
      const sx = b.w - Math.max(val.scaleLen, lab.w) - b.w * 0.03;
      lab.draw(sx + val.scaleLen / 2, Math.max(0, y - rowH / 2) + rowH, 255, true);
      p.scaleBar(sx, by, val.scaleLen, 255, 10);
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
        [`Date(m/d/y): ${rng.int(1, 12)}/${rng.int(1, 28)}/${rng.int(10, 24)}`, 'Vac: HiVac', ''],
      ];
      const cw = b.w * 0.25;
      for (let c = 0; c < 3; c++) {
        p.rect(c * cw, 0, c * cw + th, b.h, grid);
        // Text that does not fit its cell is cut at the cell's edge, as the software does.
        for (let r = 0; r < rows; r++) if (cells[c][r]) p.text(cells[c][r], c * cw + 8 * th, row(r, rows), LUMA.black, 1, (c + 1) * cw - 2 * th);
      }
      p.rect(3 * cw, 0, 3 * cw + th, b.h, grid);
      const sx = 3 * cw + 10 * th;
      const by = row(1, 2) + rowH / 2;
      const lab = p.labelFit(label, val.labelStyle, 4 * th, p.tickTop(by) - 4 * th);
      lab.draw(sx, p.tickTop(by) - 4 * th, LUMA.black);
      p.scaleBar(sx, by, val.scaleLen, LUMA.black);
      // The logo where the scale cell leaves room for it: smaller, or none.
      const room = b.w - sx - Math.max(val.scaleLen, lab.w) - Math.max(20 * th, 1.5 * lab.h);
      const logoColour = rng.pick([LUMA.black, LUMA.blue]);
      const k = [1.5, 1].find((kk) => p.width('TESCAN', kk) + 10 * th <= room);
      if (k) p.text('TESCAN', b.w - p.width('TESCAN', k) - 10 * th, (b.h - rowH * k) / 2, logoColour, k);
      return;
    }
  }
}
