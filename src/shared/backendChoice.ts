import type { BackendName } from './protocol';

/** What the worker found out about the browser before picking a backend. */
export interface BackendCapabilities {
  webgpu: { adapter: string; software: boolean } | null;
  webgl: { renderer: string; software: boolean } | null;
  wasm: boolean;
}

export type Purpose = 'inference' | 'training';

export interface BackendChoice {
  /** Backends to try, best first; the worker moves down the list when one fails to initialise. */
  order: BackendName[];
  reason: string;
}

const SOFTWARE_RENDERER = /swiftshader|llvmpipe|softpipe|software|basic render|microsoft basic/i;

export function isSoftwareRenderer(description: string): boolean {
  return SOFTWARE_RENDERER.test(description);
}

function available(caps: BackendCapabilities, b: BackendName): boolean {
  if (b === 'webgpu') return caps.webgpu !== null;
  if (b === 'webgl') return caps.webgl !== null;
  if (b === 'wasm') return caps.wasm;
  return true;
}

/**
 * Picks the compute backend. A real GPU wins; on a software adapter wasm runs ResNet50 inference about
 * 8x faster than WebGL and 40x faster than WebGPU (measured on a 2-core machine with SwiftShader), but
 * wasm has no convolution-gradient kernels, so training on such a machine prefers WebGL.
 */
export function chooseBackend(caps: BackendCapabilities, requested: BackendName | null, purpose: Purpose): BackendChoice {
  const fallback = (['webgpu', 'webgl', 'wasm', 'cpu'] as BackendName[]).filter((b) => available(caps, b));
  if (requested) {
    const rest = fallback.filter((b) => b !== requested);
    if (available(caps, requested)) return { order: [requested, ...rest], reason: `${requested} requested` };
    return { order: rest, reason: `${requested} requested but not available in this browser` };
  }
  const gpu = caps.webgpu;
  const gl = caps.webgl;
  if (gpu && !gpu.software) {
    return { order: fallback, reason: `WebGPU adapter found (${gpu.adapter})` };
  }
  if (gl && !gl.software && !gpu) {
    return { order: ['webgl', ...fallback.filter((b) => b !== 'webgl')], reason: `no WebGPU; WebGL on ${gl.renderer}` };
  }
  const soft = gpu ? `software GPU adapter (${gpu.adapter})` : gl ? `software WebGL (${gl.renderer})` : 'no GPU';
  if (purpose === 'inference' && caps.wasm) {
    return { order: ['wasm', ...fallback.filter((b) => b !== 'wasm')], reason: `${soft}: wasm is fastest for inference here` };
  }
  // Training: wasm cannot compute convolution gradients; WebGL trains ~3x faster than WebGPU on SwiftShader.
  const order: BackendName[] = (['webgl', 'webgpu', 'cpu'] as BackendName[]).filter((b) => available(caps, b));
  return { order: [...order, ...fallback.filter((b) => !order.includes(b))], reason: `${soft}: WebGL trains fastest here` };
}

export function parseBackend(value: string | null | undefined): BackendName | null {
  const v = (value ?? '').trim().toLowerCase();
  return v === 'webgpu' || v === 'webgl' || v === 'wasm' || v === 'cpu' ? v : null;
}
