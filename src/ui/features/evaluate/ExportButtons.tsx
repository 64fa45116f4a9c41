import { useState } from 'react';
import { downloadBlob } from '../../download';
import { svgToPng } from './exportImage';

/** "SVG" and "PNG" buttons for one figure; getSvg returns null while there is nothing drawn. */
export function ExportButtons({ name, label, getSvg }: { name: string; label: string; getSvg: () => string | null }) {
  const [error, setError] = useState<string | null>(null);
  const save = async (kind: 'svg' | 'png') => {
    setError(null);
    const svg = getSvg();
    if (!svg) return setError('Nothing is drawn yet.');
    try {
      const blob = kind === 'svg' ? new Blob([svg], { type: 'image/svg+xml' }) : await svgToPng(svg);
      downloadBlob(blob, `${name}.${kind}`);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <span className="export-buttons">
      <button type="button" onClick={() => void save('svg')} aria-label={`Save the ${label} as SVG`} data-testid={`metrics.export-svg.${name}`}>SVG</button>
      <button type="button" onClick={() => void save('png')} aria-label={`Save the ${label} as PNG`} data-testid={`metrics.export-png.${name}`}>PNG</button>
      {error && <span className="error" role="alert">{error}</span>}
    </span>
  );
}
