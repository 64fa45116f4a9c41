// What the numbers mean: the NFFA-size fine_tune estimate from the measured speeds, tfjs-to-PyTorch ratios,
// and the printed tables. Pure (no tfjs), unit-tested.

import { planEpochs, RECIPE_DEFAULTS } from '../../src/shared/train/recipe';
import { formatSchedule } from '../../src/shared/train/schedule';
import type { KitResult, Measure, NffaEpoch, NffaEstimate, Phase, Ratio, TorchMeasure } from './schema';

/** Modarres et al. 2017's SEM dataset: about 18,600 images in 10 classes. */
export const NFFA_IMAGES = 18_600;
/** trainJob re-estimates BN statistics (PreciseBN) from ~256 training images after each unfrozen epoch. */
export const PRECISE_BN_IMAGES = 256;

function speed(measures: readonly Measure[], phase: Phase, size: number, batch: number): { ips: number; from: number } | null {
  const same = measures.filter((m) => m.phase === phase && m.batch === batch && m.imagesPerSecond !== null);
  if (same.length === 0) return null;
  const exact = same.find((m) => m.size === size);
  if (exact) return { ips: exact.imagesPerSecond!, from: size };
  // A conv net's cost grows with the pixel count: scale the nearest measured size.
  const near = same.reduce((a, b) => (Math.abs(b.size - size) < Math.abs(a.size - size) ? b : a));
  return { ips: near.imagesPerSecond! * (near.size / size) ** 2, from: near.size };
}

/**
 * Wall time of the app's default fine_tune (RECIPE_DEFAULTS: schedule, freeze_epochs) on `images` images
 * with a `validFraction` split, at batch `batch`: each epoch's training images at the measured train-step
 * speed of its phase and size, plus its validation images (and PreciseBN's after unfrozen epochs) at the
 * forward speed.
 */
export function nffaEstimate(measures: readonly Measure[], batch: number, images = NFFA_IMAGES, validFraction = 0.2): NffaEstimate {
  const validImages = Math.round(images * validFraction);
  const trainImages = images - validImages;
  const plan = planEpochs(RECIPE_DEFAULTS, trainImages);
  const epochs: NffaEpoch[] = [];
  let total = 0;
  const missing = new Set<string>();
  for (const e of plan.perEpoch) {
    const train = speed(measures, e.phase === 'frozen' ? 'frozen' : 'full', e.size, batch);
    const fwd = speed(measures, 'forward', e.size, batch);
    if (!train || !fwd) {
      missing.add(`${!train ? (e.phase === 'frozen' ? 'frozen' : 'full') : 'forward'} at batch ${batch}`);
      continue;
    }
    const seconds = trainImages / train.ips + (validImages + (e.phase === 'unfrozen' ? PRECISE_BN_IMAGES : 0)) / fwd.ips;
    total += seconds;
    const ep: NffaEpoch = { phase: e.phase, size: e.size, seconds };
    if (train.from !== e.size) ep.scaledFrom = train.from;
    epochs.push(ep);
  }
  const est: NffaEstimate = {
    images, trainImages, validImages, batch, schedule: formatSchedule(plan.stages), freezeEpochs: plan.freezeEpochs, epochs,
    seconds: missing.size > 0 ? null : total,
  };
  if (missing.size > 0) est.note = `not measured: ${[...missing].join(', ')}`;
  else if (epochs.some((e) => e.scaledFrom !== undefined)) est.note = 'some sizes scaled by pixel count from another measured size';
  return est;
}

function torchSpeed(results: readonly TorchMeasure[], mode: TorchMeasure['mode'], m: Pick<Measure, 'size' | 'batch' | 'phase'>): number | null {
  return results.find((t) => t.mode === mode && t.size === m.size && t.batch === m.batch && t.phase === m.phase)?.imagesPerSecond ?? null;
}

export function ratios(measures: readonly Measure[], torch: readonly TorchMeasure[]): Ratio[] {
  return measures.map((m) => {
    const torchFp32 = torchSpeed(torch, 'fp32-channels-last', m);
    const torchBf16 = torchSpeed(torch, 'bf16-autocast-channels-last', m);
    const of = (t: number | null) => (m.imagesPerSecond !== null && t ? m.imagesPerSecond / t : null);
    return { size: m.size, batch: m.batch, phase: m.phase, tfjs: m.imagesPerSecond, torchFp32, torchBf16, ofFp32: of(torchFp32), ofBf16: of(torchBf16) };
  });
}

const mib = (b: number | undefined | null) => (b == null ? '—' : (b / 2 ** 20).toFixed(0));
const fix = (v: number | null | undefined, d = 1) => (v == null ? '—' : v.toFixed(d));

function table(head: string[], rows: string[][]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  return [line(head), `| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`, ...rows.map(line)].join('\n');
}

export function formatMinutes(seconds: number | null): string {
  if (seconds === null) return '—';
  return seconds < 120 ? `${seconds.toFixed(0)} s` : `${(seconds / 60).toFixed(1)} min`;
}

/** The printed report: speeds and memory beside PyTorch, kernel profiles, the NFFA estimates. Markdown tables. */
export function formatReport(r: KitResult): string {
  const out: string[] = [];
  const a = r.adapter;
  out.push(`GPU kit: ${r.config.variant}, adapter ${a.description || a.device || '?'} (${a.vendor} ${a.architecture}${a.software ? ', software' : ''}), ` +
    `tfjs ${r.kit.tfjs} webgpu, Dawn from webgpu@${r.kit.webgpuPackage}, node ${r.kit.node}, augmentation ${r.config.augment ? 'on' : 'off'}`);
  out.push('');
  out.push(table(
    ['size', 'batch', 'phase', 'tfjs img/s', 'first step ms', 'tfjs in use MiB', 'tfjs pool MiB', 'Dawn peak MiB', 'torch fp32', 'torch bf16', 'tfjs/fp32', 'tfjs/bf16'],
    r.ratios.map((q, i) => {
      const m = r.measures[i];
      return [String(q.size), String(q.batch), q.phase, m.error ? `error: ${m.error.slice(0, 40)}` : fix(q.tfjs), fix(m.firstStepMs, 0),
        mib(m.memory?.tfjsInUseBytes), mib(m.memory?.tfjsAllocatedBytes), mib(m.memory?.dawnPeakBytes),
        fix(q.torchFp32), fix(q.torchBf16), fix(q.ofFp32, 3), fix(q.ofBf16, 3)];
    }),
  ));
  if (r.torch.skipped) out.push('', `PyTorch: skipped (${r.torch.skipped})`);
  else out.push('', `PyTorch ${r.torch.torch ?? '?'} on ${r.torch.device ?? '?'}: same model (Keras ResNet50 layout + fastai head), same steps, AdamW; peak memory in the JSON.`);
  for (const p of r.profiles) {
    out.push('', `Kernels of one ${p.phase} step at ${p.size} px, batch ${p.batch}: ${fix(p.kernelMs, 0)} ms of GPU kernels in ${fix(p.wallMs, 0)} ms${p.error ? ` (${p.error})` : ''}`);
    if (p.kernels.length > 0) out.push(table(['kernel', 'ms', 'share', 'calls'], p.kernels.map((k) => [k.kernel, fix(k.ms, 1), `${(k.share * 100).toFixed(1)} %`, String(k.calls)])));
  }
  if (r.experiments.length > 0) {
    out.push('', 'tfjs flags against the defaults (same config, full fine-tune step):');
    out.push(table(['flags', 'size', 'batch', 'default img/s', 'with flags img/s', 'speed-up'], r.experiments.map((x) => [
      Object.entries(x.flags).map(([k, v]) => `${k}=${String(v)}`).join(' '), String(x.measure.size), String(x.measure.batch), fix(x.baseline),
      x.measure.error ? `error: ${x.measure.error.slice(0, 40)}` : fix(x.measure.imagesPerSecond), fix(x.speedup, 2)])));
  }
  out.push('');
  out.push(table(
    ['NFFA-size fine_tune', 'batch', 'schedule', 'estimated wall time (compute)', 'note'],
    r.nffa.map((n) => [`${n.images} images (${n.trainImages} train, ${n.validImages} valid)`, String(n.batch), `freeze ${n.freezeEpochs} + ${n.schedule}`, formatMinutes(n.seconds), n.note ?? '']),
  ));
  if (r.skipped.length > 0) out.push('', `Left out (time budget ${r.config.budgetSeconds} s): ${r.skipped.join(', ')}`);
  out.push('', `wall time ${r.wallSeconds.toFixed(0)} s`);
  return out.join('\n');
}
