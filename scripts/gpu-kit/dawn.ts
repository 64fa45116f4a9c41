// WebGPU for Node from the `webgpu` package's dawn.node (Dawn, the implementation inside Chrome), installed
// as `navigator.gpu` before tfjs' WebGPU backend is imported: that module registers the backend at load time
// only when `navigator.gpu` exists. Import this module first. It also counts the bytes of every GPUBuffer
// Dawn creates and destroys, which is the GPU memory tfjs really holds (its pool included).

import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

interface DawnModule {
  create(flags: string[]): unknown;
  globals: Record<string, unknown> & {
    GPUDevice: { prototype: { createBuffer(d: { size: number }): object } };
    GPUBuffer: { prototype: { destroy(): void } };
  };
}

/** `DAWN_NODE` or dawn.node beside the bundle (the kit's layout). */
export function dawnNodePath(): string {
  return process.env.DAWN_NODE ?? join(dirname(fileURLToPath(import.meta.url)), 'dawn.node');
}

/** Dawn toggles, as Chrome's `--enable-dawn-features`; `GPU_KIT_DAWN` (comma-separated flags) replaces them. */
export function dawnFlags(): string[] {
  const env = process.env.GPU_KIT_DAWN;
  if (env !== undefined) return env.split(/\s+/).filter((s) => s !== '');
  // Timestamps unquantized, so the per-kernel profile resolves short kernels; changes no kernel.
  return ['disable-dawn-features=timestamp_quantization'];
}

export interface BufferTotals {
  /** bytes of buffers created and not yet destroyed */
  live: number;
  /** highest `live` since the last resetPeak */
  peak: number;
  created: number;
}

const totals: BufferTotals = { live: 0, peak: 0, created: 0 };
const sizes = new WeakMap<object, number>();

export function bufferTotals(): BufferTotals {
  return { ...totals };
}

export function resetBufferPeak(): void {
  totals.peak = totals.live;
}

function countBuffers(globals: DawnModule['globals']): void {
  const device = globals.GPUDevice.prototype;
  const createBuffer = device.createBuffer;
  device.createBuffer = function (this: unknown, d: { size: number }) {
    const buffer = createBuffer.call(this, d);
    sizes.set(buffer, d.size);
    totals.live += d.size;
    totals.created += 1;
    totals.peak = Math.max(totals.peak, totals.live);
    return buffer;
  };
  const buffer = globals.GPUBuffer.prototype;
  const destroy = buffer.destroy;
  buffer.destroy = function (this: object) {
    const size = sizes.get(this);
    if (size !== undefined) {
      totals.live -= size;
      sizes.delete(this);
    }
    return destroy.call(this);
  };
}

function install(): void {
  const require = createRequire(import.meta.url);
  const path = dawnNodePath();
  let dawn: DawnModule;
  try {
    dawn = require(path) as DawnModule;
  } catch (e) {
    throw new Error(`Cannot load dawn.node from ${path} (${e instanceof Error ? e.message : String(e)}). ` +
      'Build the kit with `npm run gpu:kit`, or set DAWN_NODE.');
  }
  Object.assign(globalThis, dawn.globals);
  countBuffers(dawn.globals);
  const gpu = dawn.create(dawnFlags());
  // Node 21+ has a read-only `navigator` getter: replace the property rather than assign to it.
  Object.defineProperty(globalThis, 'navigator', { value: { gpu }, configurable: true, writable: true });
}

install();
