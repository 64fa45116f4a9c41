#!/usr/bin/env node
// npm run bench [-- --gpu] [--no-build] [--only predict|import] [--backends webgpu,webgl,wasm,cpu] [--runs 3]
//                 [--counts 1000,5000]
// Measures in headless Chromium on the built app and writes bench/results/<date>-<machine>.json.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { benchImport } from './import.mjs';
import { build, launch, machine, serve } from './lib.mjs';
import { benchPredict } from './predict.mjs';

const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const gpu = args.includes('--gpu');
const backends = opt('--backends', 'webgpu,webgl,wasm,cpu').split(',');
const runs = Number(opt('--runs', '3'));
const counts = opt('--counts', '1000,5000').split(',').map(Number);
const only = opt('--only', null);
if (only && !['predict', 'import'].includes(only)) throw new Error('--only takes predict or import');
const jobs = only ? [only] : ['predict', 'import'];

const MiB = 2 ** 20;
const mib = (b) => (b ? `${(b / MiB).toFixed(1)} MiB` : '—');

if (!args.includes('--no-build')) build();
const server = await serve(Number(opt('--port', '4180')));
const browser = await launch({ gpu });
const m = machine();
const started = new Date();
console.log(`bench on ${m.name} (${m.cpu}, ${m.cores} cores): ${jobs.join(', ')}`);
try {
  const result = { date: started.toISOString(), machine: m, chromium: browser.version(), gpuFlags: gpu };
  const timing = {};
  if (jobs.includes('predict')) {
    const t0 = Date.now();
    console.log('ResNet50 predict, 224 px, batch 1:');
    result.predict = await benchPredict(browser, server.url, { backends, runs, log: console.log });
    timing.predict = (Date.now() - t0) / 1000;
  }
  if (jobs.includes('import')) {
    const t0 = Date.now();
    console.log(`Dataset import, 1024x768 PNG folders of ${counts.join(' and ')} images:`);
    result.import = await benchImport(browser, server.url, { counts, log: console.log });
    timing.import = (Date.now() - t0) / 1000;
  }
  result.seconds = timing;

  const dir = new URL('results/', import.meta.url).pathname;
  mkdirSync(dir, { recursive: true });
  const file = `${dir}${started.toISOString().slice(0, 10)}-${m.name}.json`;
  // With --only, the other job's results of an earlier run that day stay in the file.
  if (only && existsSync(file)) {
    const before = JSON.parse(readFileSync(file, 'utf8'));
    for (const job of ['predict', 'import']) {
      if (!jobs.includes(job) && before[job]) {
        result[job] = before[job];
        result.earlier = { ...before.earlier, [job]: before.date };
      }
    }
  }
  // Arrays of numbers (timings, the import's heap samples) on one line each.
  const json = JSON.stringify(result, null, 2).replace(/\[\s*(-?[\d.e+-]+|null)((?:,\s*(?:-?[\d.e+-]+|null))*)\s*\]/g, (m) => m.replace(/\s+/g, ''));
  writeFileSync(file, `${json}\n`);

  if (jobs.includes('predict')) {
    console.log('\n| backend | adapter | predict 224 px, batch 1 (median) | runs |\n| --- | --- | --- | --- |');
    for (const r of result.predict) {
      console.log(r.error ? `| ${r.requested} | — | failed: ${r.error} | 0 |` : `| ${r.backend} | ${r.adapter} | ${(r.medianMs / 1000).toFixed(2)} s | ${r.runs} |`);
    }
  }
  if (jobs.includes('import')) {
    console.log('\n| images | imported | wall | images/s | peak heap, main thread: decoding / overall | peak heap, decode workers (sum) | peak renderer RSS |\n| --- | --- | --- | --- | --- | --- | --- |');
    for (const r of result.import) {
      console.log(!r.done ? `| ${r.count} | failed: ${r.error} | | | | | |`
        : `| ${r.count} | ${r.done}/${r.total}${r.error ? ` (${r.error})` : ''} | ${r.seconds.toFixed(1)} s | ${r.imagesPerSecond.toFixed(1)} | ${mib(r.peakMainHeapDecoding)} / ${mib(r.peakMainHeap)} | ${mib(r.peakDecoderHeapSum)} (${r.decoders}) | ${mib(r.peakRendererRss)} |`);
    }
    const v = result.import.at(-1)?.versus;
    if (v) {
      const x = (n) => (n ? `${n.toFixed(2)}x` : '—');
      console.log(`\n${result.import.at(-1).count} vs ${v.count} images: peak heap main ${x(v.peakMainHeapDecoding)} decoding, ${x(v.peakMainHeap)} overall, decode workers ${x(v.peakDecoderHeapSum)}, renderer RSS ${x(v.peakRendererRss)}; throughput ${x(v.imagesPerSecond)}`);
    }
  }
  console.log(`\n${Object.entries(timing).map(([k, s]) => `${k} ${s.toFixed(0)} s`).join(', ')}; written ${file}`);
} finally {
  await browser.close();
  server.close();
}
