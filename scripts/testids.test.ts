// docs/testids.md is the one list of test ids beyond the shared contract. This test keeps it honest:
// (a) every id the e2e specs use is listed there or in CONTRACT.md, and (b) every id it lists is rendered in src/.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CONTRACT = join(ROOT, '../shared/design/CONTRACT.md');
const DOC = join(ROOT, 'docs/testids.md');

const read = (path: string) => readFileSync(path, 'utf8');
/** Contents of the files under `dir` whose names `keep` matches. */
const sources = (dir: string, keep: RegExp) =>
  readdirSync(join(ROOT, dir), { recursive: true, encoding: 'utf8' }).filter((f) => keep.test(f)).map((f) => read(join(ROOT, dir, f)));
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A dotted id such as `dataset.scale-row`; a `<name>` part marks a pattern (`metrics.export-png.<chart>`). */
const ID = String.raw`[a-z][\w-]*(?:\.[\w<>-]+)+`;
/** Literals that look like ids but name files (`model.json`, `bar_0.png`). */
const FILE = /\.(json|zip|bin|png|tiff?|jpe?g|bmp|gif|webp|csv|md|html|txt|h5|pem|ts|js)$/;

/**
 * Ids the e2e files use: literals in getByTestId(…) and `[data-testid="…"]`, any other string literal that starts
 * like one of those (ids handed to helpers such as downloadCsv, or kept in lists), and the fixed heads of
 * template ids (`nav.${name}` gives `nav.`).
 */
function e2eIds(files: string[]): { ids: Set<string>; heads: Set<string> } {
  const ids = new Set<string>();
  const heads = new Set<string>();
  for (const s of files) {
    for (const m of s.matchAll(/getByTestId\(\s*(['"`])([^'"`$]+)\1/g)) ids.add(m[2]);
    for (const m of s.matchAll(/data-testid="([^"$]+)"/g)) ids.add(m[1]);
    for (const m of s.matchAll(/getByTestId\(`([^`$]*)\$\{/g)) heads.add(m[1]);
  }
  const prefixes = new Set([...ids].map((id) => id.split('.')[0]));
  for (const s of files) {
    for (const m of s.matchAll(new RegExp(`(['"\`])(${ID})\\1`, 'g'))) {
      if (prefixes.has(m[2].split('.')[0]) && !FILE.test(m[2]) && !m[2].includes('<')) ids.add(m[2]);
    }
  }
  return { ids, heads };
}

/** Backticked ids in a Markdown file's table rows (only in the first column when `firstColumn`). */
function documentedIds(markdown: string, firstColumn: boolean): string[] {
  const rows = markdown.split('\n').filter((line) => line.startsWith('|'));
  return rows.flatMap((row) => [...(firstColumn ? row.split('|')[1] : row).matchAll(new RegExp(`\`(${ID})\``, 'g'))].map((m) => m[1]));
}

/** Whether a documented id (or pattern) matches `id`. */
const covers = (doc: string, id: string) => new RegExp(`^${doc.split(/<[^>]*>/).map(escape).join('[\\w-]+')}$`).test(id);

/**
 * Whether src/ renders `id`: a string literal equal to it (data-testid="…", a testId prop or argument), or a
 * data-testid template (`metrics.curve.${name}`). A template that starts with a variable (`${ns}.cm-cell`) counts
 * only when that variable's part is itself a string literal in src/ ('predict.truth').
 */
function renderedIn(files: string[]): (id: string) => boolean {
  const literals = new Set(files.flatMap((s) => [...s.matchAll(/(['"])([\w.-]+)\1/g)].map((m) => m[2])));
  const templates = files.flatMap((s) => [...s.matchAll(/data-testid=\{`([^`]*)`\}/g)].map((m) => m[1].split(/\$\{[^}]*\}/)));
  return (doc) => {
    const id = doc.replace(/<[^>]*>/g, 'x');
    if (literals.has(id)) return true;
    return templates.some((parts) => {
      const m = new RegExp(`^${parts.map(escape).join('([\\w.-]+)')}$`).exec(id);
      return m !== null && (parts[0] !== '' || literals.has(m[1]));
    });
  };
}

describe('docs/testids.md', () => {
  const doc = documentedIds(read(DOC), true);

  it('lists every id the e2e tests use that CONTRACT.md does not', (ctx) => {
    ctx.skip(!existsSync(CONTRACT), `${CONTRACT} is absent: cannot tell contract ids from undocumented ones`);
    const known = [...documentedIds(read(CONTRACT), false), ...doc];
    const { ids, heads } = e2eIds(sources('e2e', /\.ts$/));
    expect(ids.size).toBeGreaterThan(100); // the parser still finds the specs' ids
    const missing = [...ids].filter((id) => !known.some((d) => covers(d, id)));
    const missingHeads = [...heads].filter((h) => !known.some((d) => d.startsWith(h)));
    expect([...missing, ...missingHeads].sort()).toEqual([]);
  });

  it('lists only ids that src/ renders', () => {
    const rendered = renderedIn(sources('src', /^(?!.*\.test\.tsx?$).*\.tsx?$/));
    expect(doc.length).toBeGreaterThan(100);
    expect(doc.filter((id) => !rendered(id)).sort()).toEqual([]);
  });

  it('lists each id once', () => {
    expect(doc.filter((id, i) => doc.indexOf(id) !== i)).toEqual([]);
  });
});
