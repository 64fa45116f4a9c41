import { useState } from 'react';
import { useStore } from '../../store';
import { isUncertain, pageSlice } from './classifySelectors';
import type { PredictionRow } from './classifySlice';
import { formatPixelSize, instrumentSummary, pixelNmAttr } from '../data/instrumentPhrasing';
import { GradCamDialog } from './GradCamDialog';
import type { Novelty } from '../../../shared/predict';

const pct = (p: number) => `${(p * 100).toFixed(1)}%`;

/** Why the tag is there, in the words a microscopist checks it by. */
export function unfamiliarTitle(n: Novelty): string {
  return `Unlike the training images: its features are farther from every class (nearest: ${n.nearest}, distance ${n.distance.toFixed(3)}) `
    + `than 99 % of the training images are from theirs (${n.threshold.toFixed(3)}). The model may never have seen anything like it, `
    + 'whatever its confidence: check it by eye.';
}
/** Up to this many rows the table shows them all; past it, pages of PAGE_SIZE keep the DOM small. */
export const ALL_ROWS_UP_TO = 1000;
const PAGE_SIZE = 200;

export function PredictionTable({ rows }: { rows: PredictionRow[] }) {
  const untrained = useStore((s) => s.model !== null && !s.model.headTrained);
  const below = useStore((s) => s.uncertainBelow);
  const [page, setPage] = useState(0);
  const [camRow, setCamRow] = useState<PredictionRow | null>(null);
  if (!rows.length) return null;
  const paged = rows.length > ALL_ROWS_UP_TO ? pageSlice(rows, page, PAGE_SIZE) : { rows, page: 0, pages: 1 };

  return (
    <>
      {paged.pages > 1 && <Pager page={paged.page} pages={paged.pages} total={rows.length} onPage={setPage} />}
      <table className="table" aria-label="Predictions">
        <thead>
          <tr><th><span className="sr-only">Thumbnail</span></th><th>File</th><th>Label</th><th>Confidence</th><th>Top 3</th><th><span className="sr-only">Explain</span></th></tr>
        </thead>
        <tbody>
          {paged.rows.map((r) => {
            const best = r.state === 'done' ? r.top[0] : undefined;
            const uncertain = isUncertain(r, below);
            return (
              <tr
                key={r.id}
                data-testid={r.state === 'pending' ? 'predict.pending-row' : 'predict.row'}
                data-file={r.file}
                data-label={best?.label ?? ''}
                data-confidence={best ? best.probability.toFixed(4) : ''}
                data-uncertain={uncertain ? 'true' : 'false'}
                data-top={r.top.map((t) => `${t.label}=${t.probability}`).join(' ')}
                data-state={r.state}
                data-error={r.error ?? undefined}
                data-pixel-nm={pixelNmAttr(r.instrument)}
                data-unfamiliar={r.novelty ? String(r.novelty.unfamiliar) : undefined}
                data-distance={r.novelty ? r.novelty.distance.toFixed(4) : undefined}
                className={uncertain ? 'uncertain' : undefined}
              >
                <td>{r.thumbUrl ? <img className="thumb" src={r.thumbUrl} alt="" loading="lazy" /> : null}</td>
                <td className="path">
                  {r.file}
                  {r.dataBarCropped && <span className="tag muted" title="An instrument data bar was found and cut off before predicting">bar cropped</span>}
                  {r.instrument?.pixelSizeNm != null && <span className="tag muted" title={instrumentSummary(r.instrument)}>{formatPixelSize(r.instrument.pixelSizeNm)}</span>}
                </td>
                <td className="words">
                  {r.state === 'pending' ? <span className="muted">classifying…</span> : r.state === 'error' ? <span className="error">{r.error}</span> : best?.label}
                  {r.state === 'done' && untrained && <span className="tag warn" title="The head has random weights">untrained</span>}
                  {uncertain && <span className="tag warn" title={`Top-1 probability below ${below}`}>uncertain</span>}
                  {r.novelty?.unfamiliar && <span className="tag warn" data-testid="predict.unfamiliar" title={unfamiliarTitle(r.novelty)}>unfamiliar</span>}
                </td>
                <td>{best ? pct(best.probability) : ''}</td>
                <td className="muted">{r.top.map((t) => `${t.label} ${pct(t.probability)}`).join(' · ')}</td>
                <td>
                  {r.state === 'done' && (
                    <button type="button" className="nowrap" data-testid="predict.gradcam" aria-label={`Why? Grad-CAM heat map for ${r.file}`} onClick={() => setCamRow(r)}>
                      Why?
                    </button>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {paged.pages > 1 && <Pager page={paged.page} pages={paged.pages} total={rows.length} onPage={setPage} />}
      {camRow && (
        <GradCamDialog image={{ file: camRow.source, cropDataBar: camRow.cropDataBar }} name={camRow.file} onClose={() => setCamRow(null)}
          // the top classes, most probable first: "why this and not that?"
          choices={camRow.top.map((t) => ({ text: `${t.label} ${pct(t.probability)}`, classIndex: camRow.classNames?.indexOf(t.label) ?? undefined }))} />
      )}
    </>
  );
}

function Pager({ page, pages, total, onPage }: { page: number; pages: number; total: number; onPage: (p: number) => void }) {
  return (
    <nav className="row pager" aria-label="Prediction pages">
      <button type="button" onClick={() => onPage(page - 1)} disabled={page === 0}>Previous</button>
      <span className="muted">
        Page {page + 1} of {pages} ({PAGE_SIZE * page + 1}–{Math.min(total, PAGE_SIZE * (page + 1))} of {total})
      </span>
      <button type="button" onClick={() => onPage(page + 1)} disabled={page >= pages - 1}>Next</button>
    </nav>
  );
}
