import { useMemo } from 'react';
import { evaluatedHashes } from '../../../shared/dataset/independence';
import { accuracyInterval, describeInterval } from '../../../shared/eval/wilson';
import type { Evaluation } from '../../../shared/eval/types';
import { useGroupCount } from '../data/independenceRun';
import { useStore } from '../../store';
import { fmt4, pct } from './format';

/**
 * How many independent groups the validation figures rest on (near-duplicate frames count once), and the
 * accuracy's 95% Wilson interval on that many observations.
 */
export function IndependenceNote({ evaluation, accuracy }: { evaluation: Evaluation; accuracy: number }) {
  const entries = useStore((s) => s.entries);
  const { hashed, missing } = useMemo(() => evaluatedHashes(evaluation.items, entries), [evaluation, entries]);
  const groups = useGroupCount(hashed.length ? hashed : null);
  if (typeof groups !== 'number' || groups === 0) return null;
  const images = hashed.length;
  const ci = accuracyInterval(accuracy, images, groups);
  const few = groups * 2 <= images;
  return (
    <p className={few ? 'warn' : 'hint'} role="note" data-testid="metrics.independence" data-groups={groups} data-images={images}
      data-ci-low={fmt4(ci.low)} data-ci-high={fmt4(ci.high)} data-basis={ci.basis} data-n={ci.n}>
      {groups < images
        ? <>These figures rest on <b>{groups} independent group{groups === 1 ? '' : 's'}</b>: the {images} validation images include near-duplicates (the same field shot again, re-scanned or moved a little), which are not independent evidence. </>
        : <>The {images} validation images are {groups} independent groups (no near-duplicates among them). </>}
      Accuracy {pct(accuracy)}, {describeInterval(ci)}.
      {missing > 0 && ` ${missing} evaluated image${missing === 1 ? ' is' : 's are'} no longer in the dataset and left out of this count.`}
    </p>
  );
}
