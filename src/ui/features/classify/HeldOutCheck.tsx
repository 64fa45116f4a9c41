import { BASELINE_LABEL, BASELINE_METHOD } from '../../../shared/eval/baseline';
import type { HeldOutPart } from '../../../shared/eval/heldOut';
import { useStore } from '../../store';
import { fmt4, pct } from '../evaluate/format';

const attr = (v: number | null | undefined) => (typeof v === 'number' ? fmt4(v) : undefined);

function Row({ name, part, images, testId }: { name: string; part: HeldOutPart; images: number; testId: string }) {
  return (
    <tr data-testid={testId} data-images={images}>
      <td>{name} ({images})</td>
      <td>{pct(part.network?.accuracy ?? null)}</td>
      <td>{pct(part.network?.f1 ?? null)}</td>
      <td>{pct(part.baseline?.accuracy ?? null)}</td>
      <td>{pct(part.baseline?.f1 ?? null)}</td>
    </tr>
  );
}

/**
 * The labelled folder against the open dataset: how many of its images have a near-copy there (they score
 * like training images), and the classical baseline beside the network on all of them and on the rest.
 */
export function HeldOutCheck() {
  const h = useStore((s) => s.heldOut);
  if (h.state === 'idle') return null;
  if (h.state !== 'done' || !h.summary) {
    return (
      <p className={h.state === 'running' ? 'hint' : 'warn'} role="note" data-testid="predict.heldout" data-state={h.state}>
        {h.state === 'running'
          ? `Checking the folder against the dataset “${h.dataset?.name}”: near-copies of its images, and the ${BASELINE_LABEL}…`
          : h.state === 'unavailable' ? h.message : `The check against the dataset failed: ${h.message}`}
      </p>
    );
  }
  const s = h.summary;
  const clean = s.images - s.nearCopies;
  const beaten = s.clean.network && s.clean.baseline && s.clean.baseline.accuracy >= s.clean.network.accuracy;
  return (
    <div data-testid="predict.heldout" data-state="done" data-method={s.baseline ? BASELINE_METHOD : undefined} data-images={s.images} data-near-copies={s.nearCopies}
      data-accuracy={attr(s.network?.accuracy)} data-f1={attr(s.network?.f1)}
      data-baseline-accuracy={attr(s.baseline?.accuracy)} data-baseline-f1={attr(s.baseline?.f1)}
      data-clean-images={clean} data-clean-accuracy={attr(s.clean.network?.accuracy)} data-clean-f1={attr(s.clean.network?.f1)}
      data-clean-baseline-accuracy={attr(s.clean.baseline?.accuracy)} data-clean-baseline-f1={attr(s.clean.baseline?.f1)}
      data-copies-accuracy={attr(s.copies.network?.accuracy)} data-copies-f1={attr(s.copies.network?.f1)}
      data-copies-baseline-accuracy={attr(s.copies.baseline?.accuracy)} data-copies-baseline-f1={attr(s.copies.baseline?.f1)}>
      <h3>Against the dataset</h3>
      <p className={s.nearCopies > 0 ? 'warn' : 'hint'} role="note">
        {s.nearCopies > 0
          ? <><b>{s.nearCopies} of {s.images} images have a near-copy in the dataset “{h.dataset?.name}”</b> (the same field shot again, found by the import&apos;s near-duplicate test): they score like training images. The {clean} others measure the model on new fields.</>
          : <>None of the {s.images} images has a near-copy in the dataset “{h.dataset?.name}” (the import&apos;s near-duplicate test): this folder measures the model on new fields.</>}
        {h.unchecked > 0 && ` ${h.unchecked} image${h.unchecked === 1 ? '' : 's'} could not be read again and count as without one.`}
      </p>
      <table className="table" aria-label="Network and classical baseline on this folder">
        <thead><tr><th>images</th><th>network accuracy</th><th>network macro F1</th><th>baseline accuracy</th><th>baseline macro F1</th></tr></thead>
        <tbody>
          <Row name="all" part={s} images={s.images} testId="predict.heldout-all" />
          {s.nearCopies > 0 && <Row name="without a near-copy" part={s.clean} images={clean} testId="predict.heldout-clean" />}
          {s.nearCopies > 0 && <Row name="with a near-copy" part={s.copies} images={s.nearCopies} testId="predict.heldout-copies" />}
        </tbody>
      </table>
      {beaten && <p className="warn" role="alert">On the images without a near-copy the network does not beat the classical baseline.</p>}
      <p className="hint">
        The {BASELINE_LABEL.replace(/^baseline: /, 'baseline (')}) is fitted on the {h.dataset?.trainImages} training images of the dataset&apos;s split and applied to this folder.
        {h.message && ` No baseline: ${h.message}.`}
      </p>
    </div>
  );
}
