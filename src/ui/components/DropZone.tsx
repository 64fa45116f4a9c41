import type { DragEvent, ReactNode } from 'react';

interface DropZoneProps {
  label: string;
  over: boolean;
  /** What Enter, Space or a click does: open the matching file picker. */
  onActivate: () => void;
  /** Omit when the drop is handled higher up (the Data step takes drops anywhere on the page). */
  onDragOver?: (e: DragEvent<HTMLDivElement>) => void;
  onDragLeave?: () => void;
  onDrop?: (e: DragEvent<HTMLDivElement>) => void;
  children: ReactNode;
}

/** The dashed drop target of the Data and Classify steps, reachable and usable from the keyboard. */
export function DropZone({ label, over, onActivate, onDragOver, onDragLeave, onDrop, children }: DropZoneProps) {
  return (
    <div
      className={`dropzone${over ? ' over' : ''}`}
      role="button"
      tabIndex={0}
      aria-label={label}
      onClick={onActivate}
      onKeyDown={(e) => {
        if (e.key !== 'Enter' && e.key !== ' ') return;
        e.preventDefault(); // Space would scroll the page
        onActivate();
      }}
      onDragOver={onDragOver}
      onDragLeave={onDragLeave}
      onDrop={onDrop}
    >
      {children}
    </div>
  );
}
