import { useCallback, useEffect, useRef } from 'react';
import { gradCam } from '../../bridge';
import type { PredictionRow } from '../../store/classifySlice';
import { GradCamView } from './GradCamView';

/** A modal dialog (Esc closes it, focus stays inside) with the Grad-CAM of one classified row. */
export function GradCamDialog({ row, onClose }: { row: PredictionRow; onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  // No close() on cleanup: unmounting removes the dialog (which ends the modal state), and a close() there
  // would fire `close` after StrictMode's simulated unmount and shut the dialog at once.
  useEffect(() => {
    const el = dialog.current;
    if (el && !el.open) el.showModal();
  }, []);
  const label = row.top[0]?.label;
  const classIndex = label && row.classNames ? row.classNames.indexOf(label) : -1;
  const request = useCallback(
    (signal: AbortSignal) =>
      gradCam({ file: row.source, name: row.file, classIndex: classIndex >= 0 ? classIndex : undefined, cropDataBar: row.cropDataBar }, signal),
    [row.source, row.file, classIndex, row.cropDataBar],
  );
  return (
    <dialog ref={dialog} className="gradcam-dialog" aria-labelledby="gradcam-title" onClose={onClose} data-testid="gradcam.dialog">
      <h2 id="gradcam-title" className="path">Grad-CAM · {row.file}</h2>
      <GradCamView request={request} name={row.file} />
      <form method="dialog">
        <button type="submit" autoFocus>Close</button>
      </form>
    </dialog>
  );
}
