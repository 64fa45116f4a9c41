#!/usr/bin/env node
// npm run bench [-- --gpu] [--no-build] [--backends webgpu,webgl,wasm,cpu] [--runs 3]
// Measures in headless Chromium on the built app and writes bench/results/<date>-<machine>.json.
import { mkdirSync, writeFileSync } from 'node:fs';
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

if (!args.includes('--no-build')) build();
const server = await serve(Number(opt('--port', '4180')));
const browser = await launch({ gpu });
const m = machine();
const started = new Date();
console.log(`bench on ${m.name} (${m.cpu}, ${m.cores} cores)`);
try {
  console.log('ResNet50 predict, 224 px, batch 1:');
  const predict = await benchPredict(browser, server.url, { backends, runs, log: console.log });
  const result = { date: started.toISOString(), machine: m, chromium: browser.version(), gpuFlags: gpu, predict };
  const dir = new URL('results/', import.meta.url).pathname;
  mkdirSync(dir, { recursive: true });
  const file = `${dir}${started.toISOString().slice(0, 10)}-${m.name}.json`;
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  console.log('\n| backend | adapter | predict 224 px, batch 1 (median) | runs |\n| --- | --- | --- | --- |');
  for (const r of predict) {
    console.log(r.error ? `| ${r.requested} | — | failed: ${r.error} | 0 |` : `| ${r.backend} | ${r.adapter} | ${(r.medianMs / 1000).toFixed(2)} s | ${r.runs} |`);
  }
  console.log(`\nwritten ${file}`);
} finally {
  await browser.close();
  server.close();
}
