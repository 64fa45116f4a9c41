// Dataset import throughput and memory: generated 1024x768 SEM PNG folders imported through the Data step's
// folder input, as a user would, with the JS heaps sampled while it runs.
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, linkSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const DATA = join(root, 'bench/.data');
const SEED = 1;
const BARS = 0.3;
const CLASSES = 6;

function runShard(out, count, size, shard, shards) {
  return new Promise((resolve, reject) => {
    const child = spawn('npx', ['tsx', 'bench/import-data.ts', '--out', out, '--count', String(count), '--size', size,
      '--seed', String(SEED), '--bars', String(BARS), '--shard', `${shard}/${shards}`], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
    let text = '';
    child.stdout.on('data', (d) => { text += d; });
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve(JSON.parse(text.trim().split('\n').pop())) : reject(new Error(`import-data shard ${shard} exited ${code}`))));
  });
}

/**
 * The largest count is generated (once, cached in bench/.data/<count>-<size>/, one process per shard); each
 * smaller count is the first images of every class of it, hard-linked. A <dir>.json next to each folder
 * marks it complete and says how it was made.
 */
export async function ensureData(counts, { size = '1024x768', shards = 2, log } = {}) {
  mkdirSync(DATA, { recursive: true });
  const largest = Math.max(...counts);
  const dirOf = (n) => join(DATA, `${n}-${size}`);
  const metaOf = (n) => `${dirOf(n)}.json`;
  const made = {};
  const readMeta = (n) => (existsSync(metaOf(n)) ? JSON.parse(readFileSync(metaOf(n), 'utf8')) : null);
  let big = readMeta(largest);
  if (!big) {
    rmSync(dirOf(largest), { recursive: true, force: true });
    log?.(`  generating ${largest} images of ${size} into ${dirOf(largest)} (${shards} processes)...`);
    const t0 = Date.now();
    const parts = await Promise.all(Array.from({ length: shards }, (_, i) => runShard(dirOf(largest), largest, size, i, shards)));
    big = {
      count: largest, size, seed: SEED, dataBarRate: BARS, classes: CLASSES, generatedMs: Date.now() - t0, processes: shards,
      bytes: parts.reduce((a, p) => a + p.bytes, 0), withBar: parts.reduce((a, p) => a + p.withBar, 0),
    };
    writeFileSync(metaOf(largest), `${JSON.stringify(big, null, 2)}\n`);
    log?.(`  generated in ${(big.generatedMs / 1000).toFixed(0)} s (${(big.bytes / 2 ** 30).toFixed(2)} GiB)`);
  }
  made[largest] = { dir: dirOf(largest), ...big };
  for (const n of counts) {
    if (n === largest) continue;
    let meta = readMeta(n);
    if (!meta) {
      rmSync(dirOf(n), { recursive: true, force: true });
      const classes = readdirSync(dirOf(largest)).sort();
      let bytes = 0;
      classes.forEach((c, i) => {
        const keep = Math.floor(n / classes.length) + (i < n % classes.length ? 1 : 0);
        const files = readdirSync(join(dirOf(largest), c)).sort().slice(0, keep);
        mkdirSync(join(dirOf(n), c), { recursive: true });
        for (const f of files) {
          const from = join(dirOf(largest), c, f), to = join(dirOf(n), c, f);
          try { linkSync(from, to); } catch { copyFileSync(from, to); }
          bytes += readFileSync(to).length;
        }
      });
      meta = { count: n, size, seed: SEED, subsetOf: largest, bytes };
      writeFileSync(metaOf(n), `${JSON.stringify(meta, null, 2)}\n`);
    }
    made[n] = { dir: dirOf(n), ...meta };
  }
  return made;
}

/** Renderer processes under this node process (Linux /proc), with their resident memory in bytes. */
function rendererRss() {
  if (!existsSync('/proc/self/stat')) return null;
  const parent = new Map();
  const cmd = new Map();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      parent.set(Number(d), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
      cmd.set(Number(d), readFileSync(`/proc/${d}/cmdline`, 'utf8'));
    } catch { /* gone */ }
  }
  const mine = (pid) => {
    for (let p = pid, i = 0; p > 1 && i < 20; p = parent.get(p) ?? 0, i++) if (p === process.pid) return true;
    return false;
  };
  let total = 0;
  for (const [pid, c] of cmd) {
    if (!c.includes('--type=renderer') || !mine(pid)) continue;
    try {
      const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      if (m) total += Number(m[1]) * 1024;
    } catch { /* gone */ }
  }
  return total;
}

/**
 * Samples the JS heaps over CDP: the page's main thread (Runtime.getHeapUsage) and each decode worker's,
 * through a non-flattened Target session per worker (performance.memory does not exist in workers), plus
 * the renderer processes' resident memory. stop() returns the samples.
 */
function heapSampler(cdp, everyMs) {
  const sessions = new Map(); // targetId -> sessionId
  const pending = new Map(); // `${sessionId}:${id}` -> resolve
  let nextId = 1;
  cdp.on('Target.receivedMessageFromTarget', (e) => {
    const msg = JSON.parse(e.message);
    const key = `${e.sessionId}:${msg.id}`;
    if (msg.id && pending.has(key)) {
      pending.get(key)(msg.result ?? null);
      pending.delete(key);
    }
  });
  const workerHeap = async (targetId) => {
    let sessionId = sessions.get(targetId);
    if (!sessionId) {
      sessionId = (await cdp.send('Target.attachToTarget', { targetId, flatten: false })).sessionId;
      sessions.set(targetId, sessionId);
    }
    const id = nextId++;
    const answer = new Promise((resolve) => {
      pending.set(`${sessionId}:${id}`, resolve);
      setTimeout(() => { pending.delete(`${sessionId}:${id}`); resolve(null); }, 2000);
    });
    await cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method: 'Runtime.getHeapUsage' }) });
    return (await answer)?.usedSize ?? null;
  };
  const samples = [];
  const t0 = Date.now();
  let running = true;
  const loop = (async () => {
    while (running) {
      const started = Date.now();
      try {
        const main = (await cdp.send('Runtime.getHeapUsage')).usedSize;
        const { targetInfos } = await cdp.send('Target.getTargets');
        const decoders = targetInfos.filter((t) => t.type === 'worker' && t.title === 'decode');
        const heaps = (await Promise.all(decoders.map((t) => workerHeap(t.targetId).catch(() => null)))).filter((h) => h !== null);
        samples.push({ t: started - t0, main, decoders: heaps, rss: rendererRss() });
      } catch { /* page navigating or closing */ }
      await new Promise((r) => setTimeout(r, Math.max(0, everyMs - (Date.now() - started))));
    }
  })();
  return { stop: async () => { running = false; await loop; return samples; } };
}

const MiB = 2 ** 20;
const maxOf = (xs) => xs.reduce((a, b) => Math.max(a, b), 0);

/**
 * For each count: a fresh browser context (empty IndexedDB), the app on the wasm backend with the light
 * resnet50-tiny network, the Data step, the generated folder set on dataset.folder-input; timed from
 * setting the input to dataset.status data-state=done, heaps sampled every sampleMs meanwhile.
 */
export async function benchImport(browser, url, { counts = [1000, 5000], size = '1024x768', sampleMs = 250, timeoutMs = 900_000, log } = {}) {
  const data = await ensureData(counts, { size, log });
  const rows = [];
  for (const count of counts) {
    const { dir } = data[count];
    let row;
    const ctx = await browser.newContext();
    try {
      const page = await ctx.newPage();
      await page.goto(`${url}?bench&backend=wasm&backbone=resnet50-tiny&pretrained=none`);
      await page.getByTestId('app.status').and(page.locator('[data-ready="true"]')).waitFor({ timeout: 180_000 });
      await page.getByTestId('nav.data').click();
      const status = page.getByTestId('dataset.status');
      await status.and(page.locator('[data-state="idle"]')).waitFor({ state: 'attached', timeout: 30_000 });
      const cdp = await ctx.newCDPSession(page);
      const sampler = heapSampler(cdp, sampleMs);
      await new Promise((r) => setTimeout(r, 2 * sampleMs)); // a baseline before the import
      const t0 = Date.now();
      await page.getByTestId('dataset.folder-input').setInputFiles(dir);
      await status.and(page.locator('[data-state="done"], [data-state="error"]')).waitFor({ state: 'attached', timeout: timeoutMs });
      const seconds = (Date.now() - t0) / 1000;
      const samples = await sampler.stop();
      const state = await status.getAttribute('data-state');
      const done = Number(await status.getAttribute('data-done'));
      const total = Number(await status.getAttribute('data-total'));
      const usable = Number(await page.getByTestId('dataset.total').getAttribute('data-count'));
      const stored = await page.evaluate(async () => (await navigator.storage.estimate()).usage ?? null);
      const during = samples.filter((s) => s.decoders.length > 0);
      row = {
        job: 'import', size, count, state, done, total, usable, seconds, imagesPerSecond: done / seconds,
        datasetBytes: data[count].bytes, storedBytes: stored, samples: samples.length, sampleMs,
        baselineMainHeap: samples[0]?.main ?? null,
        peakMainHeap: maxOf(samples.map((s) => s.main)),
        // While the decode workers exist: without the end of the import (duplicates, split), which works on
        // every entry's metadata at once.
        peakMainHeapDecoding: maxOf(during.map((s) => s.main)),
        decoders: maxOf(samples.map((s) => s.decoders.length)),
        peakDecoderHeap: maxOf(during.flatMap((s) => s.decoders)),
        peakDecoderHeapSum: maxOf(during.map((s) => s.decoders.reduce((a, b) => a + b, 0))),
        peakRendererRss: samples.some((s) => s.rss) ? maxOf(samples.map((s) => s.rss ?? 0)) : null,
        baselineRendererRss: samples[0]?.rss ?? null,
        series: samples.map((s) => [s.t, s.main, s.decoders.reduce((a, b) => a + b, 0), s.rss]),
      };
      if (state !== 'done' || done < total) row.error = (await status.textContent())?.trim() || `import ended in ${state}`;
    } catch (e) {
      row = { job: 'import', size, count, error: String(e instanceof Error ? e.message : e).split('\n')[0] };
    } finally {
      await ctx.close();
    }
    log?.(row.error && !row.done ? `  ${count}: ${row.error}`
      : `  ${count}: ${row.done}/${row.total} in ${row.seconds.toFixed(1)} s = ${row.imagesPerSecond.toFixed(1)} images/s; peak heap main ${(row.peakMainHeapDecoding / MiB).toFixed(1)} MiB decoding, ${(row.peakMainHeap / MiB).toFixed(1)} MiB overall, decoders ${(row.peakDecoderHeapSum / MiB).toFixed(1)} MiB (${row.decoders}), renderer RSS ${row.peakRendererRss ? (row.peakRendererRss / MiB).toFixed(0) : '?'} MiB`);
    rows.push(row);
  }
  // Flatness: the largest count's peaks over the smallest's.
  const ok = rows.filter((r) => r.done);
  if (ok.length >= 2) {
    const [a, b] = [ok[0], ok[ok.length - 1]];
    const ratio = (k) => (a[k] && b[k] ? b[k] / a[k] : null);
    b.versus = { count: a.count, peakMainHeap: ratio('peakMainHeap'), peakMainHeapDecoding: ratio('peakMainHeapDecoding'), peakDecoderHeapSum: ratio('peakDecoderHeapSum'), peakRendererRss: ratio('peakRendererRss'), imagesPerSecond: ratio('imagesPerSecond') };
  }
  return rows;
}

if (process.argv[1] === new URL(import.meta.url).pathname) {
  // node bench/import.mjs --data-only [counts]: generate the cached folders and stop.
  const counts = (process.argv[3] ?? '1000,5000').split(',').map(Number);
  console.log(await ensureData(counts, { log: console.log }));
}
