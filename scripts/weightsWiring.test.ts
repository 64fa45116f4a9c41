// Where the pretrained-weights step runs: before `npm start` and `npm run build`, in the Pages workflow after
// restoring its cache and before the build, and never in the e2e build (no network in tests).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { KERAS_RESNET50_NOTOP } from './lib/weightsFetch';

const read = (path: string) => readFileSync(new URL(`../${path}`, import.meta.url), 'utf8');
const FILE = KERAS_RESNET50_NOTOP.url.split('/').pop()!;

/** The steps of one job of a GitHub workflow, each as its text (`- uses: …` or `- run: …` with its lines). */
function jobSteps(yaml: string, job: string): string[] {
  const lines = yaml.split('\n');
  const start = lines.findIndex((l) => l === `  ${job}:`);
  expect(start, `job ${job}`).toBeGreaterThanOrEqual(0);
  const end = lines.findIndex((l, i) => i > start && /^ {2}\S/.test(l));
  const body = lines.slice(start + 1, end < 0 ? undefined : end);
  const first = body.findIndex((l) => /^\s+steps:\s*$/.test(l));
  const indent = /^\s*/.exec(body[first + 1])![0];
  const steps: string[] = [];
  for (const line of body.slice(first + 1)) {
    if (line.trim() === '' || line.trim().startsWith('#')) continue;
    if (line.startsWith(`${indent}- `)) steps.push(line.trim().slice(2));
    else if (line.startsWith(`${indent}  `)) steps[steps.length - 1] += `\n${line.trim()}`;
    else break;
  }
  return steps;
}

describe('pretrained weights wiring', () => {
  it('npm start and npm run build run the set-up step first; the e2e build does not', () => {
    const scripts = (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts;
    for (const name of ['prestart', 'prebuild']) expect(scripts[name], name).toMatch(/^tsx scripts\/setup-weights\.ts$/);
    expect(scripts['setup:weights']).toBe('tsx scripts/setup-weights.ts');
    expect(scripts.start).toMatch(/^vite build && /);
    // `npx vite build` does not run npm's pre-scripts.
    expect(read('playwright.config.ts')).toMatch(/command: `npx vite build --mode e2e && /);
  });

  it('the Pages workflow restores the weights cache and fetches them (strictly) before the build', () => {
    const steps = jobSteps(read('.github/workflows/pages.yml'), 'build');
    const cache = steps.findIndex((s) => s.startsWith('uses: actions/cache@'));
    const fetch = steps.findIndex((s) => /^run: npm run setup:weights\b/.test(s));
    const build = steps.findIndex((s) => s === 'run: npm run build');
    expect(cache, steps.join('\n---\n')).toBeGreaterThanOrEqual(0);
    expect(fetch).toBeGreaterThan(cache);
    expect(build).toBeGreaterThan(fetch);

    const path = /\npath: (\S+)/.exec(steps[cache])?.[1];
    const key = /\nkey: (\S+)/.exec(steps[cache])?.[1] ?? '';
    expect(path).toBe('~/.cache/sem-classifier');
    expect(key).toContain(FILE);
    expect(key).toContain(KERAS_RESNET50_NOTOP.md5);
    // The step reads and fills the folder the cache step restores and saves, and stops the deploy on failure.
    expect(steps[fetch]).toContain(`--cache ${path}`);
    expect(steps[fetch]).toContain('--strict');
    expect(steps.slice(0, fetch).some((s) => s === 'run: npm ci')).toBe(true);
  });
});
