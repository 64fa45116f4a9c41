import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PORT } from '../playwright.config';
import { accuracyInterval } from '../src/shared/eval/wilson';
import { planSyntheticDataset } from '../src/shared/synth/index';
import { DEMO_TRAIN, writeHeldOut } from '../scripts/lib/replicateDemo';
import { checkConsistency, type ReplicateMetrics, type TestMetrics } from '../scripts/lib/replicateMetrics';
import { expect, GENERATED, test } from './fixtures';

// npm run replicate:demo end to end, against the app this test run serves: generated data, import, training,
// evaluation in its own headless Chromium, then a held-out test folder classified in Classify, then the files
// it writes. The test folder holds new fields and re-shots of training frames (near-copies: leakage).
test('npm run replicate:demo writes metrics that follow from its confusion matrix, the report, and the held-out test with its leakage', async () => {
  test.setTimeout(600_000);
  const out = join(GENERATED, 'replicate-demo');
  const testDir = join(GENERATED, 'replicate-test');
  const held = writeHeldOut(testDir, DEMO_TRAIN, { fresh: 3, copies: 2 });
  const appUrl = `http://localhost:${PORT}/?from=replicate-spec`;
  const child = spawn('npx', ['tsx', 'scripts/replicate.ts', '--demo', '--url', appUrl, '--out', out, '--test', testDir, '--aug', 'flip,rot90',
    // the shortest schedule: this test is about the files, not the accuracy (the demo's from-scratch default
    // trains for minutes; e2e/defaults.spec.ts checks what that default reaches). Two epochs at one size: a second
    // size only costs shader compiling on SwiftShader (~20 s); --aug's comma still shows the URL encoding.
    '--schedule', '32x2', '--batch', '8'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stdout.on('data', (d: Buffer) => (log += d.toString()));
  child.stderr.on('data', (d: Buffer) => (log += d.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  console.log(log.split('\n').filter((l) => /^(\||trained|validation:|near-copies:|imported)/.test(l)).join('\n'));
  expect(code, log).toBe(0);
  const metrics = JSON.parse(readFileSync(join(out, 'metrics.json'), 'utf8')) as ReplicateMetrics & { test: TestMetrics; run: { images: number; groups: number; url: string } };
  expect(metrics.confusion.classes).toEqual(['fibres', 'nanowires', 'particles', 'porous']);
  expect(checkConsistency(metrics)).toEqual([]);
  const validImages = metrics.perClass.reduce((n, r) => n + r.support, 0);
  expect(validImages).toBeGreaterThan(0);
  expect(log).toContain('Modarres et al. 2017');
  expect(existsSync(join(out, 'confusion-matrix.csv'))).toBe(true);
  const report = readFileSync(join(out, 'report.html'), 'utf8');
  for (const c of metrics.confusion.classes) expect(report).toContain(c);
  // The given URL keeps its query; the run's parameters, --aug included, are added to it.
  expect(metrics.run.url).toBe(`${appUrl}&backbone=resnet50-tiny&schedule=32x2&batch=8&seed=1&aug=flip%2Crot90`);
  // The classical baseline on the same split: in metrics.json, the printed table and the report.
  expect(metrics.baseline?.method).toBe('lbp-logreg');
  expect(metrics.baseline!.accuracy).toBeGreaterThan(0);
  expect(metrics.baseline!.f1).toBeLessThanOrEqual(1);
  expect(log).toContain('| baseline (lbp-logreg, same split) |');
  expect(report).toContain(`<td>${metrics.baseline!.accuracy.toFixed(4)}</td>`);

  // Independence: the generated set re-shoots a quarter of its frames, and each re-shot joins its original.
  const originals = planSyntheticDataset(DEMO_TRAIN).filter((p) => !p.twinOf).length;
  expect(metrics.run.images).toBe(64);
  expect(metrics.run.groups).toBe(originals);
  const ind = metrics.independence!;
  expect(ind.images).toBe(validImages);
  expect(ind.groups).toBeLessThan(validImages); // re-shot pairs sit on one side of the split, some in validation
  const ci = accuracyInterval(metrics.accuracy, ind.images, ind.groups);
  expect(ind).toMatchObject({ n: ind.groups, basis: 'groups' });
  expect(ind.ciLow).toBeCloseTo(ci.low, 3);
  expect(ind.ciHigh).toBeCloseTo(ci.high, 3);
  expect(report).toContain(`rest on <b>${ind.groups} independent groups</b>`);
  // The unfamiliar-image check's false alarms on the same validation images.
  expect(metrics.novelty).toMatchObject({ total: validImages });
  expect(metrics.novelty!.flagged).toBeLessThanOrEqual(validImages);
  expect(report).toContain(`Here it flags ${metrics.novelty!.flagged} of the ${validImages} validation images`);
  expect(log).toContain(`unfamiliar-image check: flags ${metrics.novelty!.flagged} of ${validImages} validation images`);

  // The held-out folder: network and baseline, the near-copies of training frames found, and the rest.
  const t = metrics.test;
  expect(t).toMatchObject({ images: held.images, nearCopies: held.nearCopies });
  expect(t.baseline?.method).toBe('lbp-logreg');
  expect(t.clean.network.images).toBe(held.images - held.nearCopies);
  for (const s of [t.network, t.baseline!, t.clean.network, t.clean.baseline!, t.copies.network, t.copies.baseline!]) {
    expect(s.accuracy).toBeGreaterThanOrEqual(0);
    expect(s.accuracy).toBeLessThanOrEqual(1);
  }
  // The parts add up to the whole, for the network and for the baseline.
  const sum = (f: (x: TestMetrics['clean']) => number) => (f(t.clean) + f(t.copies)) / t.images;
  expect(t.network.accuracy!).toBeCloseTo(sum((p) => p.network.accuracy! * p.network.images), 3);
  expect(t.baseline!.accuracy!).toBeCloseTo(sum((p) => p.baseline!.accuracy! * p.baseline!.images), 3);
  expect(log).toContain(`| network, all test images | ${held.images} | ${t.network.accuracy!.toFixed(3)} | ${t.network.f1!.toFixed(3)} |`);
  expect(log).toContain(`| baseline (lbp-logreg), all test images | ${held.images} | ${t.baseline!.accuracy!.toFixed(3)} |`);
  expect(log).toContain(`| network, without a near-copy in training | ${held.images - held.nearCopies} | ${t.clean.network.accuracy!.toFixed(3)} |`);
  expect(log).toContain(`near-copies: ${held.nearCopies} of ${held.images} test images have a near-duplicate in the training folder`);
});
