import { describe, expect, it } from 'vitest';
import { UrlCache } from './urlCache';

function cache(max: number) {
  let n = 0;
  const made: string[] = [];
  const revoked: string[] = [];
  const c = new UrlCache(() => {
    const url = `blob:${n++}`;
    made.push(url);
    return url;
  }, (url) => revoked.push(url), max);
  return { c, made, revoked };
}

const blob = new Blob([new Uint8Array([1])]);

describe('UrlCache', () => {
  it('makes one URL per key, reused by later readers and after a re-mount', () => {
    const { c, made } = cache(10);
    const a = c.put('t:a', blob);
    expect(c.put('t:a', blob)).toBe(a); // a second reader
    c.release('t:a');
    c.release('t:a');
    expect(c.take('t:a')).toBe(a); // mounted again: no new URL
    expect(c.peek('t:b')).toBeNull();
    expect(made).toEqual([a]);
  });

  it('revokes unused URLs oldest first beyond its size, never one in use', () => {
    const { c, revoked } = cache(2);
    const a = c.put('a', blob);
    const b = c.put('b', blob);
    c.release('b');
    c.release('a'); // a is now the most recently used of the unused
    c.put('c', blob);
    expect(revoked).toEqual([b]);
    const d = c.put('d', blob); // a unused, c and d in use: a goes
    expect(revoked).toEqual([b, a]);
    c.put('e', blob); // c, d, e all in use: over size, nothing revoked
    expect(revoked).toEqual([b, a]);
    expect(c.size).toBe(3);
    c.release('d');
    expect(revoked).toEqual([b, a, d]);
    expect(c.size).toBe(2);
  });
});
