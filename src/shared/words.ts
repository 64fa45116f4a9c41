// Counts in words a person would write (no "file(s)"): shared by the UI, the report and worker messages.

/** "1 file", "3 files", "no files". */
export function count(n: number, one: string, many = `${one}s`): string {
  return n === 0 ? `no ${many}` : `${n} ${n === 1 ? one : many}`;
}
