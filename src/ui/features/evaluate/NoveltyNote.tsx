import type { Evaluation } from '../../../shared/eval/types';
import { falseAlarms, noveltySentence } from '../../../shared/novelty';

/**
 * The unfamiliar-image check measured where it can be: the validation images are like the training images but
 * unseen, so every one it flags is a false alarm. Classify flags new images by the same threshold.
 */
export function NoveltyNote({ evaluation }: { evaluation: Evaluation }) {
  const f = falseAlarms(evaluation);
  if (!f) {
    return (
      <p className="hint" data-testid="metrics.novelty" data-state="none">
        This model has no unfamiliar-image check (a model trained before it existed): Classify cannot flag images unlike the training images.
      </p>
    );
  }
  return (
    <p className="hint" data-testid="metrics.novelty" data-state="measured" data-flagged={f.flagged} data-total={f.total} data-threshold={f.threshold.toFixed(4)}>
      {noveltySentence(f)}
    </p>
  );
}
