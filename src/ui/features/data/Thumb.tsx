import { croppedStoredRows, type DatasetEntry } from '../../../shared/dataset/records';
import { useStoredImageUrl } from './useStoredImageUrl';

/**
 * A stored image, optionally with the data bar cropped off by CSS: the stored copy keeps the whole frame
 * so that the crop toggle needs no re-decoding. The visible box has the cropped aspect ratio and the
 * image is anchored at the top, so the bar rows fall outside it.
 */
export function Thumb({ entry, crop, size, which = 'thumb', outline = false }: {
  entry: DatasetEntry; crop: boolean; size: number; which?: 'thumb' | 'bytes'; outline?: boolean;
}) {
  const url = useStoredImageUrl(entry.hash, which);
  const rows = crop ? croppedStoredRows(entry) : entry.storedHeight;
  const k = size / Math.max(entry.storedWidth, rows);
  const w = Math.round(entry.storedWidth * k);
  const h = Math.round(rows * k);
  const imgH = Math.round(entry.storedHeight * k);
  const bar = entry.dataBar;
  return (
    <span className="thumb-box" style={{ width: w, height: h }}>
      {url && <img src={url} alt="" width={w} height={imgH} draggable={false} />}
      {outline && bar.found && (
        <>
          {/* Everything from the crop line down is cut: the bar and any image strip below it. */}
          <span className="crop-cut" style={{ top: Math.round((bar.top / entry.height) * imgH), height: imgH - Math.round((bar.top / entry.height) * imgH) }} />
          <span
            className="bar-outline"
            style={{ top: Math.round((bar.top / entry.height) * imgH), height: Math.max(2, Math.round(((bar.bottom - bar.top) / entry.height) * imgH)) }}
          />
          <span className="crop-line" data-testid="data.crop-line" data-row={bar.top} style={{ top: Math.round((bar.top / entry.height) * imgH) }} />
        </>
      )}
    </span>
  );
}
