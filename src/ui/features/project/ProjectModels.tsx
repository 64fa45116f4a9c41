import { useEffect, useState } from 'react';
import type { ModelRecord } from '../../../shared/storage/projectsDb';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { downloadProjectModel, loadProjectModel, refreshProjectModels, removeProjectModel } from './projectActions';
import { useStore } from '../../store';
import { formatBytes } from '../../store/selectors';

/** The classifiers saved in the open project: load one into Classify, download it, or delete it. */
export function ProjectModels() {
  const models = useStore((s) => s.projectModels);
  const projectId = useStore((s) => s.projectId);
  const busy = useStore((s) => s.bundleJob !== 'idle' || !s.ready);
  const loaded = useStore((s) => s.loadedBundle?.name ?? null);
  const [deleting, setDeleting] = useState<ModelRecord | null>(null);
  useEffect(() => {
    void refreshProjectModels();
  }, [projectId]);
  return (
    <section className="panel" aria-labelledby="project-models-heading">
      <h2 id="project-models-heading">Models saved in this project</h2>
      {models.length === 0 ? (
        <p className="hint" data-testid="project.models-empty">None yet. After training, “Save in project” above keeps the classifier here, in this browser.</p>
      ) : (
        <table className="table" aria-label="Saved models">
          <thead>
            <tr><th scope="col">name</th><th scope="col">classes</th><th scope="col">input</th><th scope="col">valid accuracy</th><th scope="col">size</th><th scope="col">saved</th><th /></tr>
          </thead>
          <tbody>
            {models.map((m) => {
              // Models kept by themselves after a run have their own test ids; saved-by-name ones keep the contract's.
              const id = m.kept?.auto ? 'project.kept' : 'project.model';
              return (
              <tr key={m.id} data-testid={`${id}-row`} data-model={m.id} data-name={m.name} data-classes={m.classNames.length}>
                <td>{m.name}{m.kept?.auto && <span className="tag" title="kept by itself when the run ended; loaded again after a reload">kept</span>}{loaded === m.name && <span className="tag">loaded</span>}</td>
                <td title={m.classNames.join(', ')}>{m.classNames.length}</td>
                <td>{m.inputSize} px</td>
                <td>{m.validAccuracy === null ? '–' : m.validAccuracy.toFixed(4)}</td>
                <td>{formatBytes(m.size)}</td>
                <td className="muted">{new Date(m.createdAt).toLocaleString()}</td>
                <td className="row">
                  <button type="button" data-testid={`${id}-load`} disabled={busy} onClick={() => void loadProjectModel(m.id)} aria-label={`Load ${m.name} for classifying`}>Load</button>
                  <button type="button" data-testid={`${id}-download`} onClick={() => void downloadProjectModel(m.id)} aria-label={`Download ${m.name}`}>Download</button>
                  <button type="button" className="danger" data-testid={`${id}-delete`} onClick={() => setDeleting(m)} aria-label={`Delete ${m.name}`}>Delete</button>
                </td>
              </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <ConfirmDialog open={deleting !== null} title={`Delete the saved model "${deleting?.name ?? ''}"?`} confirmLabel="Delete model" testId="project.model-delete-dialog"
        onCancel={() => setDeleting(null)}
        onConfirm={() => {
          const id = deleting!.id;
          setDeleting(null);
          void removeProjectModel(id);
        }}>
        <p>It is removed from this browser ({deleting ? formatBytes(deleting.size) : ''}). A model already loaded stays loaded until the page is closed; downloaded copies are not touched.</p>
      </ConfirmDialog>
    </section>
  );
}
