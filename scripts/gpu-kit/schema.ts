// The kit's JSON output (one file per run): what the GPU kit measured with tfjs on Dawn, what PyTorch did on
// the same GPU, and what follows (ratios, the NFFA-size estimate). Pure types and checks, no tfjs.

export const KIT_SCHEMA = 'sem-gpu-kit/1';

/** forward: preprocess + inference (validation's cost); frozen: head-only step; full: whole-network step */
export type Phase = 'forward' | 'frozen' | 'full';
export const PHASES: readonly Phase[] = ['forward', 'frozen', 'full'];

export interface MemoryPeak {
  /** tfjs memory().numBytesInGPU at its highest after a step (live tensors) */
  tfjsInUseBytes: number;
  /** tfjs memory().numBytesAllocatedInGPU after the config (its buffer pool, which only grows) */
  tfjsAllocatedBytes: number;
  /** Dawn: bytes of GPUBuffers created minus destroyed, at their highest during the config */
  dawnPeakBytes: number;
  numTensors: number;
}

export interface Measure {
  size: number;
  batch: number;
  phase: Phase;
  /** batch / median step time; null when the config failed */
  imagesPerSecond: number | null;
  medianMs: number | null;
  minMs: number | null;
  /** timed steps (after the first) */
  steps: number;
  /** the first step at this shape: shader compilation and pipeline creation included */
  firstStepMs: number | null;
  /** firstStepMs − medianMs */
  compileMs: number | null;
  memory: MemoryPeak | null;
  /** Dawn uncaptured errors (validation, out of memory) seen during the config */
  gpuErrors: string[];
  error?: string;
}

export interface KernelTime {
  kernel: string;
  ms: number;
  /** of the profiled step's summed kernel time */
  share: number;
  calls: number;
}

export interface Profile {
  size: number;
  batch: number;
  phase: Phase;
  /** summed GPU kernel time (timestamp queries); 0 when the adapter has none */
  kernelMs: number;
  wallMs: number;
  kernels: KernelTime[];
  error?: string;
}

/** One tfjs flag setting measured against the defaults on the same config (before/after). */
export interface Experiment {
  flags: Record<string, string | number | boolean>;
  /** the same config with the default flags, from `measures` */
  baseline: number | null;
  measure: Measure;
  /** measure / baseline images/s (above 1: the flags help) */
  speedup: number | null;
}

export type TorchMode = 'fp32-channels-last' | 'bf16-autocast-channels-last';

export interface TorchMeasure {
  mode: TorchMode;
  size: number;
  batch: number;
  phase: Phase;
  imagesPerSecond: number | null;
  firstStepMs: number | null;
  peakBytes: number | null;
  error?: string;
}

export interface TorchPart {
  /** why PyTorch did not run (no python3, no torch, no CUDA device, turned off) */
  skipped?: string;
  torch?: string;
  device?: string;
  results: TorchMeasure[];
}

export interface Ratio {
  size: number;
  batch: number;
  phase: Phase;
  tfjs: number | null;
  torchFp32: number | null;
  torchBf16: number | null;
  /** tfjs images/s over PyTorch's (1 = as fast as PyTorch) */
  ofFp32: number | null;
  ofBf16: number | null;
}

export interface NffaEpoch {
  phase: 'frozen' | 'unfrozen';
  size: number;
  seconds: number;
  /** the measured size whose speed was scaled by pixel count, when this size was not measured */
  scaledFrom?: number;
}

export interface NffaEstimate {
  images: number;
  trainImages: number;
  validImages: number;
  batch: number;
  /** the default schedule resolved for this dataset size, e.g. 64x4,128x2,224x1 */
  schedule: string;
  freezeEpochs: number;
  epochs: NffaEpoch[];
  /** compute only: decoding and uploading stored images is not counted */
  seconds: number | null;
  note?: string;
}

export interface KitResult {
  schema: typeof KIT_SCHEMA;
  kit: { node: string; tfjs: string; webgpuPackage: string; date: string; argv: string[]; tfjsFlags: Record<string, string | number | boolean>; dawnFlags: string[] };
  adapter: { vendor: string; architecture: string; device: string; description: string; software: boolean; timestampQuery: boolean; maxBufferSize: number; maxStorageBufferBindingSize: number };
  config: { variant: string; sizes: number[]; batches: number[]; phases: Phase[]; steps: number; augment: boolean; classes: number; budgetSeconds: number };
  measures: Measure[];
  profiles: Profile[];
  experiments: Experiment[];
  nffa: NffaEstimate[];
  torch: TorchPart;
  ratios: Ratio[];
  /** configs left out because the time budget ran out */
  skipped: string[];
  wallSeconds: number;
}

const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const numOrNull = (v: unknown): boolean => v === null || isNum(v);

/** Problems with a kit result (empty: it has the schema's shape and sane numbers). */
export function checkKitResult(r: unknown): string[] {
  const p: string[] = [];
  const o = r as Partial<KitResult> | null;
  if (!o || typeof o !== 'object') return ['not an object'];
  if (o.schema !== KIT_SCHEMA) p.push(`schema is ${String(o.schema)}, expected ${KIT_SCHEMA}`);
  if (!o.kit || typeof o.kit.tfjs !== 'string') p.push('kit.tfjs missing');
  if (!o.adapter || typeof o.adapter.description !== 'string') p.push('adapter missing');
  if (!o.config || !Array.isArray(o.config.sizes)) p.push('config missing');
  if (!Array.isArray(o.measures)) return [...p, 'measures missing'];
  o.measures.forEach((m, i) => {
    const at = `measures[${i}]`;
    if (!isNum(m.size) || !isNum(m.batch) || !PHASES.includes(m.phase)) p.push(`${at}: size/batch/phase`);
    for (const k of ['imagesPerSecond', 'medianMs', 'minMs', 'firstStepMs', 'compileMs'] as const) {
      if (!numOrNull(m[k])) p.push(`${at}.${k} is ${String(m[k])}`);
    }
    if (m.imagesPerSecond === null && !m.error) p.push(`${at}: no speed and no error`);
    if (m.imagesPerSecond !== null && !(m.imagesPerSecond > 0)) p.push(`${at}.imagesPerSecond not positive`);
    if (m.memory !== null && (!isNum(m.memory.dawnPeakBytes) || !isNum(m.memory.tfjsAllocatedBytes))) p.push(`${at}.memory`);
    if (!Array.isArray(m.gpuErrors)) p.push(`${at}.gpuErrors`);
  });
  if (!Array.isArray(o.profiles)) p.push('profiles missing');
  if (!Array.isArray(o.experiments)) p.push('experiments missing');
  if (!Array.isArray(o.nffa)) p.push('nffa missing');
  else o.nffa.forEach((n, i) => { if (!numOrNull(n.seconds) || !Array.isArray(n.epochs)) p.push(`nffa[${i}]`); });
  if (!o.torch || !Array.isArray(o.torch.results)) p.push('torch missing');
  else if (o.torch.results.length === 0 && typeof o.torch.skipped !== 'string') p.push('torch: no results and no reason');
  if (!Array.isArray(o.ratios)) p.push('ratios missing');
  if (!isNum(o.wallSeconds)) p.push('wallSeconds missing');
  return p;
}
