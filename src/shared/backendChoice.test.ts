import { describe, expect, it } from 'vitest';
import { chooseBackend, isSoftwareRenderer, parseBackend, type BackendCapabilities } from './backendChoice';

const swiftGpu: BackendCapabilities = {
  webgpu: { adapter: 'swiftshader (Google)', software: true },
  webgl: { renderer: 'ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero)), SwiftShader driver)', software: true },
  wasm: true,
};
const realGpu: BackendCapabilities = {
  webgpu: { adapter: 'nvidia hopper', software: false },
  webgl: { renderer: 'ANGLE (NVIDIA, Vulkan 1.3 (NVIDIA H200))', software: false },
  wasm: true,
};

describe('chooseBackend', () => {
  it('takes a hardware WebGPU adapter first', () => {
    const c = chooseBackend(realGpu, null, 'inference');
    expect(c.order).toEqual(['webgpu', 'webgl', 'wasm', 'cpu']);
    expect(c.reason).toMatch(/WebGPU adapter found/);
  });
  it('prefers wasm for inference on a software adapter', () => {
    const c = chooseBackend(swiftGpu, null, 'inference');
    expect(c.order[0]).toBe('wasm');
    expect(c.reason).toMatch(/software GPU adapter.*wasm/);
  });
  it('never trains on wasm first: WebGL before WebGPU on a software adapter', () => {
    const c = chooseBackend(swiftGpu, null, 'training');
    expect(c.order.slice(0, 2)).toEqual(['webgl', 'webgpu']);
    expect(c.order).toContain('wasm');
  });
  it('uses hardware WebGL when there is no WebGPU', () => {
    const c = chooseBackend({ webgpu: null, webgl: { renderer: 'Intel Iris', software: false }, wasm: true }, null, 'inference');
    expect(c.order[0]).toBe('webgl');
  });
  it('falls back to cpu when nothing else exists', () => {
    const c = chooseBackend({ webgpu: null, webgl: null, wasm: false }, null, 'inference');
    expect(c.order).toEqual(['cpu']);
  });
  it('honours an explicit request and keeps the rest as fallbacks', () => {
    const c = chooseBackend(swiftGpu, 'webgpu', 'inference');
    expect(c.order).toEqual(['webgpu', 'webgl', 'wasm', 'cpu']);
    expect(c.reason).toBe('webgpu requested');
  });
  it('says so when the requested backend is missing', () => {
    const c = chooseBackend({ webgpu: null, webgl: null, wasm: true }, 'webgpu', 'inference');
    expect(c.order).toEqual(['wasm', 'cpu']);
    expect(c.reason).toMatch(/not available/);
  });
});

describe('isSoftwareRenderer / parseBackend', () => {
  it('recognises software rasterisers', () => {
    expect(isSoftwareRenderer('ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero)))')).toBe(true);
    expect(isSoftwareRenderer('llvmpipe (LLVM 15.0.6, 256 bits)')).toBe(true);
    expect(isSoftwareRenderer('ANGLE (NVIDIA Corporation, NVIDIA H200/PCIe/SSE2)')).toBe(false);
  });
  it('parses the ?backend= values only', () => {
    expect(parseBackend('WebGPU')).toBe('webgpu');
    expect(parseBackend('wasm')).toBe('wasm');
    expect(parseBackend('cuda')).toBeNull();
    expect(parseBackend(null)).toBeNull();
  });
});
