/**
 * Replicates the published SEM classification results with the app itself: imports a folder of class
 * folders (the NFFA SEM dataset's layout), fine-tunes, evaluates, all in headless Chromium through the
 * built app's UI (the same code path a scientist uses), then writes metrics.json, the confusion matrix
 * (CSV) and the app's HTML report, and prints the metrics beside Modarres 2017 and fastai's ResNet50.
 *
 *   npm run replicate -- --data <folder> [--test <held-out folder>] [--backbone resnet50|resnet50-tiny|<model.json>]
 *                        [--schedule 64x?,128x?,224x?] [--batch 16] [--seed 42] [--valid 0.2] [--mode fast|full]
 *                        [--views 8] [--aug none|all|flip,rot90,…] [--backend webgpu|webgl|wasm|cpu] [--gpu]
 *                        [--out replicate-out] [--url <running app>] [--port 4186] [--no-build]
 *   npm run replicate:demo     # generated 4-class data and test folder, resnet50-tiny, a few minutes on a laptop CPU
 *
 * --test classifies a held-out folder (class subfolders) with the trained model in the app's Classify step and
 * prints the network's and the classical baseline's test accuracy and macro F1, how many test images have a
 * near-duplicate in the training folder (the app's near-duplicate hash), and the accuracy without them.
 */
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Page } from '@playwright/test';
import { build, launch, serve } from '../bench/lib.mjs';
import { writeDemo } from './lib/replicateDemo';
import { checkConsistency, comparisonTable, confusionCsv, matrixFromCells, testTable, withQuery, type ReplicateMetrics, type TestMetrics } from './lib/replicateMetrics';
import { classifyTestFolder } from './lib/replicateTest';

const { values: a } = parseArgs({
  options: {
    data: { type: 'string' }, test: { type: 'string' }, mode: { type: 'string' }, views: { type: 'string' }, aug: { type: 'string' }, backbone: { type: 'string', default: 'resnet50' }, schedule: { type: 'string' },
    batch: { type: 'string' }, seed: { type: 'string' }, valid: { type: 'string' }, backend: { type: 'string' },
    gpu: { type: 'boolean', default: false }, out: { type: 'string', default: 'replicate-out' }, url: { type: 'string' },
    port: { type: 'string', default: '4186' }, 'no-build': { type: 'boolean', default: false }, demo: { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});

function progress(line: string): void {
  if (process.stdout.isTTY) process.stdout.write(`\r${line.padEnd(100)}`);
  else console.log(line);
}

async function attr(page: Page, testId: string, name: string): Promise<string | null> {
  return page.getByTestId(testId).first().getAttribute(name);
}

/** Polls until `done` returns true, printing `line()` every 2 s. */
async function waitWithProgress(page: Page, done: () => Promise<boolean>, line: () => Promise<string>): Promise<void> {
  for (;;) {
    if (await done()) break;
    progress(await line());
    await page.waitForTimeout(2000);
  }
  progress(await line());
  if (process.stdout.isTTY) process.stdout.write('\n');
}

async function main(): Promise<void> {
  if (a.help) {
    console.log('usage: npm run replicate -- --data <folder> [--test <folder>] [--backbone id|model.json] [--schedule S] [--batch N] [--seed N] [--valid F]\n' +
      '                            [--mode fast|full] [--views N] [--aug none|all|LIST] [--backend B] [--gpu] [--out DIR] [--url URL]');
    return;
  }
  const out = resolve(a.out!);
  mkdirSync(out, { recursive: true });
  let data = a.data;
  let test = a.test;
  const q = new URLSearchParams();
  if (a.demo) {
    const demo = writeDemo(out);
    data = demo.data;
    test ??= demo.test;
    q.set('backbone', 'resnet50-tiny');
    // Random weights: the app's own from-scratch recipe and backend choice unless given (src/shared/train/scratch.ts).
    for (const k of ['schedule', 'batch', 'backend'] as const) if (a[k]) q.set(k, a[k]!);
    q.set('seed', a.seed ?? '1');
  }
  if (!data || !existsSync(data) || !statSync(data).isDirectory()) throw new Error('--data must be a folder with one subfolder per class');
  if (test && (!existsSync(test) || !statSync(test).isDirectory())) throw new Error('--test must be a folder with one subfolder per class (the held-out images)');
  // The Train step's own parameters (src/shared/train/trainParams.ts), with or without --demo.
  for (const k of ['mode', 'views', 'aug'] as const) if (a[k]) q.set(k, a[k]!);

  // A local model.json is served next to the app; an id or a URL goes straight into ?backbone=.
  const mounts: string[] = [];
  if (!a.demo) {
    const local = a.backbone && existsSync(a.backbone) ? resolve(a.backbone) : null;
    if (local && a.url) throw new Error('--backbone <file> needs the app served by this script (drop --url)');
    if (local) mounts.push('--mount', `replicate-backbone=${dirname(local)}`);
    q.set('backbone', local ? `replicate-backbone/${basename(local)}` : a.backbone!);
    for (const k of ['schedule', 'batch', 'seed', 'valid', 'backend'] as const) if (a[k]) q.set(k, a[k]!);
  }

  let server: { url: string; close: () => void } | null = null;
  if (!a.url) {
    if (!a['no-build']) build();
    server = await serve(Number(a.port), mounts);
  }
  const url = withQuery(a.url ?? server!.url, q);
  const browser = await launch({ gpu: a.gpu });
  const t0 = Date.now();
  const secs = () => `${((Date.now() - t0) / 1000).toFixed(0)} s`;
  try {
    const context = await browser.newContext({ acceptDownloads: true });
    const page = await context.newPage();
    page.on('pageerror', (e) => console.error(`page error: ${e.message}`));
    await page.goto(url);
    await page.getByTestId('app.status').and(page.locator('[data-ready="true"]')).waitFor({ timeout: 900_000 });
    const model = page.getByTestId('model.status');
    if ((await model.getAttribute('data-state')) !== 'ready') throw new Error(`the backbone did not load: ${await model.getAttribute('title')}`);
    const backend = await attr(page, 'app.status', 'data-backend');
    console.log(`app ready on ${backend}: ${q.get('backbone')} (pretrained: ${await model.getAttribute('data-pretrained')})`);

    await page.getByTestId('nav.data').click();
    await page.getByTestId('dataset.folder-input').setInputFiles(resolve(data));
    await waitWithProgress(page,
      async () => ['done', 'error'].includes((await attr(page, 'dataset.status', 'data-state')) ?? ''),
      async () => `import: ${await attr(page, 'dataset.status', 'data-done')}/${await attr(page, 'dataset.status', 'data-total')} images (${secs()})`);
    if ((await attr(page, 'dataset.status', 'data-state')) === 'error') throw new Error('the import failed');
    const total = await attr(page, 'dataset.total', 'data-count');
    const classRows = await page.getByTestId('dataset.class-row').evaluateAll((rows) => rows.map((r) => ({
      class: r.getAttribute('data-class'), count: Number(r.getAttribute('data-count')), train: Number(r.getAttribute('data-train')), valid: Number(r.getAttribute('data-valid')),
    })));
    // Independent groups: near-duplicate frames (the app's pHash relation) count once.
    const groupsEl = page.locator('[data-testid="dataset.groups"][data-count]');
    const groups = await groupsEl.waitFor({ timeout: 120_000 }).then(async () => Number(await groupsEl.getAttribute('data-count')), () => null);
    console.log(`imported ${total} images in ${classRows.length} classes${groups === null ? '' : `, ${groups} independent groups (near-duplicates count once)`}`);

    await page.getByTestId('nav.train').click();
    const status = page.getByTestId('train.status');
    await page.getByTestId('train.start').click();
    const trainStart = Date.now();
    await waitWithProgress(page,
      async () => ['done', 'error'].includes((await status.getAttribute('data-state')) ?? ''),
      async () => `training: epoch ${await status.getAttribute('data-epoch')}, stage ${await status.getAttribute('data-stage')}, ` +
        `${await status.getAttribute('data-size')} px, ${await status.getAttribute('data-state')} (${secs()})`);
    if ((await status.getAttribute('data-state')) === 'error') throw new Error(`training failed: ${await status.textContent()}`);
    const trainSeconds = (Date.now() - trainStart) / 1000;
    const epochs = await page.getByTestId('train.epoch-row').evaluateAll((rows) => rows.map((r) => Object.fromEntries(
      [...r.attributes].filter((x) => x.name.startsWith('data-') && x.name !== 'data-testid').map((x) => [x.name.slice(5), x.value]),
    )));

    await page.getByTestId('nav.evaluate').click();
    const accuracyEl = page.getByTestId('metrics.accuracy');
    await accuracyEl.waitFor({ timeout: 600_000 });
    const perClass = await page.getByTestId('metrics.class-row').evaluateAll((rows) => rows.map((r) => ({
      class: r.getAttribute('data-class') ?? '', precision: Number(r.getAttribute('data-precision')), recall: Number(r.getAttribute('data-recall')),
      f1: Number(r.getAttribute('data-f1')), support: Number(r.getAttribute('data-support')),
    })));
    const cells = await page.getByTestId('metrics.cm-cell').evaluateAll((els) => els.map((c) => ({
      true: c.getAttribute('data-true') ?? '', pred: c.getAttribute('data-pred') ?? '', count: Number(c.getAttribute('data-count')),
    })));
    const classes = perClass.map((r) => r.class);
    const mean = (k: 'precision' | 'recall' | 'f1') => perClass.reduce((s, r) => s + r[k], 0) / Math.max(1, perClass.length);
    const baselineEl = page.getByTestId('metrics.baseline');
    const baselineFailed = page.locator('[data-testid="metrics.baseline-status"][data-state="error"]');
    await baselineEl.or(baselineFailed).first().waitFor({ timeout: 600_000 });
    const baseline = (await baselineEl.count())
      ? { method: (await baselineEl.getAttribute('data-method')) ?? '', accuracy: Number(await baselineEl.getAttribute('data-accuracy')), f1: Number(await baselineEl.getAttribute('data-f1')) }
      : null;
    if (!baseline) console.warn(`the classical baseline failed: ${await baselineFailed.textContent()}`);
    const indEl = page.getByTestId('metrics.independence');
    const independence = await indEl.waitFor({ timeout: 120_000 }).then(async () => {
      const n = async (k: string) => Number(await indEl.getAttribute(`data-${k}`));
      return { images: await n('images'), groups: await n('groups'), n: await n('n'), basis: (await indEl.getAttribute('data-basis')) ?? '', ciLow: await n('ci-low'), ciHigh: await n('ci-high') };
    }, () => null);
    const noveltyEl = page.locator('[data-testid="metrics.novelty"][data-state="measured"]');
    const novelty = (await noveltyEl.count())
      ? { flagged: Number(await noveltyEl.getAttribute('data-flagged')), total: Number(await noveltyEl.getAttribute('data-total')), threshold: Number(await noveltyEl.getAttribute('data-threshold')) }
      : null;
    const metrics: ReplicateMetrics = {
      baseline,
      independence,
      novelty,
      accuracy: Number(await accuracyEl.getAttribute('data-value')),
      macro: { precision: mean('precision'), recall: mean('recall'), f1: mean('f1') },
      perClass,
      confusion: { classes, matrix: matrixFromCells(classes, cells) },
    };
    const problems = checkConsistency(metrics);
    writeFileSync(join(out, 'confusion-matrix.csv'), confusionCsv(classes, metrics.confusion.matrix));

    const reportButton = page.getByTestId('metrics.report');
    if (await reportButton.count()) {
      const [download] = await Promise.all([page.waitForEvent('download'), reportButton.click()]);
      await download.saveAs(join(out, 'report.html'));
    } else {
      console.warn('this build has no report button (metrics.report): report.html not written');
    }
    const writeMetrics = (tested: TestMetrics | null): void => writeFileSync(join(out, 'metrics.json'), `${JSON.stringify({
      ...metrics, test: tested, problems,
      run: { url, backend, data: resolve(data), images: Number(total), groups, classRows, epochs, trainSeconds, date: new Date().toISOString() },
    }, null, 2)}\n`);
    writeMetrics(null);
    // The held-out folder, classified in the Classify step (after the report: Evaluate's page is done).
    const shown = test ? await classifyTestFolder(page, test, (done, line) => waitWithProgress(page, done, line)) : null;
    const tested = shown ? { ...shown, appAccuracy: undefined } : null;
    if (shown && shown.network.accuracy !== null && Math.abs(shown.appAccuracy - shown.network.accuracy) > 1e-3) {
      problems.push(`test accuracy ${shown.network.accuracy} ≠ the labelled-folder accuracy ${shown.appAccuracy}`);
    }
    if (tested) writeMetrics(tested);

    console.log(`\n${comparisonTable(metrics)}\n`);
    if (independence) {
      console.log(`validation: ${independence.images} images in ${independence.groups} independent groups; accuracy ${metrics.accuracy.toFixed(3)}, ` +
        `95% Wilson interval ${independence.ciLow.toFixed(3)}–${independence.ciHigh.toFixed(3)} (n = ${independence.n} ${independence.basis === 'groups' ? 'independent groups' : 'images'})\n`);
    }
    if (novelty) console.log(`unfamiliar-image check: flags ${novelty.flagged} of ${novelty.total} validation images (its false alarms; threshold ${novelty.threshold})\n`);
    if (tested) console.log(`${testTable(tested)}\n`);
    console.log(`trained in ${trainSeconds.toFixed(0)} s on ${backend}; wrote ${out}/metrics.json, confusion-matrix.csv${(await reportButton.count()) ? ', report.html' : ''}`);
    if (problems.length) {
      console.error(`the metrics do not hold together (the matrix, or the test folder's two accuracies):\n  ${problems.join('\n  ')}`);
      process.exitCode = 1;
    }
    await context.close();
  } finally {
    await browser.close();
    server?.close();
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
