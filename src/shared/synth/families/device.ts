import { fillConvex } from '../raster';
import { fillBackground, type Scene } from '../scene';

/**
 * MEMS devices & electrodes: an interdigitated comb pair (comb drive or IDE) with anchor pads that
 * carry a grid of release holes, all in one rotated layout frame. Flat tops with bright sidewalls.
 */
export function mems(s: Scene): void {
  const { rng, u, zoom, c } = s;
  fillBackground(s, rng.range(0.15, 0.25), 0.05, 0.25, 3);
  const angle = rng.pick([0, Math.PI / 2]) + rng.gaussian(0, 0.04);
  const ca = Math.cos(angle), sa = Math.sin(angle);
  const cx = c.w / 2 + rng.gaussian(0, u * 0.05), cy = c.h / 2 + rng.gaussian(0, u * 0.05);
  const top = rng.range(0.5, 0.65);
  const bevel = Math.max(1, u * 0.006);
  // Layout units: L = frame half-size, everything else relative to the finger width f.
  const L = Math.hypot(c.w, c.h) / 2;
  const f = u * rng.range(0.018, 0.035) * zoom;
  const gap = f * rng.range(0.8, 1.6);
  const pitch = 2 * (f + gap);
  const overlap = u * rng.range(0.08, 0.2) * zoom;
  const fingerLen = overlap + u * rng.range(0.06, 0.15) * zoom;
  const spineH = u * rng.range(0.08, 0.16) * zoom;
  const rect = (x0: number, y0: number, x1: number, y1: number, level = top): void => {
    const pts: number[] = [];
    for (const [lx, ly] of [[x0, y0], [x1, y0], [x1, y1], [x0, y1]]) {
      pts.push(cx + ca * lx - sa * ly, cy + sa * lx + ca * ly);
    }
    fillConvex(c, pts, (_x, _y, inset) => (inset < bevel ? level + 0.25 : level));
  };
  const yA = -overlap / 2 - (fingerLen - overlap); // top comb spine edge
  const yB = overlap / 2 + (fingerLen - overlap); // bottom comb spine edge
  rect(-L, yA - spineH, L, yA);
  rect(-L, yB, L, yB + spineH);
  const nF = Math.ceil(L / pitch) + 1;
  for (let i = -nF; i <= nF; i++) {
    const xa = i * pitch;
    rect(xa - f / 2, yA, xa + f / 2, yA + fingerLen);
    const xb = xa + pitch / 2;
    rect(xb - f / 2, yB - fingerLen, xb + f / 2, yB);
  }
  // Release holes in the spines (etch access), as on suspended MEMS structures.
  if (rng.chance(0.7)) {
    const hs = spineH * 0.12, hp = spineH * 0.33;
    for (const y0 of [yA - spineH, yB]) {
      for (let hx = -L; hx < L; hx += hp) {
        for (let hy = y0 + hp / 2; hy < y0 + spineH - hs; hy += hp) rect(hx - hs, hy - hs, hx + hs, hy + hs, 0.1);
      }
    }
  }
  // Big contact pads beyond the spines.
  const padW = u * rng.range(0.2, 0.35);
  for (let k = -2; k <= 2; k++) {
    rect(k * padW * 1.4 - padW / 2, yA - spineH - padW * 1.2, k * padW * 1.4 + padW / 2, yA - spineH - padW * 0.2, top + 0.08);
    rect(k * padW * 1.4 - padW / 2, yB + spineH + padW * 0.2, k * padW * 1.4 + padW / 2, yB + spineH + padW * 1.2, top + 0.08);
  }
}

/**
 * Tips: a single cone/needle converging to a (slightly rounded) apex. The profile is concave for
 * needles and straight for cones; shading is that of a cylinder across the axis plus a bright rim.
 */
export function tips(s: Scene): void {
  const { rng, u, zoom, c } = s;
  fillBackground(s, rng.range(0.1, 0.2), 0.1, 0.5, 3);
  // The shank runs from the apex through (near) the frame centre and leaves through the far side, so
  // the needle always spans a good part of the frame.
  const dirA = rng.range(0, 2 * Math.PI);
  const dx = Math.cos(dirA), dy = Math.sin(dirA); // apex → base
  const back = u * rng.range(0.1, 0.3);
  const ax = c.w / 2 - dx * back + rng.gaussian(0, u * 0.05), ay = c.h / 2 - dy * back + rng.gaussian(0, u * 0.05);
  const baseHalf = u * rng.range(0.15, 0.35) * zoom;
  const len = Math.hypot(c.w, c.h);
  const power = rng.range(0.55, 1); // <1: needle with concave flanks
  const apexR = Math.max(1, u * rng.range(0.004, 0.015));
  const base = rng.range(0.5, 0.65);
  const lx = s.lx, ly = s.ly;
  const { w, px } = c;
  // Half-width profile tabulated per pixel of axial distance: no pow() in the pixel loop.
  const prof = new Float32Array(Math.ceil(len) + 2);
  for (let k = 0; k < prof.length; k++) prof[k] = apexR + baseHalf * Math.pow(Math.min(k / (len * 0.6), 1), power);
  for (let y = 0; y < c.h; y++) {
    for (let x = 0; x < w; x++) {
      const ex = x + 0.5 - ax, ey = y + 0.5 - ay;
      const along = ex * dx + ey * dy;
      const lat = -ex * dy + ey * dx;
      let hw: number;
      if (along < 0) {
        // Rounded apex: a small sphere.
        if (along * along + lat * lat > (apexR + 0.5) * (apexR + 0.5)) continue;
        hw = apexR;
      } else {
        const k = Math.min(prof.length - 2, along | 0);
        hw = prof[k] + (prof[k + 1] - prof[k]) * (along - k);
        if (Math.abs(lat) > hw + 0.5) continue;
      }
      const cov = along < 0 ? apexR - Math.sqrt(along * along + lat * lat) + 0.5 : hw - Math.abs(lat) + 0.5;
      if (cov <= 0) continue;
      const side = Math.max(-1, Math.min(1, lat / hw));
      // Lighting uses the side normal in image coordinates.
      const nx = -dy * side, ny = dx * side;
      const z = Math.sqrt(1 - side * side);
      const v = base * (0.55 + 0.3 * (0.5 + 0.4 * (nx * lx + ny * ly))) + 0.5 * (1 - z) * (1 - z) +
        0.15 * Math.exp(-Math.max(along, 0) / (u * 0.1));
      const i = y * w + x;
      const a = cov > 1 ? 1 : cov;
      px[i] += (v - px[i]) * a;
    }
  }
}
