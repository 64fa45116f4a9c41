import { defineConfig } from 'vitest/config';

// Vitest 5 reports failures with Map.groupBy / Object.groupBy (Node 21+). Node 20, which this machine and CI
// run, lacks them, and the report of a failing run would be lost. This config runs in the reporter's process.
function groupBy<K, T>(items: Iterable<T>, key: (item: T, i: number) => K): Map<K, T[]> {
  const out = new Map<K, T[]>();
  let i = 0;
  for (const item of items) {
    const k = key(item, i++);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}
const M = Map as unknown as { groupBy?: typeof groupBy };
M.groupBy ??= groupBy;
const O = Object as unknown as { groupBy?: (items: Iterable<unknown>, key: (item: unknown, i: number) => PropertyKey) => object };
O.groupBy ??= (items, key) => Object.assign(Object.create(null), Object.fromEntries(groupBy(items, key)));

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'scripts/**/*.test.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
