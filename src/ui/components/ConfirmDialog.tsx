import { useEffect, useEffectEvent, useRef, type RefObject } from 'react';

/** A native <dialog> shown modally while `open` (focus moves in, the page behind is inert), closed otherwise. */
export function useModal(open: boolean, onOpen?: () => void): RefObject<HTMLDialogElement | null> {
  const ref = useRef<HTMLDialogElement>(null);
  const opened = useEffectEvent(() => onOpen?.());
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) {
      d.showModal();
      opened();
    } else if (!open && d.open) d.close();
  }, [open]);
  return ref;
}

interface Props {
  open: boolean;
  title: string;
  children: React.ReactNode;
  confirmLabel: string;
  testId: string;
  onConfirm: () => void;
  onCancel: () => void;
}

/**
 * A modal confirmation on the native <dialog>: focus moves into it, Escape cancels, Tab stays inside, and
 * focus returns to where it was. The safe choice (Cancel) has the focus first.
 */
export function ConfirmDialog({ open, title, children, confirmLabel, testId, onConfirm, onCancel }: Props) {
  const cancelRef = useRef<HTMLButtonElement>(null);
  const ref = useModal(open, () => cancelRef.current?.focus());
  return (
    <dialog ref={ref} className="confirm" data-testid={testId} aria-labelledby={`${testId}-title`} onCancel={(e) => { e.preventDefault(); onCancel(); }}>
      <h3 id={`${testId}-title`}>{title}</h3>
      <div>{children}</div>
      <div className="row end">
        <button type="button" ref={cancelRef} onClick={onCancel}>Cancel</button>
        <button type="button" className="danger" data-testid={`${testId}-confirm`} onClick={onConfirm}>{confirmLabel}</button>
      </div>
    </dialog>
  );
}
