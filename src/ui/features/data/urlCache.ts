// Object URLs of stored thumbnails, kept while used and for a while after: a gallery re-mounts the same
// cells again and again (a label moves the next image in, an undo brings thousands back, a scroll returns),
// and making and revoking an object URL is a round trip to the browser's blob registry each time. A URL
// in use is never revoked; unused ones are revoked oldest first beyond `max`.

export class UrlCache {
  /** insertion order is the order of last use */
  private readonly urls = new Map<string, { url: string; refs: number }>();

  constructor(
    private readonly make: (blob: Blob) => string,
    private readonly revoke: (url: string) => void,
    private readonly max = 400,
  ) {}

  get size(): number {
    return this.urls.size;
  }

  /** The URL kept for key, without taking it (a render may show it at once). */
  peek(key: string): string | null {
    return this.urls.get(key)?.url ?? null;
  }

  /** Takes the URL kept for key (release it when done); null when there is none. */
  take(key: string): string | null {
    const e = this.urls.get(key);
    if (!e) return null;
    e.refs++;
    this.touch(key, e);
    return e.url;
  }

  /** A URL for a blob just read, taken; the one kept already when another reader was first. */
  put(key: string, blob: Blob): string {
    const had = this.take(key);
    if (had) return had;
    const e = { url: this.make(blob), refs: 1 };
    this.urls.set(key, e);
    this.trim();
    return e.url;
  }

  release(key: string): void {
    const e = this.urls.get(key);
    if (!e) return;
    e.refs = Math.max(0, e.refs - 1);
    if (e.refs === 0) this.touch(key, e);
    this.trim();
  }

  private touch(key: string, e: { url: string; refs: number }): void {
    this.urls.delete(key);
    this.urls.set(key, e);
  }

  private trim(): void {
    if (this.urls.size <= this.max) return;
    for (const [key, e] of this.urls) {
      if (this.urls.size <= this.max) break;
      if (e.refs > 0) continue;
      this.revoke(e.url);
      this.urls.delete(key);
    }
  }
}
