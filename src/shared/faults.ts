// Test-only fault injection: `?fault=quota-import@2,oom@3` makes the app fail on purpose at a named point,
// so the e2e tests can check what a user sees when storage fills up or memory runs out. Each entry is
// `<name>@<n>` (fail at the n-th occurrence, counting from 1) or a bare `<name>` (fail at the first).
// Unknown names are kept and ignored: features add their own names without touching this parser.

export interface Fault {
  name: string;
  at: number;
}

export function parseFaults(value: string | null): Fault[] {
  if (!value) return [];
  const out: Fault[] = [];
  for (const part of value.split(',')) {
    const m = /^\s*([a-z][a-z0-9-]*)(?:@(\d{1,9}))?\s*$/i.exec(part);
    if (m) out.push({ name: m[1].toLowerCase(), at: m[2] === undefined ? 1 : Math.max(1, Number(m[2])) });
  }
  return out;
}

/** The occurrence at which `name` should fail, or null when it is not requested. */
export function faultAt(faults: readonly Fault[], name: string): number | null {
  return faults.find((f) => f.name === name)?.at ?? null;
}
