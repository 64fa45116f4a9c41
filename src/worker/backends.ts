import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgpu';
import { chooseBackend, isSoftwareRenderer, type BackendCapabilities, type Purpose } from '../shared/backendChoice';
import type { BackendInfo, BackendName } from '../shared/protocol';
import { startWasm, type WasmStart } from './wasmStart';

interface AdapterLike {
  info?: { vendor?: string; architecture?: string; description?: string; device?: string; isFallbackAdapter?: boolean };
  isFallbackAdapter?: boolean;
}

function describeAdapter(a: AdapterLike): { adapter: string; software: boolean } {
  const i = a.info ?? {};
  const parts = [i.description, i.vendor, i.architecture, i.device].filter((s): s is string => !!s && s.length > 0);
  const adapter = parts.length ? [...new Set(parts)].join(' / ') : 'unknown WebGPU adapter';
  const software = a.isFallbackAdapter === true || i.isFallbackAdapter === true || isSoftwareRenderer(adapter);
  return { adapter, software };
}

async function probeWebGpu(): Promise<BackendCapabilities['webgpu']> {
  const gpu = (navigator as Navigator & { gpu?: GPU }).gpu;
  if (!gpu) return null;
  try {
    const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
    return adapter ? describeAdapter(adapter as unknown as AdapterLike) : null;
  } catch {
    return null;
  }
}

function probeWebGl(): BackendCapabilities['webgl'] {
  try {
    const gl = new OffscreenCanvas(1, 1).getContext('webgl2');
    if (!gl) return null;
    const ext = gl.getExtension('WEBGL_debug_renderer_info');
    const renderer = String(ext ? gl.getParameter(ext.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER));
    gl.getExtension('WEBGL_lose_context')?.loseContext();
    return { renderer, software: isSoftwareRenderer(renderer) };
  } catch {
    return null;
  }
}

export async function probeCapabilities(): Promise<BackendCapabilities> {
  return { webgpu: await probeWebGpu(), webgl: probeWebGl(), wasm: typeof WebAssembly === 'object' };
}

/** Initialises the first backend of the chosen order that works, and says which and why. */
export async function initBackend(requested: BackendName | null, purpose: Purpose): Promise<BackendInfo> {
  const caps = await probeCapabilities();
  const choice = chooseBackend(caps, requested, purpose);
  const failures: string[] = [];
  for (const backend of choice.order) {
    let ok = false;
    let wasm: WasmStart | null = null;
    try {
      if (backend === 'wasm') ok = (wasm = await startWasm()) !== null;
      else ok = await tf.setBackend(backend);
      if (ok) await tf.ready();
    } catch (e) {
      failures.push(`${backend}: ${e instanceof Error ? e.message : String(e)}`);
      ok = false;
    }
    if (!ok) {
      if (!failures.some((f) => f.startsWith(backend))) failures.push(`${backend}: failed to start`);
      continue;
    }
    const adapterOf = (b: BackendName): { adapter: string; software: boolean } =>
      b === 'webgpu' && caps.webgpu ? caps.webgpu
        : b === 'webgl' && caps.webgl ? { adapter: caps.webgl.renderer, software: caps.webgl.software }
          : { adapter: 'none', software: false };
    const { adapter, software } = adapterOf(backend);
    let reason = failures.length ? `${choice.reason}; fell back after ${failures.join('; ')}` : choice.reason;
    if (wasm) reason += `; ${wasm.note}`;
    return { backend, adapter, software, reason, threads: wasm?.threads };
  }
  throw new Error(`No compute backend could start: ${failures.join('; ')}`);
}
