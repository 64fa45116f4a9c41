// Test-only fault injection: `?fault=quota-import@1,oom@3` makes the app fail on purpose at a named point,
// so the e2e tests can check what a user sees when storage fills up or memory runs out. One parser for every
// fault name (the training ones in train/faults.ts included): each entry is `<name>@<n>`, n counting from 0
// (the n-th occurrence, 0 = the first: the first batch, step or epoch), or a bare `<name>` (= `@0`).
// Unknown names are kept and ignored: features add their own names without touching this parser.
//
// Only a test build reads it: `vite build --mode e2e` (what the e2e tests build) sets __TEST_FAULTS__; the
// production build (`npm run build`) compiles `?fault=` away, so a shared link cannot fake "storage full".

export interface Fault {
  name: string;
  /** 0-based occurrence */
  at: number;
}

declare const __TEST_FAULTS__: boolean | undefined;

/** True only in a build made for the e2e tests (and in unit tests, which pass it explicitly). */
export const TEST_BUILD: boolean = typeof __TEST_FAULTS__ !== 'undefined' && __TEST_FAULTS__ === true;

export function parseFaults(value: string | null | undefined, enabled: boolean = TEST_BUILD): Fault[] {
  if (!enabled || !value) return [];
  const out: Fault[] = [];
  for (const part of value.split(',')) {
    const m = /^\s*([a-z][a-z0-9-]*)(?:@(\d{1,9}))?\s*$/i.exec(part);
    if (m) out.push({ name: m[1].toLowerCase(), at: m[2] === undefined ? 0 : Number(m[2]) });
  }
  return out;
}

/** The `?fault=` list of a page's query string; empty outside a test build. */
export function faultsFromSearch(search: string, enabled: boolean = TEST_BUILD): Fault[] {
  return parseFaults(new URLSearchParams(search).get('fault'), enabled);
}

/** The 0-based occurrence at which `name` should fail, or null when it is not requested. */
export function faultAt(faults: readonly Fault[], name: string): number | null {
  return faults.find((f) => f.name === name)?.at ?? null;
}
