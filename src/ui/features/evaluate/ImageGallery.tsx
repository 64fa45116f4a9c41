import { useState } from 'react';
import { argmax } from '../../../shared/eval/metrics';
import type { EvalItem } from '../../../shared/eval/types';
import { CleanActions } from './CleanActions';
import { EvalCamButton } from './EvalCamButton';
import { EvalThumb, useEntriesByHash } from './EvalThumb';

const PAGE = 60;

/** The top probabilities of one image, most probable first. */
function topProbs(probs: readonly number[], k: number): { index: number; p: number }[] {
  return probs.map((p, index) => ({ index, p })).sort((a, b) => b.p - a.p).slice(0, k);
}

/** Thumbnails of evaluated images with their true class, prediction and probabilities; pages of 60. */
export function ImageGallery({ items, classNames, testId, label }: { items: readonly EvalItem[]; classNames: readonly string[]; testId: string; label: string }) {
  const [shown, setShown] = useState(PAGE);
  const byHash = useEntriesByHash();
  if (items.length === 0) return <p className="muted">No images here.</p>;
  return (
    <div>
      <ul className="eval-gallery" aria-label={label}>
        {items.slice(0, shown).map((it) => {
          const pred = argmax(it.probs);
          return (
            <li key={it.hash} className="eval-card" data-testid={testId} data-hash={it.hash} data-file={it.path} data-true={classNames[it.label]} data-pred={classNames[pred]}
              data-probability={it.probs[pred].toFixed(4)}>
              <EvalThumb hash={it.hash} entry={byHash.get(it.hash)} size={96} />
              <div className="eval-card-text">
                <div className="path" title={it.path}>{it.path.split('/').pop()}</div>
                <div>actual <b>{classNames[it.label]}</b></div>
                <ol className="probs">
                  {topProbs(it.probs, 3).map(({ index, p }) => (
                    <li key={index} className={index === it.label ? 'true-class' : undefined}>
                      {classNames[index]} {(p * 100).toFixed(1)} %
                    </li>
                  ))}
                </ol>
                <EvalCamButton item={it} classNames={classNames} />
                <CleanActions path={it.path} />
              </div>
            </li>
          );
        })}
      </ul>
      {items.length > shown && (
        <button type="button" onClick={() => setShown((n) => n + PAGE)}>Show {Math.min(PAGE, items.length - shown)} more of {items.length - shown}</button>
      )}
    </div>
  );
}
