// The INI text FEI/Thermo Fisher TIFF tags and Hitachi sidecars hold: `[Section]` lines, then `Key=Value`
// lines. Section and key names are matched case-insensitively (instruments and software versions differ:
// `[System]` and `[SYSTEM]` both occur); the first value of a repeated key wins; anything else is ignored.

export type Ini = Map<string, Map<string, string>>;

/** Sections by lower-case name, keys by lower-case name; keys before any section go under ''. */
export function parseIni(text: string): Ini {
  const ini: Ini = new Map();
  let section = new Map<string, string>();
  ini.set('', section);
  for (const raw of text.split(/\r\n|\r|\n|\0/)) {
    const line = raw.trim();
    if (!line || line.startsWith(';') || line.startsWith('#')) continue;
    const head = /^\[([^\]]*)\]$/.exec(line);
    if (head) {
      const name = head[1].trim().toLowerCase();
      section = ini.get(name) ?? new Map<string, string>();
      ini.set(name, section);
      continue;
    }
    const eq = line.indexOf('=');
    if (eq <= 0) continue;
    const key = line.slice(0, eq).trim().toLowerCase();
    if (!section.has(key)) section.set(key, line.slice(eq + 1).trim());
  }
  return ini;
}

/** A non-empty value, or undefined. */
export function iniGet(ini: Ini, section: string, key: string): string | undefined {
  const v = ini.get(section.toLowerCase())?.get(key.toLowerCase());
  return v === undefined || v === '' ? undefined : v;
}
