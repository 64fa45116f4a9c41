// The shipped source uses no raw-HTML injection and no string-to-code evaluation: user-given names (folder
// and file names, class names, model names) are always rendered as text, and the CSP's script-src has no
// 'unsafe-eval' to fall back on.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = join(import.meta.dirname, '..');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return sources(p);
    return /\.(ts|tsx)$/.test(name) && !/\.test\.tsx?$/.test(name) ? [p] : [];
  });
}

describe('source safety', () => {
  const files = sources(SRC).map((p) => ({ p, text: readFileSync(p, 'utf8') }));
  it.each([
    ['dangerouslySetInnerHTML', /dangerouslySetInnerHTML/],
    ['innerHTML / outerHTML assignment', /\.(inner|outer)HTML\s*=/],
    ['insertAdjacentHTML / document.write', /insertAdjacentHTML|document\.write\(/],
    ['eval', /(^|[^.\w])eval\s*\(/],
    ['new Function', /new\s+Function\s*\(/],
    ['string timers', /set(Timeout|Interval)\s*\(\s*['"`]/],
  ])('no %s in src/', (_name, pattern) => {
    expect(files.length).toBeGreaterThan(50);
    expect(files.filter((f) => pattern.test(f.text)).map((f) => f.p)).toEqual([]);
  });
});
