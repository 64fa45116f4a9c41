import { useState, type DragEvent, type ReactNode } from 'react';

interface DropZoneProps {
  /** Said after the visible text to screen readers (the accessible name is the visible text plus this). */
  label: string;
  /** While true the zone takes nothing (a model is loading) and says so in its text. */
  disabled?: boolean;
  /** Highlight while something is dragged over; managed here when `onDropData` is given. */
  over?: boolean;
  /** What Enter, Space or a click does: open the matching file picker. */
  onActivate: () => void;
  /** Omit when the drop is handled higher up (the Data step takes drops anywhere on the page). */
  onDragOver?: (e: DragEvent<HTMLDivElement>) => void;
  onDragLeave?: () => void;
  onDrop?: (e: DragEvent<HTMLDivElement>) => void;
  /** The zone handles the drag itself (highlight, preventDefault, no bubbling) and hands over what was dropped. */
  onDropData?: (data: DataTransfer) => void;
  children: ReactNode;
}

/** The dashed drop target of the Data and Classify steps, reachable and usable from the keyboard. */
export function DropZone({ label, disabled = false, over, onActivate, onDragOver, onDragLeave, onDrop, onDropData, children }: DropZoneProps) {
  const [dragging, setDragging] = useState(false);
  const activate = disabled ? () => undefined : onActivate;
  if (disabled) {
    onDragOver = undefined;
    onDrop = undefined;
  } else if (onDropData) {
    onDragOver = (e) => {
      e.preventDefault();
      setDragging(true);
    };
    onDragLeave = () => setDragging(false);
    onDrop = (e) => {
      e.preventDefault();
      e.stopPropagation();
      setDragging(false);
      onDropData(e.dataTransfer);
    };
  }
  const highlighted = over ?? dragging;
  return (
    <div
      className={`dropzone${highlighted ? ' over' : ''}${disabled ? ' disabled' : ''}`}
      role="button"
      tabIndex={0}
      aria-disabled={disabled || undefined}
      onClick={activate}
      onKeyDown={(e) => {
        if (e.key !== 'Enter' && e.key !== ' ') return;
        e.preventDefault(); // Space would scroll the page
        activate();
      }}
      onDragOver={onDragOver}
      onDragLeave={onDragLeave}
      onDrop={onDrop}
    >
      {children}
      <span className="sr-only"> ({label})</span>
    </div>
  );
}
