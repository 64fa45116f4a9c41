import { useEffect, useState } from 'react';
import { getImage } from '../../../shared/storage/datasetDb';

/**
 * An object URL for a stored image's thumbnail or full stored copy, read from IndexedDB only while the
 * component is mounted (the gallery mounts only visible rows) and revoked when it unmounts.
 */
export function useStoredImageUrl(hash: string, which: 'thumb' | 'bytes'): string | null {
  const [url, setUrl] = useState<{ hash: string; url: string } | null>(null);
  useEffect(() => {
    let alive = true;
    let made: string | null = null;
    void getImage(hash).then((img) => {
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
