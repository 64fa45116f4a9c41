// Escaping by construction for the HTML the app writes (the evaluation report): `html` is a tagged template
// whose every interpolated value is escaped, unless it is itself the result of `html` (or of `trustedSvg`,
// for the charts svg.ts draws, which escape their own text). A value from a project file, a folder name or
// a bundle can therefore never become markup, whatever its type: a number that turns out to be a string is
// escaped like any other text.

export class SafeHtml {
  constructor(readonly markup: string) {}
  toString(): string {
    return this.markup;
  }
}

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(v: unknown): string {
  return String(v).replace(/[&<>"']/g, (c) => ENTITIES[c]);
}

function part(v: unknown): string {
  if (v instanceof SafeHtml) return v.markup;
  if (Array.isArray(v)) return v.map(part).join('');
  if (v === null || v === undefined || v === false) return '';
  return escapeHtml(v);
}

export function html(strings: TemplateStringsArray, ...values: unknown[]): SafeHtml {
  let out = strings[0];
  for (let i = 0; i < values.length; i++) out += part(values[i]) + strings[i + 1];
  return new SafeHtml(out);
}

/** Markup from svg.ts, whose functions escape every label they draw (see svg.test.ts). */
export function trustedSvg(svg: string): SafeHtml {
  return new SafeHtml(svg);
}

/** The report's own policy: no script, no request anywhere; only its inline styles and data: images. */
export const REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";
