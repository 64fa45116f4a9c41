import { useCallback, useEffect, useRef, useState } from 'react';
import type { GradCamTarget } from '../../../shared/predict';
import { gradCam } from '../../bridge';
import { GradCamView } from './GradCamView';

/** A class the dialog can explain: its button text and its index in the model's classes (undefined: top-1). */
export interface CamChoice {
  text: string;
  classIndex: number | undefined;
}

interface Props {
  /** the image: a file to classify, or a stored dataset image by hash */
  image: Pick<GradCamTarget, 'file' | 'hash' | 'cropDataBar'>;
  name: string;
  /** the classes offered, the first one shown first; one choice shows no buttons */
  choices: CamChoice[];
  onClose: () => void;
}

/** A modal dialog (Esc closes it, focus stays inside) with the Grad-CAM of one image, for one class at a time. */
export function GradCamDialog({ image, name, choices, onClose }: Props) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [chosen, setChosen] = useState(0);
  // No close() on cleanup: unmounting removes the dialog (which ends the modal state), and a close() there
  // would fire `close` after StrictMode's simulated unmount and shut the dialog at once.
  useEffect(() => {
    const el = dialog.current;
    if (el && !el.open) el.showModal();
  }, []);
  const classIndex = choices[chosen]?.classIndex;
  const { file, hash, cropDataBar } = image;
  const request = useCallback(
    (signal: AbortSignal) => gradCam({ file, hash, name, classIndex, cropDataBar }, signal),
    [file, hash, name, classIndex, cropDataBar],
  );
  return (
    <dialog ref={dialog} className="gradcam-dialog" aria-labelledby="gradcam-title" onClose={onClose} data-testid="gradcam.dialog">
      <h2 id="gradcam-title" className="path">Grad-CAM · {name}</h2>
      {choices.length > 1 && (
        <div className="row" role="group" aria-label="Class to explain">
          {choices.map((c, i) => (
            <button key={c.text} type="button" data-testid="gradcam.class" aria-pressed={i === chosen} onClick={() => setChosen(i)}>{c.text}</button>
          ))}
        </div>
      )}
      <GradCamView key={classIndex ?? -1} request={request} name={name} />
      <form method="dialog">
        <button type="submit" autoFocus>Close</button>
      </form>
    </dialog>
  );
}
