import { useEffect, useState } from 'react';
import type { StoredImage } from '../../../shared/dataset/records';
import { getImages } from '../../../shared/storage/datasetDb';
import { UrlCache } from './urlCache';

const urls = new UrlCache((blob) => URL.createObjectURL(blob), (url) => URL.revokeObjectURL(url));

// Reads asked for in the same task go to storage together, in one transaction: a gallery that mounts 90
// thumbnails at once (a scroll, an undo that brings 5,000 images back) would otherwise open 90.
let waiting = new Map<string, ((img: StoredImage | undefined) => void)[]>();
let flushing = false;

function readImage(hash: string, then: (img: StoredImage | undefined) => void): void {
  waiting.set(hash, [...(waiting.get(hash) ?? []), then]);
  if (flushing) return;
  flushing = true;
  setTimeout(() => {
    const batch = waiting;
    waiting = new Map();
    flushing = false;
    getImages([...batch.keys()], (hash, img) => batch.get(hash)?.forEach((f) => f(img))).catch(() => batch.forEach((fs) => fs.forEach((f) => f(undefined))));
  }, 0);
}

/**
 * An object URL for a stored image's thumbnail or full stored copy, read from IndexedDB while the component
 * is mounted (the gallery mounts only visible rows); URLs are kept a while after (urlCache.ts), so cells
 * mounted again show at once, without a read.
 */
export function useStoredImageUrl(hash: string, which: 'thumb' | 'bytes'): string | null {
  const key = `${which}:${hash}`;
  const [read, setRead] = useState<{ key: string; url: string } | null>(null);
  useEffect(() => {
    let alive = true;
    let held = urls.take(key) !== null;
    if (!held) {
      readImage(hash, (img) => {
        if (!alive || !img) return;
        held = true;
        setRead({ key, url: urls.put(key, img[which]) });
      });
    }
    return () => {
      alive = false;
      if (held) urls.release(key);
    };
  }, [key, hash, which]);
  return read?.key === key ? read.url : urls.peek(key);
}
