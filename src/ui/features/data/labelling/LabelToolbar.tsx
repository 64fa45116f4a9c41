import { useState } from 'react';
import { classNameProblem } from '../../../../shared/dataset/labels';

const NEW = '__new__';
const NONE = '__none__';

interface Props {
  classes: readonly string[];
  selectedCount: number;
  /** the selection is all excluded: the button includes them again */
  allExcluded: boolean;
  undoText: string | null;
  onLabel: (label: string | null) => void;
  onExclude: (exclude: boolean) => void;
  onDelete: () => void;
  onUndo: () => void;
  onSelectAll: () => void;
  onClear: () => void;
}

/** The non-keyboard path: a class menu (with "new class…"), apply, exclude, delete, undo. */
export function LabelToolbar({ classes, selectedCount, allExcluded, undoText, onLabel, onExclude, onDelete, onUndo, onSelectAll, onClear }: Props) {
  const [choice, setChoice] = useState('');
  const [name, setName] = useState('');
  const problem = choice === NEW ? classNameProblem(name) : null;
  const canApply = selectedCount > 0 && choice !== '' && (choice !== NEW || problem === null);
  const apply = () => {
    if (!canApply) return;
    onLabel(choice === NONE ? null : choice === NEW ? name.trim() : choice);
    if (choice === NEW) {
      setChoice(name.trim());
      setName('');
    }
  };
  return (
    <div className="row label-toolbar">
      <span data-testid="dataset.selection" data-count={selectedCount}>{selectedCount} selected</span>
      <button type="button" onClick={onSelectAll} data-testid="dataset.select-all" title="Ctrl+A">Select all shown</button>
      <button type="button" onClick={onClear} disabled={selectedCount === 0} title="Esc">Clear</button>
      <label>
        <span className="sr-only">Class for the selected images</span>
        <select data-testid="dataset.label-select" value={choice} onChange={(e) => setChoice(e.target.value)}>
          <option value="">Class…</option>
          {classes.map((c) => <option key={c} value={c}>{c}</option>)}
          <option value={NEW}>new class…</option>
          <option value={NONE}>(no class: unlabel)</option>
        </select>
      </label>
      {choice === NEW && (
        <label>
          <span className="sr-only">Name of the new class</span>
          <input type="text" data-testid="dataset.new-class" placeholder="new class name" value={name} size={14} autoFocus
            onChange={(e) => setName(e.target.value)} onKeyDown={(e) => e.key === 'Enter' && apply()} />
        </label>
      )}
      <button type="button" className="primary" data-testid="dataset.label-apply" disabled={!canApply} onClick={apply}
        title={selectedCount === 0 ? 'Select images first' : problem ?? undefined}>
        Label {selectedCount || ''}
      </button>
      <button type="button" data-testid="dataset.exclude" disabled={selectedCount === 0} onClick={() => onExclude(!allExcluded)}
        title="Left out of training and validation, kept in the dataset">
        {allExcluded ? 'Include in training' : 'Exclude from training'}
      </button>
      <button type="button" data-testid="dataset.delete" disabled={selectedCount === 0} onClick={onDelete} title="Removed from the dataset (Ctrl+Z brings them back)">
        Delete
      </button>
      <button type="button" data-testid="dataset.undo" disabled={!undoText} onClick={onUndo} title="Ctrl+Z / ⌘Z">
        Undo{undoText ? `: ${undoText}` : ''}
      </button>
      {problem && name !== '' && <span className="warn">{problem}</span>}
    </div>
  );
}
