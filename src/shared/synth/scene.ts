import { createCanvas, type Canvas } from './raster';
import { fractalNoise } from './noise';
import { Rng } from './rng';

/**
 * What a family paints into: a margin-padded canvas, its rng, the length unit u = min(w, h) so shapes
 * keep their relative size at any resolution, and a random zoom (magnification) factor.
 */
export interface Scene {
  c: Canvas;
  rng: Rng;
  u: number;
  zoom: number;
  /** light direction (unit vector in the image plane) shared by all shapes: the detector side */
  lx: number;
  ly: number;
}

export function makeScene(w: number, h: number, rng: Rng, zoomLo = 0.75, zoomHi = 1.35): Scene {
  const a = rng.range(0, 2 * Math.PI);
  return {
    c: createCanvas(w, h),
    rng,
    u: Math.min(w, h),
    zoom: rng.range(zoomLo, zoomHi),
    lx: Math.cos(a),
    ly: Math.sin(a),
  };
}

/** Substrate: base level plus low-contrast fractal texture (feature size cellFrac·u). */
export function fillBackground(s: Scene, level: number, amp: number, cellFrac = 0.15, octaves = 4): void {
  const { c } = s;
  const n = fractalNoise(c.w, c.h, Math.max(2, cellFrac * s.u * s.zoom), octaves, 0.55, s.rng);
  for (let i = 0; i < c.px.length; i++) c.px[i] = level + amp * (n[i] - 0.5);
}

/**
 * SE shading of a convex body at normalised position (ux, uy) inside its outline: a weak Lambert term
 * toward the detector plus strong brightening toward the rim (tilted surfaces emit more electrons).
 */
export function domeShade(s: Scene, base: number, ux: number, uy: number, rim = 0.45): number {
  const r2 = ux * ux + uy * uy;
  const z = Math.sqrt(r2 < 1 ? 1 - r2 : 0);
  const lam = 0.5 + 0.5 * (ux * s.lx + uy * s.ly) * 0.8;
  const edge = 1 - z;
  return base * (0.55 + 0.35 * lam) + rim * edge * edge;
}

/** Soft dark halo under an object, offset away from the detector (SE shadowing). */
export function castShadow(s: Scene, cx: number, cy: number, r: number, strength: number): void {
  const { c } = s;
  const ox = cx - s.lx * r * 0.35, oy = cy - s.ly * r * 0.35;
  const R = r * 1.5;
  const xa = Math.max(0, Math.floor(ox - R)), xb = Math.min(c.w - 1, Math.ceil(ox + R));
  const ya = Math.max(0, Math.floor(oy - R)), yb = Math.min(c.h - 1, Math.ceil(oy + R));
  for (let y = ya; y <= yb; y++) {
    for (let x = xa; x <= xb; x++) {
      const ex = x + 0.5 - ox, ey = y + 0.5 - oy;
      const d = Math.sqrt(ex * ex + ey * ey) / R;
      if (d >= 1) continue;
      const f = 1 - d;
      c.px[y * c.w + x] *= 1 - strength * f * f;
    }
  }
}

/** Random position anywhere on the padded canvas. */
export function randomPoint(s: Scene): [number, number] {
  return [s.rng.range(0, s.c.w), s.rng.range(0, s.c.h)];
}
