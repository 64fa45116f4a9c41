import { useMemo } from 'react';
import type { DatasetEntry } from '../../../shared/dataset/records';
import { useStore } from '../../store';
import { Thumb } from '../data/Thumb';
import { useStoredImageUrl } from '../data/useStoredImageUrl';

/** Dataset entries by image hash, built once per dataset change (galleries look many images up). */
export function useEntriesByHash(): Map<string, DatasetEntry> {
  const entries = useStore((s) => s.entries);
  return useMemo(() => new Map(entries.map((e) => [e.hash, e])), [entries]);
}

/** An evaluated image's stored thumbnail (data bar cropped as in training), or a plain box if the dataset is gone. */
export function EvalThumb({ hash, entry, size }: { hash: string; entry: DatasetEntry | undefined; size: number }) {
  const crop = useStore((s) => s.meta?.cropDataBar ?? true);
  if (entry) return <Thumb entry={entry} crop={crop} size={size} which={size > 64 ? 'bytes' : 'thumb'} />;
  return <Fallback hash={hash} size={size} />;
}

function Fallback({ hash, size }: { hash: string; size: number }) {
  const url = useStoredImageUrl(hash, 'thumb');
  return (
    <span className="thumb-box" style={{ width: size, height: size }}>
      {url && <img src={url} alt="" width={size} height={size} style={{ objectFit: 'cover' }} />}
    </span>
  );
}
