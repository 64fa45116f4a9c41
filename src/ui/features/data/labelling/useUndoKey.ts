import { useEffect } from 'react';
import { undoLast } from '../labelActions';
import { useStore } from '../../../store';

/** Ctrl/⌘+Z on the Data and Evaluate steps undoes the last label change (not while typing in a field). */
export function useUndoKey(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (!(e.ctrlKey || e.metaKey) || e.shiftKey || e.altKey || e.key.toLowerCase() !== 'z') return;
      const step = useStore.getState().step;
      if (step !== 'data' && step !== 'evaluate') return;
      const t = e.target as HTMLElement | null;
      if (t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.isContentEditable)) return;
      if (undoLast()) e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
