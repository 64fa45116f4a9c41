// IEEE 754 half precision for model weights: a bundle half the size, decoded by tfjs' loader
// (a weight spec with `quantization: { dtype: 'float16' }`, as tensorflowjs_converter --quantize_float16 writes).

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/** The float16 bits nearest to `v` (round half to even; overflow to ±Infinity, NaN kept). */
export function toHalfBits(v: number): number {
  f32[0] = v;
  const x = u32[0];
  const sign = (x >>> 16) & 0x8000;
  const exp = (x >>> 23) & 0xff;
  let mant = x & 0x7fffff;
  if (exp === 0xff) return sign | 0x7c00 | (mant ? 0x200 : 0);
  let e = exp - 127 + 15;
  if (e >= 0x1f) return sign | 0x7c00;
  if (e <= 0) {
    if (e < -10) return sign;
    mant |= 0x800000;
    const shift = 14 - e;
    const half = 1 << (shift - 1);
    let m = mant >>> shift;
    const rest = mant & ((1 << shift) - 1);
    if (rest > half || (rest === half && (m & 1))) m++;
    return sign | m;
  }
  let m = mant >>> 13;
  const rest = mant & 0x1fff;
  if (rest > 0x1000 || (rest === 0x1000 && (m & 1))) {
    m++;
    if (m === 0x400) {
      m = 0;
      e++;
      if (e >= 0x1f) return sign | 0x7c00;
    }
  }
  return sign | (e << 10) | m;
}

/** The number a float16 bit pattern stands for. */
export function fromHalfBits(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const e = (h >>> 10) & 0x1f;
  const m = h & 0x3ff;
  if (e === 0) return sign * m * 2 ** -24;
  if (e === 0x1f) return m ? NaN : sign * Infinity;
  return sign * (1 + m / 1024) * 2 ** (e - 15);
}

/** float32 values as float16 bytes (little-endian, as tfjs reads them). */
export function encodeHalf(values: Float32Array): Uint8Array {
  const out = new Uint16Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = toHalfBits(values[i]);
  return new Uint8Array(out.buffer);
}

/** Each value rounded to the nearest float16: what a model loaded from a float16 bundle computes with. */
export function roundToHalf(values: Float32Array): Float32Array {
  const out = new Float32Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = fromHalfBits(toHalfBits(values[i]));
  return out;
}

interface WeightSpec { name: string; shape: number[]; dtype: string; quantization?: { dtype: string } }

/**
 * A layers-model's weights (one float32 buffer with its specs) as float16: every float32 weight halves,
 * others are copied; the specs say so, so `tf.loadLayersModel` restores float32 tensors.
 */
export function weightsToHalf(specs: readonly WeightSpec[], data: Uint8Array): { specs: WeightSpec[]; data: Uint8Array } {
  const parts: Uint8Array[] = [];
  const out: WeightSpec[] = [];
  let at = 0;
  for (const spec of specs) {
    const n = spec.shape.reduce((a, b) => a * b, 1);
    const bytes = n * (spec.dtype === 'float32' || spec.dtype === 'int32' ? 4 : spec.dtype === 'bool' ? 1 : 4);
    const slice = data.subarray(at, at + bytes);
    at += bytes;
    if (spec.dtype === 'float32' && !spec.quantization) {
      const aligned = new Float32Array(slice.slice().buffer);
      parts.push(encodeHalf(aligned));
      out.push({ ...spec, quantization: { dtype: 'float16' } });
    } else {
      parts.push(slice.slice());
      out.push({ ...spec });
    }
  }
  if (at !== data.byteLength) throw new Error(`internal: the weight specs describe ${at} bytes, the buffer has ${data.byteLength}`);
  const total = parts.reduce((s, p) => s + p.byteLength, 0);
  const joined = new Uint8Array(total);
  let o = 0;
  for (const p of parts) {
    joined.set(p, o);
    o += p.byteLength;
  }
  return { specs: out, data: joined };
}
