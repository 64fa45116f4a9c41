// One image's instrument record from everything that came with it: the TIFF's private tags (FEI/Thermo
// 34682, Zeiss 34118), the sidecar text next to it (JEOL, Hitachi) and the scale bar burnt into its data
// bar. Runs in the decode workers (import) and the compute worker (Classify).

import { instrumentInfo, type InstrumentInfo } from './instrument';
import { readFeiTag } from './metaFei';
import { readHitachiSidecar } from './metaHitachi';
import { readJeolSidecar } from './metaJeol';
import { readZeissTag } from './metaZeiss';

export interface VendorTexts {
  /** tag 34682's text */
  fei?: string | null;
  /** tag 34118's text */
  zeiss?: string | null;
  /** the `.txt` sidecar's text */
  sidecar?: string | null;
  /** nm per pixel of the file, read from the burnt-in scale bar (scaleBar.ts) */
  scaleBarNm?: number | null;
}

/** Tags first (written by the instrument into the file itself), then the sidecar, then the burnt-in scale bar. */
export function readImageMeta(texts: VendorTexts, fileWidth: number): InstrumentInfo | undefined {
  const sidecar = texts.sidecar ?? null;
  return instrumentInfo([
    texts.fei ? readFeiTag(texts.fei) : null,
    texts.zeiss ? readZeissTag(texts.zeiss) : null,
    sidecar ? readJeolSidecar(sidecar) ?? readHitachiSidecar(sidecar) : null,
    texts.scaleBarNm ? { source: 'scale-bar', pixelSizeNm: texts.scaleBarNm } : null,
  ], fileWidth);
}
