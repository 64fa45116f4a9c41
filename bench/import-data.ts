/**
 * Writes one shard of a synthetic SEM dataset for the import benchmark (bench/import.mjs spawns one
 * process per shard with `npx tsx`): class folders of grayscale PNGs, outDir/<kind>/img_NNNN.png.
 *
 *   tsx bench/import-data.ts --out DIR --count N --size 1024x768 [--seed 1] [--bars 0.3] [--shard 0/2]
 *
 * The plan (seeds, which images carry a data bar) depends on count, size-free and deterministic;
 * shard i/n renders the planned images whose index % n === i. Prints one JSON line when done.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { encodePng } from '../scripts/lib/png';
import { planSyntheticDataset, renderPlanned, SEM_KINDS } from '../src/shared/synth/index';

const args = process.argv.slice(2);
const opt = (name: string, fallback?: string): string => {
  const i = args.indexOf(name);
  const v = i >= 0 ? args[i + 1] : fallback;
  if (v === undefined) throw new Error(`${name} is required`);
  return v;
};

const out = opt('--out');
const count = Number(opt('--count'));
const [width, height] = opt('--size', '1024x768').split('x').map(Number);
const seed = Number(opt('--seed', '1'));
const bars = Number(opt('--bars', '0.3'));
const [shard, shards] = opt('--shard', '0/1').split('/').map(Number);

const classes = [...SEM_KINDS].slice(0, 6);
// count images over the classes, the remainder going to the first ones.
const perClass = classes.map((_, i) => Math.floor(count / classes.length) + (i < count % classes.length ? 1 : 0));
const items = planSyntheticDataset({ classes, perClass, width, height, seed, dataBarRate: bars });

const t0 = performance.now();
let bytes = 0;
let written = 0;
const made = new Set<string>();
items.forEach((item, i) => {
  if (i % shards !== shard) return;
  const path = join(out, ...item.file.split('/'));
  const dir = dirname(path);
  if (!made.has(dir)) {
    mkdirSync(dir, { recursive: true });
    made.add(dir);
  }
  const png = encodePng(renderPlanned(item, width, height));
  writeFileSync(path, png);
  bytes += png.length;
  written++;
});
console.log(JSON.stringify({
  shard, shards, written, bytes, ms: Math.round(performance.now() - t0),
  withBar: items.filter((it, i) => i % shards === shard && it.dataBar).length,
}));
