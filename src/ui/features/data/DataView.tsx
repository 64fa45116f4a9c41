import { useEffect, useState } from 'react';
import { importDrop } from './intake';
import { useStore } from '../../store';
import { ClassTable } from './ClassTable';
import { CropPreview } from './CropPreview';
import { DatasetOverview } from './DatasetOverview';
import { ImportPanel } from './ImportPanel';
import { IssueList } from './IssueList';
import { NextStep } from '../steps/NextStep';
import { useUsedSummary } from './datasetView';
import { LabelGallery } from './labelling/LabelGallery';
import { ReviewPanel } from './review/ReviewPanel';

/** Step 1: import a lab's image folders, check them, and see the split. */
export function DataView() {
  const over = useWindowDrop();
  return (
    <div className="stack">
      <ImportPanel over={over} />
      <DatasetOverview />
      <DataNext />
      <ClassTable />
      <IssueList />
      <CropPreview />
      <LabelGallery />
      <ReviewPanel />
    </div>
  );
}

/** "Next: Train" once the imported data can train a model (two classes with training images). */
function DataNext() {
  const importing = useStore((s) => s.importState === 'importing');
  const { classNames, trainImages: train, validImages: valid } = useUsedSummary();
  if (importing || classNames.length < 2 || train === 0) return null;
  return <NextStep to="train" note={`${classNames.length} classes, ${train} images to learn from and ${valid} to measure the model with.`} />;
}

/** While the Data step is shown, folders can be dropped anywhere on the page. */
function useWindowDrop(): boolean {
  const active = useStore((s) => s.step === 'data');
  const [over, setOver] = useState(false);
  useEffect(() => {
    if (!active) return;
    const hasFiles = (e: DragEvent) => !!e.dataTransfer && Array.from(e.dataTransfer.types).includes('Files');
    const onOver = (e: DragEvent): void => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      e.dataTransfer!.dropEffect = 'copy';
      setOver(true);
    };
    const onLeave = (e: DragEvent): void => {
      // relatedTarget is null when the pointer leaves the window.
      if (e.relatedTarget === null) setOver(false);
    };
    const onDrop = (e: DragEvent): void => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      setOver(false);
      // Synchronously, inside the event: the items are unreadable after it returns.
      importDrop(e.dataTransfer!);
    };
    window.addEventListener('dragover', onOver);
    window.addEventListener('dragleave', onLeave);
    window.addEventListener('drop', onDrop);
    return () => {
      window.removeEventListener('dragover', onOver);
      window.removeEventListener('dragleave', onLeave);
      window.removeEventListener('drop', onDrop);
    };
  }, [active]);
  return over;
}
