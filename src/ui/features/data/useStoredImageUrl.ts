import { useEffect, useState } from 'react';
import type { StoredImage } from '../../../shared/dataset/records';
import { getImages } from '../../../shared/storage/datasetDb';

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
 * An object URL for a stored image's thumbnail or full stored copy, read from IndexedDB only while the
 * component is mounted (the gallery mounts only visible rows) and revoked when it unmounts.
 */
export function useStoredImageUrl(hash: string, which: 'thumb' | 'bytes'): string | null {
  const [url, setUrl] = useState<{ hash: string; url: string } | null>(null);
  useEffect(() => {
    let alive = true;
    let made: string | null = null;
    readImage(hash, (img) => {
      if (!alive || !img) return;
      made = URL.createObjectURL(img[which]);
      setUrl({ hash, url: made });
    });
    return () => {
      alive = false;
      if (made) URL.revokeObjectURL(made);
    };
  }, [hash, which]);
  return url?.hash === hash ? url.url : null;
}
