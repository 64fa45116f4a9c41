import type { Evaluation } from '../../../shared/eval/types';
import { count } from '../data/phrasing';

/**
 * The unfamiliar-image check measured where it can be: the validation images are like the training images but
 * unseen, so every one it flags is a false alarm. Classify flags new images by the same threshold.
 */
export function NoveltyNote({ evaluation }: { evaluation: Evaluation }) {
  const ref = evaluation.novelty;
  const measured = evaluation.items.filter((it) => it.distance !== undefined);
  if (!ref || !measured.length) {
    return (
      <p className="hint" data-testid="metrics.novelty" data-state="none">
        This model has no unfamiliar-image check (a model trained before it existed): Classify cannot flag images unlike the training images.
      </p>
    );
  }
  const flagged = measured.filter((it) => it.distance! > ref.threshold).length;
  const share = (100 * flagged) / measured.length;
  return (
    <p className="hint" data-testid="metrics.novelty" data-state="measured" data-flagged={flagged} data-total={measured.length} data-threshold={ref.threshold.toFixed(4)}>
      Unfamiliar-image check: Classify flags an image whose features lie farther from every class than 99 % of the {count(ref.images, 'training image')} do.
      Here it flags {flagged} of the {count(measured.length, 'validation image')} ({share.toFixed(share && share < 10 ? 1 : 0)} %): images like the
      training ones, so that is its false-alarm rate.
    </p>
  );
}
