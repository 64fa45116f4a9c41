import { useState } from 'react';
import { argmax } from '../../../shared/eval/metrics';
import type { EvalItem } from '../../../shared/eval/types';
import { useStore } from '../../store';
import { GradCamDialog } from '../classify/GradCamDialog';

/**
 * "Why?" on an evaluated image: the Grad-CAM of the stored image for the predicted class, and, when the
 * prediction is wrong, for the actual class too (where the network looked for each).
 */
export function EvalCamButton({ item, classNames }: { item: EvalItem; classNames: readonly string[] }) {
  const [open, setOpen] = useState(false);
  const crop = useStore((s) => s.meta?.cropDataBar ?? true);
  const ready = useStore((s) => s.ready && s.modelState === 'ready');
  const predicted = argmax(item.probs);
  const name = item.path.split('/').pop() ?? item.path;
  const choices = [{ text: `predicted: ${classNames[predicted]}`, classIndex: predicted }];
  if (predicted !== item.label) choices.push({ text: `actual: ${classNames[item.label]}`, classIndex: item.label });
  return (
    <>
      <button type="button" className="small" data-testid="metrics.gradcam" disabled={!ready} aria-label={`Why? Grad-CAM heat map for ${name}`} onClick={() => setOpen(true)}>
        Why?
      </button>
      {open && <GradCamDialog image={{ hash: item.hash, cropDataBar: crop }} name={name} choices={choices} onClose={() => setOpen(false)} />}
    </>
  );
}
