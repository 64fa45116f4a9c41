import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PORT } from '../playwright.config';
import { checkConsistency, type ReplicateMetrics } from '../scripts/lib/replicateMetrics';
import { expect, GENERATED, test } from './fixtures';

// npm run replicate:demo end to end, against the app this test run serves: generated data, import, training,
// evaluation in its own headless Chromium, then the files it writes.
test('npm run replicate:demo writes metrics that follow from its confusion matrix, and the report', async () => {
  test.setTimeout(600_000);
  const out = join(GENERATED, 'replicate-demo');
  // The shortest schedule: this test is about the files, not the accuracy (the demo's own from-scratch
  // default trains for minutes; e2e/defaults.spec.ts checks what that default reaches).
  const args = ['--demo', '--schedule', '32x1,48x1', '--batch', '8', '--url', `http://localhost:${PORT}/`, '--out', out];
  const child = spawn('npx', ['tsx', 'scripts/replicate.ts', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stdout.on('data', (d: Buffer) => (log += d.toString()));
  child.stderr.on('data', (d: Buffer) => (log += d.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  console.log(log.split('\n').filter((l) => l.startsWith('|') || l.startsWith('trained')).join('\n'));
  expect(code, log).toBe(0);
  const metrics = JSON.parse(readFileSync(join(out, 'metrics.json'), 'utf8')) as ReplicateMetrics & { run: { images: number } };
  expect(metrics.confusion.classes).toEqual(['fibres', 'nanowires', 'particles', 'porous']);
  expect(checkConsistency(metrics)).toEqual([]);
  expect(metrics.perClass.reduce((n, r) => n + r.support, 0)).toBeGreaterThan(0);
  expect(log).toContain('Modarres et al. 2017');
  expect(existsSync(join(out, 'confusion-matrix.csv'))).toBe(true);
  const report = readFileSync(join(out, 'report.html'), 'utf8');
  for (const c of metrics.confusion.classes) expect(report).toContain(c);
  // The classical baseline on the same split: in metrics.json, the printed table and the report.
  expect(metrics.baseline?.method).toBe('lbp-logreg');
  expect(metrics.baseline!.accuracy).toBeGreaterThan(0);
  expect(metrics.baseline!.f1).toBeLessThanOrEqual(1);
  expect(log).toContain('| baseline (lbp-logreg, same split) |');
  expect(report).toContain(`<td>${metrics.baseline!.accuracy.toFixed(4)}</td>`);
});
