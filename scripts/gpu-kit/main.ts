// The GPU kit's one script (bundled into .gpu-kit/kit.mjs by build.mjs): ResNet50 speed and memory with
// tfjs on WebGPU through Dawn, the app's own training code, beside PyTorch on the same GPU.
// Usage: node kit.mjs [--variant resnet50] [--sizes 64,128,224] [--batches 16,32,64] [--phases forward,frozen,full]
//   [--steps 5] [--budget-s 270] [--config-max-s 15] [--torch-budget-s 100] [--no-torch] [--no-profile]
//   [--no-augment] [--flag WEBGPU_NAME=value ...] [--experiment NAME=v[,NAME=v] ... | --no-experiments]
//   [--out results.json]
import { bufferTotals, dawnFlags } from './dawn';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgpu';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { isResNetVariant } from '../../src/worker/model/layerNames';
import { buildModel, measure, profileStep, watchGpuErrors } from './measure';
import { formatReport, nffaEstimate, ratios } from './report';
import { KIT_SCHEMA, PHASES, type Experiment, type KitResult, type Measure, type Phase, type Profile, type TorchPart } from './schema';
import { runTorch } from './torch';

declare const __WEBGPU_PACKAGE__: string;

/**
 * tfjs WebGPU flags tried against the defaults on the full step at the largest size: the conv backprop
 * path (transposed conv as a matrix product instead of the naive shader), im2col as its own shader, more
 * dispatches per command buffer, and no CPU shortcut for small tensors (fewer CPU-GPU round trips).
 */
const NO_TORCH_YET: TorchPart = { skipped: 'not run yet (the tfjs part was still running)', results: [] };

const DEFAULT_EXPERIMENTS = [
  'WEBGPU_USE_NAIVE_CONV2D_TRANSPOSE=false',
  'WEBGPU_CONV_SEPARATE_IM2COL_SHADER=true',
  'WEBGPU_DEFERRED_SUBMIT_BATCH_SIZE=64',
  'WEBGPU_CPU_FORWARD=false',
];

const here = dirname(fileURLToPath(import.meta.url));

const { values } = parseArgs({
  options: {
    variant: { type: 'string', default: 'resnet50' },
    sizes: { type: 'string', default: '64,128,224' },
    batches: { type: 'string', default: '16,32,64' },
    phases: { type: 'string', default: PHASES.join(',') },
    steps: { type: 'string', default: '5' },
    classes: { type: 'string', default: '10' },
    'budget-s': { type: 'string', default: '270' },
    'config-max-s': { type: 'string', default: '15' },
    'torch-budget-s': { type: 'string', default: '100' },
    experiment: { type: 'string', multiple: true },
    'no-experiments': { type: 'boolean', default: false },
    'no-torch': { type: 'boolean', default: false },
    'no-profile': { type: 'boolean', default: false },
    'no-augment': { type: 'boolean', default: false },
    python: { type: 'string', default: process.env.PYTHON ?? 'python3' },
    flag: { type: 'string', multiple: true, default: [] },
    out: { type: 'string', default: 'gpu-kit-results.json' },
  },
});

function ints(s: string, what: string): number[] {
  const v = s.split(',').map((x) => Number(x.trim()));
  if (v.length === 0 || v.some((n) => !Number.isInteger(n) || n < 1)) throw new Error(`--${what}: expected positive integers, got "${s}"`);
  return v;
}

function parseFlag(f: string): [string, string | number | boolean] {
  const m = /^([A-Z0-9_]+)=(.*)$/.exec(f);
  if (!m) throw new Error(`--flag ${f}: expected NAME=value, e.g. WEBGPU_DEFERRED_SUBMIT_BATCH_SIZE=30`);
  const v = m[2];
  return [m[1], v === 'true' ? true : v === 'false' ? false : /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : v];
}

async function adapterInfo(): Promise<KitResult['adapter']> {
  const gpu = (globalThis.navigator as unknown as { gpu: GPU }).gpu;
  const a = await gpu.requestAdapter({ powerPreference: 'high-performance' });
  if (!a) throw new Error('No WebGPU adapter: Dawn found no Vulkan driver (check VK_ICD_FILENAMES / VK_DRIVER_FILES and libvulkan.so.1).');
  const i = a.info;
  const text = `${i.vendor} ${i.architecture} ${i.device} ${i.description}`;
  return {
    vendor: i.vendor, architecture: i.architecture, device: i.device, description: i.description,
    software: /swiftshader|llvmpipe|lavapipe/i.test(text), timestampQuery: a.features.has('timestamp-query'),
    maxBufferSize: a.limits.maxBufferSize, maxStorageBufferBindingSize: a.limits.maxStorageBufferBindingSize,
  };
}

async function main(): Promise<void> {
  const started = performance.now();
  if (!isResNetVariant(values.variant)) throw new Error(`--variant: resnet50 or resnet50-tiny, got ${values.variant}`);
  const variant = values.variant;
  const sizes = ints(values.sizes, 'sizes');
  const batches = ints(values.batches, 'batches');
  const phases = values.phases.split(',').map((p) => p.trim()) as Phase[];
  if (phases.some((p) => !PHASES.includes(p))) throw new Error(`--phases: any of ${PHASES.join(',')}`);
  const steps = ints(values.steps, 'steps')[0];
  const classes = ints(values.classes, 'classes')[0];
  const budgetSeconds = Number(values['budget-s']);
  const flags = Object.fromEntries(values.flag.map(parseFlag));
  const experimentFlags = values['no-experiments'] ? [] : (values.experiment ?? DEFAULT_EXPERIMENTS).map((e) => Object.fromEntries(e.split(',').map(parseFlag)));

  const adapter = await adapterInfo();
  const registered = (tf.env() as unknown as { flagRegistry: Record<string, unknown> }).flagRegistry;
  for (const k of [...Object.keys(flags), ...experimentFlags.flatMap((e) => Object.keys(e))]) {
    if (!(k in registered)) throw new Error(`${k} is not a tfjs flag (WEBGPU_* flags: ${Object.keys(registered).filter((f) => f.startsWith('WEBGPU')).join(', ')})`);
  }
  for (const [k, v] of Object.entries(flags)) tf.env().set(k, v);
  if (!(await tf.setBackend('webgpu'))) throw new Error('tfjs could not start its WebGPU backend');
  await tf.ready();
  watchGpuErrors();
  console.log(`adapter: ${adapter.description || adapter.device} (${adapter.vendor}/${adapter.architecture}), timestamp-query ${adapter.timestampQuery}`);

  const model = buildModel(variant, classes);
  const o = { steps, augment: !values['no-augment'], classes, maxSeconds: Number(values['config-max-s']) };
  const measures: Measure[] = [];
  const profiles: Profile[] = [];
  const experiments: Experiment[] = [];
  const skipped: string[] = [];
  const tfjsFlags = Object.fromEntries(Object.entries(tf.env().getFlags()).filter(([k]) => k.startsWith('WEBGPU'))) as KitResult['kit']['tfjsFlags'];
  const nffaBatches = [...new Set([16, ...batches])].filter((b) => batches.includes(b));
  /** Writes what was measured so far (after every config: a crash of the GPU process keeps the rest). */
  const save = (torch: TorchPart): KitResult => {
    const result: KitResult = {
      schema: KIT_SCHEMA,
      kit: { node: process.version, tfjs: tf.version.tfjs, webgpuPackage: __WEBGPU_PACKAGE__, date: new Date().toISOString(), argv: process.argv.slice(2), tfjsFlags, dawnFlags: dawnFlags() },
      adapter,
      config: { variant, sizes, batches, phases, steps, augment: o.augment, classes, budgetSeconds },
      measures, profiles, experiments, nffa: nffaBatches.map((b) => nffaEstimate(measures, b)), torch, ratios: ratios(measures, torch.results), skipped,
      wallSeconds: (performance.now() - started) / 1000,
    };
    writeFileSync(values.out, `${JSON.stringify(result, null, 1)}\n`);
    return result;
  };
  const overBudget = () => (performance.now() - started) / 1000 > budgetSeconds;
  const run = async (size: number, batch: number, phase: Phase, label = ''): Promise<Measure | null> => {
    const name = `${size}px/b${batch}/${phase}${label}`;
    if (overBudget()) {
      skipped.push(name);
      return null;
    }
    const m = await measure(model, phase, size, batch, o);
    console.log(`${name}: ${m.error ? `error ${m.error}` : `${m.imagesPerSecond!.toFixed(1)} img/s, first step ${m.firstStepMs!.toFixed(0)} ms`}, ` +
      `Dawn peak ${(m.memory!.dawnPeakBytes / 2 ** 20).toFixed(0)} MiB`);
    return m;
  };
  // Batch-major: the app's default batch (the first) at every size first, with a kernel profile per size
  // and the flag experiments, so a short budget still covers the NFFA estimate; larger batches after.
  for (const [bi, batch] of batches.entries()) {
    for (const size of sizes) {
      for (const phase of phases) {
        const m = await run(size, batch, phase);
        if (m) measures.push(m);
        save(NO_TORCH_YET);
      }
      if (bi === 0 && !values['no-profile'] && phases.includes('full') && !overBudget()) {
        profiles.push(await profileStep(model, 'full', size, batch, o));
        save(NO_TORCH_YET);
      }
    }
    if (bi === 0 && phases.includes('full')) {
      const size = sizes[sizes.length - 1];
      const baseline = measures.find((x) => x.size === size && x.batch === batch && x.phase === 'full')?.imagesPerSecond ?? null;
      for (const setting of experimentFlags) {
        const before = Object.fromEntries(Object.keys(setting).map((k) => [k, tf.env().get(k)]));
        for (const [k, v] of Object.entries(setting)) tf.env().set(k, v);
        const label = ` ${Object.entries(setting).map(([k, v]) => `${k}=${String(v)}`).join(' ')}`;
        try {
          const m = await run(size, batch, 'full', label);
          if (m) experiments.push({ flags: setting, baseline, measure: m, speedup: m.imagesPerSecond !== null && baseline ? m.imagesPerSecond / baseline : null });
          save(NO_TORCH_YET);
        } finally {
          for (const [k, v] of Object.entries(before)) tf.env().set(k, v);
        }
      }
    }
  }
  // (the tfjs part is on disk before PyTorch starts, should anything after it fail)
  const torch = values['no-torch']
    ? { skipped: '--no-torch', results: [] }
    : runTorch({ script: join(here, 'torch_bench.py'), python: values.python, variant, sizes, batches, phases, steps, classes, budgetSeconds: Number(values['torch-budget-s']) });
  const result = save(torch);
  console.log(`\n${formatReport(result)}\n\nDawn buffers at the end: ${(bufferTotals().live / 2 ** 20).toFixed(0)} MiB live; JSON: ${values.out}`);
}

main().then(
  // dawn.node keeps the event loop alive while a GPU object exists
  () => process.exit(0),
  (e: unknown) => {
    console.error(`gpu kit failed: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
    process.exit(1);
  },
);
