import { drawCapsule, drawDisc, fillConvex } from '../raster';
import { cellularNoise, fractalNoise, valueNoise } from '../noise';
import { domeShade, fillBackground, randomPoint, type Scene } from '../scene';

const smooth = (e0: number, e1: number, x: number): number => {
  const t = x <= e0 ? 0 : x >= e1 ? 1 : (x - e0) / (e1 - e0);
  return t * t * (3 - 2 * t);
};

/**
 * Porous / sponge: pores are thresholded noise — a Worley distance field (one pore per cell, so pores
 * are evenly spread and of similar size) warped by fractal noise so they merge into irregular,
 * interconnected cavities. Pore floors darken with depth; the edge effect then lights the rims.
 */
export function porous(s: Scene): void {
  const { rng, u, zoom, c } = s;
  const cell = u * rng.range(0.06, 0.1) * zoom;
  const g = cellularNoise(c.w, c.h, cell, rng);
  const warp = fractalNoise(c.w, c.h, cell * 0.8, 3, 0.5, rng);
  const fine = valueNoise(c.w, c.h, Math.max(1.5, u * 0.01), rng);
  const rMin = rng.range(0.38, 0.5), rSpan = rng.range(0.1, 0.3), wAmp = rng.range(0.7, 1.1);
  const hi = rng.range(0.6, 0.72), lo = rng.range(0.02, 0.07);
  // Soft threshold one pixel wide (in cell units), so outlines are anti-aliased at any resolution.
  const eps = 0.7 / cell;
  for (let i = 0; i < c.px.length; i++) {
    const r = rMin + rSpan * g.id[i];
    const d = g.f1[i] / cell + wAmp * (warp[i] - 0.5);
    const solid = smooth(r - eps, r + eps, d);
    // Pore walls fall away into darkness: grey just below the rim, black at the bottom.
    const depth = Math.min(1, Math.max(0, (r - d) / (r * 0.7)));
    const pore = lo + 0.3 * (1 - depth) * (1 - depth);
    // Rounded rims of the sponge catch more signal than its flat tops.
    const top = hi + 0.15 * (1 - smooth(r, r + 0.25, d)) + 0.12 * (fine[i] - 0.5);
    c.px[i] = pore + (top - pore) * solid;
  }
}

/**
 * Films / coated surface: a smooth, low-contrast surface, usually with faint grains (Worley cells),
 * crossed by dark branching cracks; a little dust.
 */
export function films(s: Scene): void {
  const { rng, u, zoom, c } = s;
  const level = rng.range(0.4, 0.55);
  fillBackground(s, level, 0.06, 0.3, 3);
  if (rng.chance(0.7)) {
    const g = cellularNoise(c.w, c.h, u * rng.range(0.04, 0.09) * zoom, rng);
    const bw = Math.max(0.8, u * 0.004);
    const contrast = rng.range(0.04, 0.1);
    for (let i = 0; i < c.px.length; i++) {
      c.px[i] += contrast * (g.id[i] - 0.5) - 0.08 * Math.exp(-(g.f2[i] - g.f1[i]) / bw);
    }
  }
  const cracks = rng.int(1, 6);
  const w = Math.max(0.5, u * rng.range(0.002, 0.005));
  for (let k = 0; k < cracks; k++) crack(s, ...randomPoint(s), rng.range(0, 2 * Math.PI), w, 0);
  const dust = rng.int(0, 6);
  for (let k = 0; k < dust; k++) {
    const [x, y] = randomPoint(s);
    const r = u * rng.range(0.004, 0.012);
    drawDisc(c, x, y, r, (_nd, ux, uy) => domeShade(s, 0.75, ux, uy));
  }
}

/** Jagged crack: a random walk that sometimes forks; branches are thinner. */
function crack(s: Scene, x: number, y: number, a: number, w: number, level: number): void {
  const { rng, u, c } = s;
  const steps = rng.int(20, 60);
  const step = u * 0.015;
  for (let i = 0; i < steps; i++) {
    a += rng.gaussian(0, 0.35);
    const x1 = x + Math.cos(a) * step, y1 = y + Math.sin(a) * step;
    drawCapsule(c, x, y, x1, y1, w, () => 0.06);
    if (level < 2 && rng.chance(0.04)) crack(s, x1, y1, a + rng.pick([-1, 1]) * rng.range(0.6, 1.4), w * 0.7, level + 1);
    x = x1;
    y = y1;
  }
}

/**
 * Patterned surface: a lithographic lattice (pillars, holes, squares or a line grating) with slight
 * rotation and small placement/size jitter.
 */
export function patterned(s: Scene): void {
  const { rng, u, zoom, c } = s;
  fillBackground(s, rng.range(0.25, 0.38), 0.05, 0.3, 3);
  const mode = rng.pick(['pillars', 'holes', 'squares', 'lines'] as const);
  const pitch = u * rng.range(0.09, 0.16) * zoom;
  const angle = rng.chance(0.2) ? Math.PI / 4 + rng.gaussian(0, 0.03) : rng.gaussian(0, 0.06);
  const ca = Math.cos(angle), sa = Math.sin(angle);
  const fill = rng.range(0.3, 0.42);
  const jit = pitch * 0.03;
  const cx = c.w / 2, cy = c.h / 2;
  const R = Math.hypot(c.w, c.h) / 2 + pitch;
  const nMax = Math.ceil(R / pitch);
  const top = rng.range(0.55, 0.7);
  if (mode === 'holes') c.px.fill(top - 0.1);
  const hex = mode !== 'lines' && rng.chance(0.3);
  for (let j = -nMax; j <= nMax; j++) {
    if (mode === 'lines') {
      // One stripe per lattice row, spanning the whole frame.
      const off = j * pitch + rng.gaussian(0, jit);
      const hw = pitch * fill * rng.range(0.97, 1.03);
      const px0 = cx - sa * off, py0 = cy + ca * off;
      const pts = [
        px0 - ca * R - sa * hw, py0 - sa * R + ca * hw, px0 + ca * R - sa * hw, py0 + sa * R + ca * hw,
        px0 + ca * R + sa * hw, py0 + sa * R - ca * hw, px0 - ca * R + sa * hw, py0 - sa * R - ca * hw,
      ];
      fillConvex(c, pts, (_x, _y, inset) => (inset < pitch * 0.05 ? top + 0.15 : top));
      continue;
    }
    for (let i = -nMax; i <= nMax; i++) {
      const lx = (i + (hex && j % 2 !== 0 ? 0.5 : 0)) * pitch + rng.gaussian(0, jit);
      const ly = j * pitch * (hex ? 0.866 : 1) + rng.gaussian(0, jit);
      const x = cx + ca * lx - sa * ly, y = cy + sa * lx + ca * ly;
      if (x < -pitch || y < -pitch || x > c.w + pitch || y > c.h + pitch) continue;
      const r = pitch * fill * rng.range(0.95, 1.05);
      if (mode === 'pillars') drawDisc(c, x, y, r, (nd) => top + (nd > 0.8 ? 0.2 : 0));
      else if (mode === 'holes') drawDisc(c, x, y, r, (nd) => 0.08 + 0.1 * nd * nd);
      else {
        const pts: number[] = [];
        for (const [qx, qy] of [[-1, -1], [1, -1], [1, 1], [-1, 1]]) {
          pts.push(x + (ca * qx - sa * qy) * r * 0.85, y + (sa * qx + ca * qy) * r * 0.85);
        }
        fillConvex(c, pts, (_x, _y, inset) => (inset < r * 0.12 ? top + 0.15 : top));
      }
    }
  }
}
