import { median, openApp } from './lib.mjs';

/**
 * ResNet50 forward on wasm with its threads (one per logical core on this isolated page) against the same
 * app opened with `?threads=1` (the single-threaded SIMD build a page without isolation gets), in the same
 * browser, alternating the two over `rounds` page loads so a busy moment of the machine hits both. Each load:
 * one untimed run compiles, then `runs` timed runs per batch size; images/s from the median of all its loads
 * (and from the best run).
 */
export async function benchThreads(browser, url, { backbone = 'resnet50', size = 224, batches = [1, 8], runs = 5, rounds = 3, log }) {
  const sides = { threaded: { query: '', times: {} }, single: { query: '&threads=1', times: {} } };
  for (let round = 0; round < rounds; round++) {
    for (const [name, side] of Object.entries(sides)) {
      const app = await openApp(browser, url, `backend=wasm&backbone=${backbone}&pretrained=none${side.query}`);
      try {
        side.threads = Number(await app.page.getByTestId('app.status').getAttribute('data-threads'));
        side.reason = await app.page.getByTestId('app.status').getAttribute('title');
        if (app.backend !== 'wasm') throw new Error(`${name}: the app started ${app.backend}, not wasm`);
        for (const batch of batches) {
          const times = await app.page.evaluate(([s, b, r]) => globalThis.semBench.benchPredict(s, b, r), [size, batch, batch > 1 ? Math.min(runs, 3) : runs]);
          (side.times[batch] ??= []).push(...times);
          log?.(`  round ${round + 1}, ${name} (${side.threads} thread${side.threads === 1 ? '' : 's'}), batch ${batch}: median ${median(times).toFixed(0)} ms`);
        }
      } finally {
        await app.page.close();
      }
    }
  }
  // The median is the figure; the best run of each side is kept too: on a machine other work shares, it is the
  // run least disturbed (threads need both cores free at once, so load costs the threaded side more).
  const rows = batches.map((batch) => {
    const ips = (side, pick) => batch / (pick(side.times[batch]) / 1000);
    const best = (xs) => Math.min(...xs);
    const threaded = ips(sides.threaded, median);
    const single = ips(sides.single, median);
    const threadedBest = ips(sides.threaded, best);
    const singleBest = ips(sides.single, best);
    return { batch, threadedImagesPerSecond: threaded, singleImagesPerSecond: single, ratio: threaded / single,
      threadedBestImagesPerSecond: threadedBest, singleBestImagesPerSecond: singleBest, bestRatio: threadedBest / singleBest,
      threadedTimesMs: sides.threaded.times[batch], singleTimesMs: sides.single.times[batch] };
  });
  return { job: 'threads', backbone, size, threads: sides.threaded.threads, threadsReason: sides.threaded.reason, singleReason: sides.single.reason, rounds, rows };
}
