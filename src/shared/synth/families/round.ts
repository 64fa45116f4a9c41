import { drawBlob, drawCapsule, drawDisc, randomHarmonics } from '../raster';
import { valueNoise } from '../noise';
import { castShadow, domeShade, fillBackground, randomPoint, type Scene } from '../scene';

/** Particles: bright shaded spheres on a dark substrate, either scattered or in agglomerates. */
export function particles(s: Scene): void {
  const { rng, u, zoom, c } = s;
  fillBackground(s, rng.range(0.2, 0.3), 0.08, 0.2);
  const mono = rng.chance(0.5);
  const rMean = u * rng.range(0.025, 0.045) * zoom;
  const area = c.w * c.h;
  // Cover roughly 15–35% of the frame with particles, whatever their size.
  const n = Math.round((rng.range(0.15, 0.35) * area) / (Math.PI * rMean * rMean));
  const clusters = rng.chance(0.4) ? rng.int(2, 5) : 0;
  const centres: [number, number][] = [];
  for (let k = 0; k < clusters; k++) centres.push(randomPoint(s));
  for (let i = 0; i < n; i++) {
    const r = mono ? rMean * rng.range(0.9, 1.1) : rMean * Math.exp(rng.gaussian(0, 0.4));
    let cx: number, cy: number;
    if (clusters > 0 && rng.chance(0.8)) {
      const [ccx, ccy] = rng.pick(centres);
      cx = ccx + rng.gaussian(0, u * 0.12 * zoom);
      cy = ccy + rng.gaussian(0, u * 0.12 * zoom);
    } else {
      [cx, cy] = randomPoint(s);
    }
    const base = rng.range(0.6, 0.8);
    castShadow(s, cx, cy, r, 0.45);
    drawDisc(c, cx, cy, r, (_nd, ux, uy) => domeShade(s, base, ux, uy, 0.5));
  }
}

/**
 * Biological: cells with a bright membrane rim, domed, with a microvilli-like fine texture, on a
 * porous filter membrane (small dark pores). One image in three shows rod bacteria instead.
 */
export function biological(s: Scene): void {
  const { rng, u, zoom, c } = s;
  fillBackground(s, rng.range(0.3, 0.4), 0.08, 0.1);
  // Filter membrane pores: small dark round holes.
  const poreR = u * 0.006 * zoom + 0.6;
  const pores = Math.round((c.w * c.h) / (u * u) * rng.range(40, 120));
  for (let i = 0; i < pores; i++) {
    const [x, y] = randomPoint(s);
    drawDisc(c, x, y, poreR * rng.range(0.7, 1.3), () => 0.08);
  }
  const tex = valueNoise(c.w, c.h, Math.max(1.5, u * 0.008), rng);
  if (rng.chance(0.33)) {
    const r = u * rng.range(0.018, 0.03) * zoom;
    const n = Math.round((c.w * c.h) / (r * r) * rng.range(0.015, 0.04));
    for (let i = 0; i < n; i++) {
      const [x, y] = randomPoint(s);
      const a = rng.range(0, Math.PI), len = r * rng.range(1.5, 4);
      const dx = Math.cos(a) * len, dy = Math.sin(a) * len;
      const base = rng.range(0.5, 0.7);
      castShadow(s, x, y, len * 0.6, 0.25);
      drawCapsule(c, x - dx, y - dy, x + dx, y + dy, r, (_nd, side) => domeShade(s, base, side, 0, 0.35));
    }
    return;
  }
  const n = rng.int(3, 9);
  const cells = [];
  for (let i = 0; i < n; i++) {
    const [cx, cy] = randomPoint(s);
    cells.push({
      cx, cy, r: u * rng.range(0.08, 0.16) * zoom,
      hs: randomHarmonics(() => rng.next(), 0.09, 4), base: rng.range(0.45, 0.6),
    });
  }
  // Filopodia first, so that cell bodies lie on top of their neighbours' processes.
  for (const { cx, cy, r, base } of cells) {
    const legs = rng.int(0, 6);
    for (let k = 0; k < legs; k++) {
      const a = rng.range(0, 2 * Math.PI), l = r * rng.range(1.2, 2.2);
      drawCapsule(c, cx, cy, cx + Math.cos(a) * l, cy + Math.sin(a) * l, Math.max(0.6, r * 0.03), () => base + 0.1);
    }
  }
  for (const { cx, cy, r, hs, base } of cells) {
    castShadow(s, cx, cy, r, 0.35);
    drawBlob(c, cx, cy, r, hs, (nd, th, x, y) => {
      const ux = nd * Math.cos(th), uy = nd * Math.sin(th);
      // Bright membrane ring just inside the outline.
      const membrane = nd > 0.84 ? 0.25 * Math.max(0, 1 - Math.abs(nd - 0.92) / 0.08) : 0;
      return domeShade(s, base, ux, uy, 0.2) + membrane + 0.2 * (tex[y * c.w + x] - 0.5);
    });
  }
}
