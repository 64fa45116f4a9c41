/**
 * Write a synthetic SEM demo dataset: class folders of grayscale PNGs for trying the app without
 * real data.
 *
 *   npm run demo:data -- [--out demo-data] [--classes particles,nanowires,...|all] [--per-class 40]
 *                        [--size 256x192] [--seed 1] [--bars 0.3] [--twins 0] [--manifest] [--clean]
 */
import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { isSemKind, SEM_KINDS, type SemKind } from '../src/shared/synth/index';
import { writeSyntheticDataset } from './lib/synthDataset';

const DEFAULTS = {
  out: 'demo-data',
  classes: 'particles,nanowires,porous,patterned,films,fibres',
  'per-class': '40',
  size: '256x192',
  seed: '1',
  bars: '0.3',
  twins: '0',
};
const FLAGS = new Set(['manifest', 'clean', 'help']);

function parseArgs(argv: string[]): Record<string, string> {
  const args: Record<string, string> = { ...DEFAULTS };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--')) throw new Error(`unexpected argument: ${a}`);
    const eq = a.indexOf('=');
    const key = eq > 0 ? a.slice(2, eq) : a.slice(2);
    if (FLAGS.has(key)) { args[key] = 'true'; continue; }
    if (!(key in DEFAULTS)) throw new Error(`unknown option --${key}`);
    const val = eq > 0 ? a.slice(eq + 1) : argv[++i];
    if (val === undefined) throw new Error(`--${key} needs a value`);
    args[key] = val;
  }
  return args;
}

function num(args: Record<string, string>, key: string, lo: number, hi: number): number {
  const v = Number(args[key]);
  if (!Number.isFinite(v) || v < lo || v > hi) throw new Error(`--${key} must be a number in [${lo}, ${hi}], got ${args[key]}`);
  return v;
}

function main(): void {
  const args = parseArgs(process.argv.slice(2));
  if (args.help) {
    console.log(`usage: demo-data [--out DIR] [--classes a,b|all] [--per-class N] [--size WxH] [--seed S]
                 [--bars RATE] [--twins RATE] [--manifest] [--clean]\nclasses: ${SEM_KINDS.join(', ')}`);
    return;
  }
  const names = args.classes === 'all' ? [...SEM_KINDS] : args.classes.split(',').map((s) => s.trim()).filter(Boolean);
  const bad = names.filter((n) => !isSemKind(n));
  if (bad.length > 0) throw new Error(`unknown class(es) ${bad.join(', ')}; known: ${SEM_KINDS.join(', ')}`);
  const m = /^(\d+)x(\d+)$/.exec(args.size);
  if (!m) throw new Error(`--size must look like 256x192, got ${args.size}`);
  const [width, height] = [Number(m[1]), Number(m[2])];
  if (width < 8 || height < 8 || width > 8192 || height > 8192) throw new Error('--size out of range (8..8192)');
  const outDir = resolve(args.out);
  if (args.clean) rmSync(outDir, { recursive: true, force: true });
  const res = writeSyntheticDataset(outDir, {
    classes: names as SemKind[],
    perClass: Math.floor(num(args, 'per-class', 0, 100000)),
    width, height,
    seed: Math.floor(num(args, 'seed', 0, 2 ** 32 - 1)),
    dataBarRate: num(args, 'bars', 0, 1),
    nearDuplicateRate: num(args, 'twins', 0, 1),
    manifest: Boolean(args.manifest),
  });
  const perKind = new Map<string, number>();
  for (const it of res.items) perKind.set(it.kind, (perKind.get(it.kind) ?? 0) + 1);
  const bars = res.items.filter((it) => it.dataBar).length;
  const twins = res.items.filter((it) => it.twinOf).length;
  for (const [k, n] of perKind) console.log(`  ${k.padEnd(11)} ${n} images`);
  console.log(`wrote ${res.items.length} ${width}x${height} PNGs (${bars} with data bar, ${twins} near-duplicates, ` +
    `${(res.bytes / 1e6).toFixed(1)} MB) to ${outDir} in ${(res.ms / 1000).toFixed(1)} s`);
}

try {
  main();
} catch (e) {
  console.error(`demo-data: ${(e as Error).message}`);
  process.exit(1);
}
