import { median, openApp } from './lib.mjs';

/**
 * Training throughput in the compute worker of the built app:
 * - the app's loop (fit) against a bare `optimizer.minimize` loop on the same batches, model and backend,
 *   alternating sides over `rounds` so drift in the machine's speed hits both;
 * - the cost per image at each size of a progressive-resizing schedule, which gives the cost of
 *   64→128→224 against the same epochs at 224 only.
 */
export async function benchTrain(browser, url, { backend, backbone = 'resnet50-tiny', batch = 8, steps = 5, rounds = 2, ratioSize = 64, sizes = [64, 128, 224], perSize = true, log }) {
  const app = await openApp(browser, url, `${backend === 'auto' ? '' : `backend=${backend}&`}backbone=${backbone}&pretrained=none`);
  const run = (mode, size, n) => app.page.evaluate(([m, s, b, k]) => globalThis.semBench.benchTrain(m, s, b, k), [mode, size, batch, n]);
  try {
    const loop = [];
    const bare = [];
    for (let r = 0; r < rounds; r++) {
      loop.push(...(await run('loop', ratioSize, steps)));
      bare.push(...(await run('bare', ratioSize, steps)));
      log?.(`  ${backend} ${backbone} ${ratioSize} px batch ${batch}, round ${r + 1}: loop ${median(loop).toFixed(0)} ms/step, bare ${median(bare).toFixed(0)} ms/step`);
    }
    const ips = (times) => batch / (median(times) / 1000);
    const sizesRows = [];
    for (const size of perSize ? sizes : []) {
      const times = await run('loop', size, Math.max(2, Math.round(steps / 2)));
      sizesRows.push({ size, msPerStep: median(times), msPerImage: median(times) / batch, timesMs: times });
      log?.(`  ${backend} ${backbone} loop at ${size} px: ${median(times).toFixed(0)} ms/step`);
    }
    // 'auto' opens on the inference choice; the worker moves to the training choice on the first step.
    const trainedOn = await app.page.getByTestId('app.status').getAttribute('data-backend');
    const at = (s) => sizesRows.find((p) => p.size === s)?.msPerImage ?? NaN;
    // The same 6 epochs: 2 at each size against 6 at the largest.
    const progressive = (2 * at(sizes[0]) + 2 * at(sizes[1]) + 2 * at(sizes[2])) / (6 * at(sizes[2]));
    return {
      job: 'train', requested: backend, backend: trainedOn, adapter: app.adapter, backbone, params: app.params, batch, size: ratioSize,
      loopImagesPerSecond: ips(loop), bareImagesPerSecond: ips(bare), loopVsBare: ips(loop) / ips(bare),
      loopTimesMs: loop, bareTimesMs: bare, perSize: sizesRows,
      schedule: perSize ? { progressive: `${sizes[0]}x2,${sizes[1]}x2,${sizes[2]}x2`, flat: `${sizes[2]}x6`, costRatio: progressive } : null,
    };
  } finally {
    await app.page.close();
  }
}
