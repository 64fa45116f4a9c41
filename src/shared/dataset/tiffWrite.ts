// A small baseline TIFF writer, for tests and fixture generators (unit tests, e2e data), not for the app.
// It covers what SEM instruments write: 8/16-bit gray or RGB, either byte order, one or more pages, strips
// or tiles, no compression, PackBits, LZW (optionally with the horizontal predictor) or Deflate, and the
// private text tags FEI/Thermo and Zeiss keep their settings in. Pure: the Deflate compressor is passed in
// (Node's zlib.deflateSync in tests) so this file runs anywhere.

import { lzwEncode } from './lzw';

export type TiffCompression = 'none' | 'packbits' | 'lzw' | 'deflate';

export interface TiffPage {
  width: number;
  height: number;
  channels: 1 | 3;
  bitsPerSample: 8 | 16;
  /** Interleaved samples, row-major: Uint8Array for 8-bit, Uint16Array for 16-bit. */
  data: Uint8Array | Uint16Array;
}

export interface TiffWriteOptions {
  littleEndian?: boolean;
  compression?: TiffCompression;
  /** zlib-format compressor, required for 'deflate'. */
  deflate?: (bytes: Uint8Array) => Uint8Array;
  /** TIFF predictor 2 (horizontal differencing), LZW and Deflate only. */
  predictor?: boolean;
  rowsPerStrip?: number;
  /** Write tiles of this size (a multiple of 16) instead of strips. */
  tileSize?: number;
  /** Photometric 0: 0 is white. Gray only. */
  whiteIsZero?: boolean;
  /**
   * Private text tags on every page, as instruments write them (FEI/Thermo 34682, Zeiss 34118): Latin-1
   * text, NUL-terminated, as ASCII (type 2, the default) or BYTE (type 1).
   */
  textTags?: readonly TiffTextTag[];
}

export interface TiffTextTag {
  tag: number;
  text: string;
  type?: 'ascii' | 'byte';
}

const COMPRESSION_CODE: Record<TiffCompression, number> = { none: 1, lzw: 5, deflate: 8, packbits: 32773 };

export function encodeTiff(pages: TiffPage | readonly TiffPage[], opts: TiffWriteOptions = {}): Uint8Array {
  const list = Array.isArray(pages) ? (pages as readonly TiffPage[]) : [pages as TiffPage];
  const le = opts.littleEndian ?? true;
  const chunks: Uint8Array[] = [];
  let size = 8;
  const place = (bytes: Uint8Array): number => {
    const at = size + (size & 1); // word-align every block
    if (at > size) chunks.push(new Uint8Array(1));
    chunks.push(bytes);
    size = at + bytes.length;
    return at;
  };

  const ifdOffsets: number[] = [];
  const patches: { at: number; value: number }[] = [];
  for (const page of list) {
    const blocks = pageBlocks(page, opts, le).map((b) => ({ at: place(b), len: b.length }));
    const tags = pageTags(page, opts, blocks.map((b) => b.at), blocks.map((b) => b.len));
    const { ifd, nextOffsetPos } = buildIfd(tags, le, (bytes) => place(bytes));
    const at = place(ifd);
    ifdOffsets.push(at);
    patches.push({ at: at + nextOffsetPos, value: 0 });
  }
  for (let i = 0; i + 1 < ifdOffsets.length; i++) patches[i].value = ifdOffsets[i + 1];

  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  out.set(le ? [0x49, 0x49] : [0x4d, 0x4d], 0);
  view.setUint16(2, 42, le);
  view.setUint32(4, ifdOffsets[0], le);
  let pos = 8;
  for (const c of chunks) {
    out.set(c, pos);
    pos += c.length;
  }
  for (const p of patches) view.setUint32(p.at, p.value, le);
  return out;
}

type Tag = { tag: number; type: 1 | 2 | 3 | 4; values: number[] };

function pageTags(page: TiffPage, opts: TiffWriteOptions, offsets: number[], counts: number[]): Tag[] {
  const { width, height, channels, bitsPerSample } = page;
  const tags: Tag[] = [
    { tag: 256, type: 4, values: [width] },
    { tag: 257, type: 4, values: [height] },
    { tag: 258, type: 3, values: new Array<number>(channels).fill(bitsPerSample) },
    { tag: 259, type: 3, values: [COMPRESSION_CODE[opts.compression ?? 'none']] },
    { tag: 262, type: 3, values: [channels === 3 ? 2 : opts.whiteIsZero ? 0 : 1] },
    { tag: 277, type: 3, values: [channels] },
    { tag: 284, type: 3, values: [1] },
  ];
  if (opts.predictor) tags.push({ tag: 317, type: 3, values: [2] });
  for (const t of opts.textTags ?? []) {
    const bytes = Array.from(t.text, (ch) => {
      const c = ch.charCodeAt(0);
      if (c > 255) throw new Error(`encodeTiff: text tag ${t.tag} holds a character outside Latin-1`);
      return c;
    });
    tags.push({ tag: t.tag, type: t.type === 'byte' ? 1 : 2, values: [...bytes, 0] });
  }
  if (opts.tileSize) {
    tags.push({ tag: 322, type: 4, values: [opts.tileSize] }, { tag: 323, type: 4, values: [opts.tileSize] });
    tags.push({ tag: 324, type: 4, values: offsets }, { tag: 325, type: 4, values: counts });
  } else {
    tags.push({ tag: 273, type: 4, values: offsets }, { tag: 278, type: 4, values: [rowsPerStrip(page, opts)] });
    tags.push({ tag: 279, type: 4, values: counts });
  }
  return tags.sort((a, b) => a.tag - b.tag);
}

function buildIfd(tags: Tag[], le: boolean, place: (b: Uint8Array) => number): { ifd: Uint8Array; nextOffsetPos: number } {
  const ifd = new Uint8Array(2 + tags.length * 12 + 4);
  const v = new DataView(ifd.buffer);
  v.setUint16(0, tags.length, le);
  tags.forEach((t, i) => {
    const at = 2 + i * 12;
    const width = t.type <= 2 ? 1 : t.type === 3 ? 2 : 4;
    v.setUint16(at, t.tag, le);
    v.setUint16(at + 2, t.type, le);
    v.setUint32(at + 4, t.values.length, le);
    const write = (dv: DataView, pos: number, x: number): void =>
      width === 1 ? dv.setUint8(pos, x) : width === 2 ? dv.setUint16(pos, x, le) : dv.setUint32(pos, x, le);
    if (t.values.length * width <= 4) {
      t.values.forEach((x, k) => write(v, at + 8 + k * width, x));
    } else {
      const ext = new Uint8Array(t.values.length * width);
      const ev = new DataView(ext.buffer);
      t.values.forEach((x, k) => write(ev, k * width, x));
      v.setUint32(at + 8, place(ext), le);
    }
  });
  return { ifd, nextOffsetPos: 2 + tags.length * 12 };
}

function rowsPerStrip(page: TiffPage, opts: TiffWriteOptions): number {
  return Math.max(1, Math.min(page.height, opts.rowsPerStrip ?? page.height));
}

/** Raw bytes of each strip or tile, in file byte order, compressed. */
function pageBlocks(page: TiffPage, opts: TiffWriteOptions, le: boolean): Uint8Array[] {
  const { width, height, channels } = page;
  const bytesPerSample = page.bitsPerSample / 8;
  const rowBytes = width * channels * bytesPerSample;
  const raw = sampleBytes(page, le);
  const regions: { x: number; y: number; w: number; h: number }[] = [];
  if (opts.tileSize) {
    const t = opts.tileSize;
    for (let y = 0; y < height; y += t) for (let x = 0; x < width; x += t) regions.push({ x, y, w: t, h: t });
  } else {
    const rps = rowsPerStrip(page, opts);
    for (let y = 0; y < height; y += rps) regions.push({ x: 0, y, w: width, h: Math.min(rps, height - y) });
  }
  return regions.map((r) => {
    // Tiles are always full-size; the part outside the image is zero padding.
    const bpr = r.w * channels * bytesPerSample;
    const block = new Uint8Array(bpr * r.h);
    for (let row = 0; row < r.h && r.y + row < height; row++) {
      const from = (r.y + row) * rowBytes + r.x * channels * bytesPerSample;
      const n = Math.min(bpr, rowBytes - r.x * channels * bytesPerSample);
      block.set(raw.subarray(from, from + n), row * bpr);
    }
    if (opts.predictor) applyPredictor(block, bpr, channels, bytesPerSample, le);
    return compress(block, bpr, opts);
  });
}

function sampleBytes(page: TiffPage, le: boolean): Uint8Array {
  if (page.bitsPerSample === 8) return Uint8Array.from(page.data);
  const out = new Uint8Array(page.data.length * 2);
  const v = new DataView(out.buffer);
  page.data.forEach((x, i) => v.setUint16(i * 2, x, le));
  return out;
}

/** Horizontal differencing on sample values (not bytes), in place, right to left. */
function applyPredictor(block: Uint8Array, bpr: number, channels: number, bps: number, le: boolean): void {
  const v = new DataView(block.buffer, block.byteOffset, block.byteLength);
  const stride = channels * bps;
  for (let row = 0; row * bpr < block.length; row++) {
    const base = row * bpr;
    for (let i = bpr - bps; i >= stride; i -= bps) {
      if (bps === 1) block[base + i] = (block[base + i] - block[base + i - stride]) & 255;
      else v.setUint16(base + i, (v.getUint16(base + i, le) - v.getUint16(base + i - stride, le)) & 0xffff, le);
    }
  }
}

function compress(block: Uint8Array, bpr: number, opts: TiffWriteOptions): Uint8Array {
  switch (opts.compression ?? 'none') {
    case 'none':
      return block;
    case 'packbits':
      return packBits(block, bpr);
    case 'lzw':
      return lzwEncode(block);
    case 'deflate':
      if (!opts.deflate) throw new Error('encodeTiff: deflate compression needs opts.deflate');
      return opts.deflate(block);
  }
}

/** PackBits, row by row (TIFF asks that runs not cross rows). */
export function packBits(data: Uint8Array, rowBytes: number): Uint8Array {
  const out: number[] = [];
  for (let start = 0; start < data.length; start += rowBytes) {
    const end = Math.min(data.length, start + rowBytes);
    let i = start;
    while (i < end) {
      let run = 1;
      while (i + run < end && run < 128 && data[i + run] === data[i]) run++;
      if (run >= 2) {
        out.push(257 - run, data[i]); // -(run-1) as a signed byte
        i += run;
        continue;
      }
      let lit = 1;
      while (i + lit < end && lit < 128 && !(i + lit + 1 < end && data[i + lit] === data[i + lit + 1])) lit++;
      out.push(lit - 1);
      for (let k = 0; k < lit; k++) out.push(data[i + k]);
      i += lit;
    }
  }
  return Uint8Array.from(out);
}
