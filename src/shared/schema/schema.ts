// A tiny schema checker for JSON from outside (project files, bundles): each field's type and range, so a
// hostile file is refused with the path of the bad field ("runs[0].recipe.seed must be …") instead of a
// string travelling on as a number into a report, a chart or an IndexedDB key. Unknown fields are
// dropped; a checked value has exactly the declared shape.

export class SchemaError extends Error {
  override name = 'SchemaError';
  constructor(readonly path: string, readonly expected: string) {
    super(`${path || 'the value'} must be ${expected}`);
  }
}

export type Check<T> = (v: unknown, path: string) => T;

const fail = (path: string, expected: string): never => {
  throw new SchemaError(path, expected);
};

export function num(min = -Number.MAX_VALUE, max = Number.MAX_VALUE): Check<number> {
  return (v, p) => (typeof v === 'number' && Number.isFinite(v) && v >= min && v <= max ? v : fail(p, `a number from ${min} to ${max}`));
}

export function int(min = 0, max = Number.MAX_SAFE_INTEGER): Check<number> {
  return (v, p) => (typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max ? v : fail(p, `a whole number from ${min} to ${max}`));
}

export function str(maxLength = 10_000, pattern?: RegExp): Check<string> {
  return (v, p) =>
    typeof v === 'string' && v.length <= maxLength && (!pattern || pattern.test(v)) ? v : fail(p, `text of at most ${maxLength} characters${pattern ? ` matching ${pattern}` : ''}`);
}

export const bool: Check<boolean> = (v, p) => (typeof v === 'boolean' ? v : fail(p, 'true or false'));

export function oneOf<const T extends readonly (string | number | boolean)[]>(values: T): Check<T[number]> {
  return (v, p) => ((values as readonly unknown[]).includes(v) ? (v as T[number]) : fail(p, `one of ${values.map((x) => JSON.stringify(x)).join(', ')}`));
}

export function nullable<T>(c: Check<T>): Check<T | null> {
  return (v, p) => (v === null ? null : c(v, p));
}

/** Absent (undefined) stays absent. */
export function optional<T>(c: Check<T>): Check<T | undefined> {
  return (v, p) => (v === undefined ? undefined : c(v, p));
}

export function arr<T>(c: Check<T>, maxLength = 10_000_000): Check<T[]> {
  return (v, p) => {
    if (!Array.isArray(v) || v.length > maxLength) fail(p, `a list of at most ${maxLength} items`);
    return (v as unknown[]).map((x, i) => c(x, `${p}[${i}]`));
  };
}

export function either<A, B>(a: Check<A>, b: Check<B>, expected: string): Check<A | B> {
  return (v, p) => {
    try {
      return a(v, p);
    } catch {
      try {
        return b(v, p);
      } catch {
        return fail(p, expected);
      }
    }
  };
}

type Shape = Record<string, Check<unknown>>;
type Out<S extends Shape> = { [K in keyof S]: ReturnType<S[K]> };

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** An object with exactly these fields (own properties only; others are dropped). */
export function obj<S extends Shape>(shape: S): Check<Out<S>> {
  return (v, p) => {
    if (!isObj(v)) fail(p, 'an object');
    const src = v as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(shape)) {
      const value = shape[key](Object.hasOwn(src, key) ? src[key] : undefined, p ? `${p}.${key}` : key);
      if (value !== undefined) out[key] = value;
    }
    return out as Out<S>;
  };
}

/** A string-keyed map (split assignments), its keys and values checked, in a null-prototype object. */
export function record<T>(key: Check<string>, value: Check<T>, maxKeys = 10_000_000): Check<Record<string, T>> {
  return (v, p) => {
    if (!isObj(v)) fail(p, 'an object');
    const keys = Object.keys(v as object);
    if (keys.length > maxKeys) fail(p, `an object of at most ${maxKeys} keys`);
    const out: Record<string, T> = Object.create(null) as Record<string, T>;
    for (const k of keys) out[key(k, `${p} key`)] = value((v as Record<string, unknown>)[k], `${p}[${JSON.stringify(k).slice(0, 60)}]`);
    return out;
  };
}
