import { Rng } from './rng';

/**
 * Value noise: random values on a coarse lattice, smoothly interpolated. Computed row by row with the
 * vertical weights hoisted, so a 1024x768 octave costs a few ms.
 * Returns values in [0, 1].
 */
export function valueNoise(w: number, h: number, cell: number, rng: Rng): Float32Array {
  const cs = Math.max(cell, 1);
  const gw = Math.ceil(w / cs) + 2;
  const gh = Math.ceil(h / cs) + 2;
  const grid = new Float32Array(gw * gh);
  for (let i = 0; i < grid.length; i++) grid[i] = rng.next();
  // Random sub-cell phase so lattice lines do not align across octaves.
  const ox = rng.next() * cs, oy = rng.next() * cs;
  const out = new Float32Array(w * h);
  const gx0 = new Int32Array(w);
  const wx = new Float32Array(w);
  for (let x = 0; x < w; x++) {
    const fx = (x + ox) / cs;
    const ix = Math.floor(fx);
    const t = fx - ix;
    gx0[x] = ix;
    wx[x] = t * t * (3 - 2 * t);
  }
  for (let y = 0; y < h; y++) {
    const fy = (y + oy) / cs;
    const iy = Math.floor(fy);
    let t = fy - iy;
    t = t * t * (3 - 2 * t);
    const r0 = iy * gw, r1 = r0 + gw;
    const row = y * w;
    for (let x = 0; x < w; x++) {
      const ix = gx0[x], s = wx[x];
      const a = grid[r0 + ix] + (grid[r0 + ix + 1] - grid[r0 + ix]) * s;
      const b = grid[r1 + ix] + (grid[r1 + ix + 1] - grid[r1 + ix]) * s;
      out[row + x] = a + (b - a) * t;
    }
  }
  return out;
}

/**
 * Fractal (fBm) value noise normalised to [0, 1]. `cell` is the largest feature size in px; each octave
 * halves it and multiplies the amplitude by `gain`. When even the finest octave spans many pixels the
 * sum is built on a coarser grid and upsampled once — same look, a fraction of the cost at 1024 px.
 */
export function fractalNoise(w: number, h: number, cell: number, octaves: number, gain: number, rng: Rng): Float32Array {
  const finest = cell / 2 ** Math.max(0, octaves - 1);
  const ds = Math.max(1, Math.floor(finest / 4));
  if (ds > 1) {
    const lw = Math.ceil(w / ds) + 2, lh = Math.ceil(h / ds) + 2;
    return upsample(fractalNoise(lw, lh, cell / ds, octaves, gain, rng), lw, w, h, ds);
  }
  const out = new Float32Array(w * h);
  let amp = 1, cs = cell;
  for (let o = 0; o < octaves && cs >= 1; o++) {
    const n = valueNoise(w, h, cs, rng);
    for (let i = 0; i < out.length; i++) out[i] += n[i] * amp;
    amp *= gain;
    cs /= 2;
  }
  // Stretch to use the full [0,1] range: averaging octaves squeezes it towards 0.5.
  let lo = Infinity, hi = -Infinity;
  for (let i = 0; i < out.length; i++) {
    const v = out[i];
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  const k = hi > lo ? 1 / (hi - lo) : 0;
  for (let i = 0; i < out.length; i++) out[i] = (out[i] - lo) * k;
  return out;
}

/** Bilinear upsample of a (lw × ·) grid by integer factor ds to w × h. */
function upsample(src: Float32Array, lw: number, w: number, h: number, ds: number): Float32Array {
  const out = new Float32Array(w * h);
  const inv = 1 / ds;
  for (let y = 0; y < h; y++) {
    const fy = y * inv, iy = Math.floor(fy), ty = fy - iy;
    const r0 = iy * lw, r1 = r0 + lw;
    const row = y * w;
    for (let x = 0; x < w; x++) {
      const fx = x * inv, ix = Math.floor(fx), tx = fx - ix;
      const a = src[r0 + ix] + (src[r0 + ix + 1] - src[r0 + ix]) * tx;
      const b = src[r1 + ix] + (src[r1 + ix + 1] - src[r1 + ix]) * tx;
      out[row + x] = a + (b - a) * ty;
    }
  }
  return out;
}

/**
 * Cellular (Worley) noise on a jittered grid: for each pixel the distance to the nearest seed (f1),
 * to the second nearest (f2) in px, and a random value per cell (id). f2 - f1 ≈ 0 on grain boundaries.
 * Pixels are visited in runs that share one grid cell, so the 9 candidate seeds are loaded once per run.
 */
export function cellularNoise(w: number, h: number, cell: number, rng: Rng): { f1: Float32Array; f2: Float32Array; id: Float32Array } {
  const cs = Math.max(cell, 2);
  const gw = Math.ceil(w / cs) + 2, gh = Math.ceil(h / cs) + 2;
  const sx = new Float32Array(gw * gh), sy = new Float32Array(gw * gh), sv = new Float32Array(gw * gh);
  for (let gy = 0; gy < gh; gy++) {
    for (let gx = 0; gx < gw; gx++) {
      const k = gy * gw + gx;
      sx[k] = (gx - 1 + 0.1 + 0.8 * rng.next()) * cs;
      sy[k] = (gy - 1 + 0.1 + 0.8 * rng.next()) * cs;
      sv[k] = rng.next();
    }
  }
  const f1 = new Float32Array(w * h), f2 = new Float32Array(w * h), id = new Float32Array(w * h);
  const cx9 = new Float64Array(9), cy9 = new Float64Array(9), cv9 = new Float64Array(9);
  for (let y = 0; y < h; y++) {
    const cy = Math.floor(y / cs) + 1;
    for (let gx = 1; gx < gw - 1; gx++) {
      const xa = Math.max(0, Math.ceil((gx - 1) * cs)), xb = Math.min(w, Math.ceil(gx * cs));
      if (xa >= xb) continue;
      let m = 0;
      for (let j = cy - 1; j <= cy + 1; j++) {
        for (let i = gx - 1; i <= gx + 1; i++) {
          const k = j * gw + i;
          cx9[m] = sx[k]; cy9[m] = sy[k] - y; cv9[m] = sv[k]; m++;
        }
      }
      for (let x = xa; x < xb; x++) {
        let d1 = Infinity, d2 = Infinity, v = 0;
        for (let k = 0; k < 9; k++) {
          const dx = cx9[k] - x, dy = cy9[k];
          const d = dx * dx + dy * dy;
          if (d < d1) { d2 = d1; d1 = d; v = cv9[k]; } else if (d < d2) d2 = d;
        }
        const o = y * w + x;
        f1[o] = Math.sqrt(d1);
        f2[o] = Math.sqrt(d2);
        id[o] = v;
      }
    }
  }
  return { f1, f2, id };
}
