// TIFF LZW (compression 5): MSB-first codes of 9 to 12 bits, Clear = 256, EOI = 257, and the TIFF "early
// change": the code width grows one code before the table strictly needs it.
//
// The decoder replaces utif2's, which follows table links without bounds: a damaged strip can make a
// link cycle after a Clear code and hang the worker forever. Here every table entry points to a strictly
// smaller code, and a code that is not yet in the table ends the strip, so the loop always terminates.

const CLEAR = 256;
const EOI = 257;
const FIRST = 258;

/**
 * Decodes `len` bytes of `src` from `off` into `out` from `outOff`; stops at EOI, at the end of the input,
 * at a damaged code, or when `out` is full. Returns the number of bytes written.
 */
export function lzwDecode(src: Uint8Array, off: number, len: number, out: Uint8Array, outOff: number): number {
  const prefix = new Int16Array(4096);
  const suffix = new Uint8Array(4096);
  const head = new Uint8Array(4096); // first byte of each string
  const length = new Uint16Array(4096);
  for (let c = 0; c < 256; c++) {
    prefix[c] = -1;
    suffix[c] = c;
    head[c] = c;
    length[c] = 1;
  }
  const endBit = Math.min(src.length, off + len) * 8;
  let bit = off * 8;
  let width = 9;
  let next = FIRST;
  let prev = -1;
  let o = outOff;

  const write = (code: number): boolean => {
    const n = length[code];
    const room = out.length - o;
    // Walk the chain backwards; entries past the end of `out` are skipped but still walked (few bytes).
    for (let k = n - 1, c = code; k >= 0; k--, c = prefix[c]) if (k < room) out[o + k] = suffix[c];
    o += Math.min(n, room);
    return n <= room;
  };

  while (bit + width <= endBit) {
    const i = bit >>> 3;
    const word = (src[i] << 16) | ((src[i + 1] ?? 0) << 8) | (src[i + 2] ?? 0);
    const code = (word >>> (24 - (bit & 7) - width)) & ((1 << width) - 1);
    bit += width;
    if (code === EOI) break;
    if (code === CLEAR) {
      width = 9;
      next = FIRST;
      prev = -1;
      continue;
    }
    if (prev < 0) {
      if (code >= 256) break; // the first code after Clear must be a literal
      if (!write(code)) break;
      prev = code;
      continue;
    }
    if (code > next || (code === next && next >= 4096)) break;
    if (next < 4096) {
      // New entry: prev's string + first byte of this code's string (of prev's own, when code is new).
      prefix[next] = prev;
      suffix[next] = code === next ? head[prev] : head[code];
      head[next] = head[prev];
      length[next] = length[prev] + 1;
      next++;
      if (next + 1 === 1 << width && width < 12) width++;
    }
    if (!write(code)) break;
    prev = code;
  }
  return o - outOff;
}

/** The matching encoder (for the TIFF writer used by tests and fixture generators). */
export function lzwEncode(data: Uint8Array): Uint8Array {
  const out: number[] = [];
  let acc = 0;
  let nacc = 0;
  let width = 9;
  const emit = (code: number): void => {
    acc = (acc << width) | code;
    nacc += width;
    while (nacc >= 8) {
      out.push((acc >>> (nacc - 8)) & 255);
      nacc -= 8;
    }
    acc &= (1 << nacc) - 1;
  };
  let dict = new Map<number, number>();
  let next = FIRST;
  emit(CLEAR);
  let cur = -1;
  for (let i = 0; i < data.length; i++) {
    const b = data[i];
    if (cur < 0) {
      cur = b;
      continue;
    }
    const key = cur * 256 + b;
    const hit = dict.get(key);
    if (hit !== undefined) {
      cur = hit;
      continue;
    }
    emit(cur);
    dict.set(key, next++);
    // The decoder adds each entry one code later than we do, so "early change" on its side (width grows
    // when its table reaches 511) means growing here once ours reaches 512.
    if (next === 512 || next === 1024 || next === 2048) width++;
    if (next === 4094) {
      emit(CLEAR);
      dict = new Map();
      next = FIRST;
      width = 9;
    }
    cur = b;
  }
  if (cur >= 0) emit(cur);
  emit(EOI);
  if (nacc > 0) out.push((acc << (8 - nacc)) & 255);
  return Uint8Array.from(out);
}
