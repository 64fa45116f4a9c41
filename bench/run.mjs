#!/usr/bin/env node
// npm run bench [-- --gpu] [--no-build] [--only predict,threads,import,train] [--backends webgpu,webgl,wasm,cpu] [--runs 3]
//                 [--counts 1000,5000] [--train-backends webgl,webgpu] [--train-backbone resnet50-tiny]
// Measures in headless Chromium on the built app and writes bench/results/<date>-<machine>.json.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { benchImport } from './import.mjs';
import { build, launch, machine, serve } from './lib.mjs';
import { autoVersusFastest, benchPredict } from './predict.mjs';
import { benchEpochs, ensureEpochData } from './epochs.mjs';
import { benchFolder } from './folder.mjs';
import { ensureData } from './import.mjs';
import { benchStartup } from './startup.mjs';
import { benchThreads } from './threads.mjs';
import { benchTrain } from './train.mjs';

const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const gpu = args.includes('--gpu');
const backends = opt('--backends', 'auto,webgpu,webgl,wasm,cpu').split(',');
// Batch 16 at 224 px takes minutes on a software GPU: by default only where it is quick, everywhere with --gpu.
const batchBackends = gpu ? null : opt('--batch16-backends', 'auto,wasm,webgl').split(',');
const runs = Number(opt('--runs', '3'));
const counts = opt('--counts', '1000,5000').split(',').map(Number);
const ALL = ['startup', 'predict', 'threads', 'folder', 'import', 'train', 'epochs'];
const only = opt('--only', null);
const jobs = only ? only.split(',') : ALL;
if (jobs.some((j) => !ALL.includes(j))) throw new Error(`--only takes a comma-separated subset of ${ALL.join(', ')}`);
const trainBackends = opt('--train-backends', 'auto,webgl,webgpu').split(',');
const trainBackbone = opt('--train-backbone', 'resnet50-tiny');

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
  if (jobs.includes('startup')) {
    const t0 = Date.now();
    console.log('Cold start (fresh context, no parameters: ResNet50, automatic backend):');
    result.startup = await benchStartup(browser, server.url, { log: console.log });
    timing.startup = (Date.now() - t0) / 1000;
  }
  if (jobs.includes('predict')) {
    const t0 = Date.now();
    console.log('ResNet50 predict, 224 px, batch 1 and 16:');
    result.predict = await benchPredict(browser, server.url, { backends, batches: [1, 16], batchBackends, runs, log: console.log });
    result.predictAuto = autoVersusFastest(result.predict);
    timing.predict = (Date.now() - t0) / 1000;
  }
  if (jobs.includes('threads')) {
    const t0 = Date.now();
    console.log('ResNet50 forward, 224 px, on wasm: its threads vs ?threads=1 (single-threaded SIMD), alternating page loads:');
    try {
      result.threads = await benchThreads(browser, server.url, { runs, log: console.log });
    } catch (e) {
      result.threads = { job: 'threads', error: String(e instanceof Error ? e.message : e) };
    }
    timing.threads = (Date.now() - t0) / 1000;
  }
  if (jobs.includes('import')) {
    const t0 = Date.now();
    console.log(`Dataset import, 1024x768 PNG folders of ${counts.join(' and ')} images:`);
    result.import = await benchImport(browser, server.url, { counts, log: console.log });
    timing.import = (Date.now() - t0) / 1000;
  }
  if (jobs.includes('train')) {
    const t0 = Date.now();
    console.log(`Training, ${trainBackbone}: the app's loop vs bare optimizer.minimize; cost per image at 64/128/224 px:`);
    result.train = [];
    for (const backend of trainBackends) {
      try {
        // The per-size cost (for the schedule ratio) once per real backend; 'auto' only needs its throughput.
        result.train.push(await benchTrain(browser, server.url, { backend, backbone: trainBackbone, perSize: backend !== 'auto', log: console.log }));
      } catch (e) {
        result.train.push({ job: 'train', requested: backend, error: String(e instanceof Error ? e.message : e) });
      }
    }
    const ok = result.train.filter((r) => !r.error);
    const auto = ok.find((r) => r.requested === 'auto');
    const explicit = ok.filter((r) => r.requested !== 'auto');
    if (auto && explicit.length) {
      const fastest = explicit.reduce((a, b) => (a.loopImagesPerSecond >= b.loopImagesPerSecond ? a : b));
      result.trainAuto = { auto: auto.backend, fastest: fastest.backend, ratio: auto.loopImagesPerSecond / fastest.loopImagesPerSecond };
    }
    timing.train = (Date.now() - t0) / 1000;
  }
  if (jobs.includes('folder')) {
    const t0 = Date.now();
    console.log('Classify a folder (decode + preprocess + predict) vs bare model.predict, ResNet50 on wasm:');
    const set = (await ensureData([1000], { log: console.log }))[1000].dir;
    try {
      result.folder = await benchFolder(browser, server.url, { dir: set, log: console.log });
    } catch (e) {
      result.folder = { job: 'folder', error: String(e instanceof Error ? e.message : e) };
    }
    timing.folder = (Date.now() - t0) / 1000;
  }
  if (jobs.includes('epochs')) {
    const t0 = Date.now();
    console.log('Tensors and GPU bytes after each of 5 epochs (Train step, resnet50-tiny, WebGL):');
    try {
      result.epochs = await benchEpochs(browser, server.url, { dir: ensureEpochData(new URL('.data/epochs', import.meta.url).pathname), log: console.log });
    } catch (e) {
      result.epochs = { job: 'epochs', error: String(e instanceof Error ? e.message : e) };
    }
    timing.epochs = (Date.now() - t0) / 1000;
  }
  result.seconds = timing;

  const dir = new URL('results/', import.meta.url).pathname;
  mkdirSync(dir, { recursive: true });
  const file = `${dir}${started.toISOString().slice(0, 10)}-${m.name}.json`;
  // With --only, the other job's results of an earlier run that day stay in the file.
  if (only && existsSync(file)) {
    const before = JSON.parse(readFileSync(file, 'utf8'));
    for (const job of ALL) {
      if (!jobs.includes(job) && before[job]) {
        result[job] = before[job];
        result.earlier = { ...before.earlier, [job]: before.date };
      }
    }
  }
  // Arrays of numbers (timings, the import's heap samples) on one line each.
  const json = JSON.stringify(result, null, 2).replace(/\[\s*(-?[\d.e+-]+|null)((?:,\s*(?:-?[\d.e+-]+|null))*)\s*\]/g, (m) => m.replace(/\s+/g, ''));
  writeFileSync(file, `${json}\n`);

  if (jobs.includes('startup')) {
    const kib = (b) => `${(b / 1024).toFixed(0)} KiB`;
    console.log('\n| run | backend | to app.status ready | first screen (gzip) | of it JS (gzip) | workers + wasm (gzip) |\n| --- | --- | --- | --- | --- | --- |');
    result.startup.forEach((r, i) => console.log(`| ${i + 1} | ${r.backend} | ${(r.readyMs / 1000).toFixed(1)} s | ${kib(r.firstScreen.gzipBytes)} | ${kib(r.firstScreen.jsGzipBytes)} | ${kib(r.workers.gzipBytes)} |`));
  }
  if (jobs.includes('predict')) {
    console.log('\n| requested | backend | adapter | batch | predict 224 px (median) | per image | runs |\n| --- | --- | --- | --- | --- | --- | --- |');
    for (const r of result.predict) {
      console.log(r.error ? `| ${r.requested} | — | — | ${r.batch} | failed: ${r.error} | | 0 |`
        : `| ${r.requested} | ${r.backend} | ${r.adapter} | ${r.batch} | ${(r.medianMs / 1000).toFixed(2)} s | ${(r.msPerImage / 1000).toFixed(3)} s | ${r.runs} |`);
    }
    const a = result.predictAuto;
    if (a) console.log(`\nautomatic choice (${a.auto}) vs fastest measured (${a.fastest}), images/s: ${a.ratio.toFixed(2)} (target ≥ 0.9)`);
  }
  if (jobs.includes('threads')) {
    const t = result.threads;
    if (t.error) console.log(`\nthreads: failed: ${t.error}`);
    else {
      console.log(`\n| batch | wasm, ${t.threads} threads (median / best) | wasm, 1 thread (median / best) | ratio, medians (target ≥ 1.6 on 2 cores) | ratio, best runs |\n| --- | --- | --- | --- | --- |`);
      const ips = (m, b) => `${m.toFixed(2)} / ${b.toFixed(2)} img/s`;
      for (const r of t.rows) {
        console.log(`| ${r.batch} | ${ips(r.threadedImagesPerSecond, r.threadedBestImagesPerSecond)} | ${ips(r.singleImagesPerSecond, r.singleBestImagesPerSecond)} | ${r.ratio.toFixed(2)} | ${r.bestRatio.toFixed(2)} |`);
      }
      console.log(`status bar: "${t.threadsReason}" / with ?threads=1: "${t.singleReason}"`);
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
  if (jobs.includes('train')) {
    console.log('\n| backend | network | app loop | bare minimize | loop / bare | 64→128→224 (2+2+2 epochs) / 224 only (6) |\n| --- | --- | --- | --- | --- | --- |');
    for (const r of result.train) {
      console.log(r.error ? `| ${r.requested} | failed: ${r.error} | | | | |`
        : `| ${r.requested === 'auto' ? `auto (${r.backend})` : r.backend} | ${r.backbone}, ${r.size} px, batch ${r.batch} | ${r.loopImagesPerSecond.toFixed(1)} img/s | ${r.bareImagesPerSecond.toFixed(1)} img/s | ${r.loopVsBare.toFixed(2)} | ${r.schedule ? r.schedule.costRatio.toFixed(2) : '—'} |`);
    }
    const a = result.trainAuto;
    if (a) console.log(`\nautomatic training backend (${a.auto}) vs fastest measured (${a.fastest}), images/s: ${a.ratio.toFixed(2)} (target ≥ 0.9)`);
  }
  if (jobs.includes('folder')) {
    const f = result.folder;
    console.log(f.error ? `\nclassify a folder: failed: ${f.error}` : `\nclassify a folder of ${f.images} images on ${f.backend}: ${f.folderImagesPerSecond.toFixed(2)} images/s vs bare predict ${f.bareImagesPerSecond.toFixed(2)} images/s: ${f.ratio.toFixed(2)} (target ≥ 0.9)`);
  }
  if (jobs.includes('epochs')) {
    const e = result.epochs;
    console.log(e.error ? `\nepochs: failed: ${e.error}` : `\n5 epochs on ${e.backend}: tensors ${e.epochs.map((r) => r.tensors).join(', ')} (${e.tensorsFlat ? 'flat' : 'NOT flat'}); GPU bytes ${e.epochs.map((r) => r.gpuBytes ?? '—').join(', ')}${e.gpuBytesFlat === null ? '' : ` (${e.gpuBytesFlat ? 'flat over the unfrozen epochs 2–5' : 'NOT flat over the unfrozen epochs'})`}`);
  }
  console.log(`\n${Object.entries(timing).map(([k, s]) => `${k} ${s.toFixed(0)} s`).join(', ')}; written ${file}`);
} finally {
  await browser.close();
  server.close();
}
