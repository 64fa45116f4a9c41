import { useRef, useState } from 'react';
import { PROJECT_EXTENSION } from '../../../shared/project/names';
import { count } from '../data/phrasing';
import { ConfirmDialog, useModal } from '../../components/ConfirmDialog';
import { DropZone } from '../../components/DropZone';
import {
  busyReason, createProject, exportProject, importProjectFile, openProject, refreshProjects, removeProject, renameProject, unsavedModel,
} from './projectActions';
import { useStore } from '../../store';
import type { ProjectRow } from './projectSlice';
import { formatDuration } from '../data/datasetSelectors';
import { formatBytes, jobProgress } from '../../store/selectors';

function ProjectJobBar() {
  const job = useStore((s) => s.projectJob);
  if (!job) return null;
  const { fraction, eta } = jobProgress(job.done, job.total, job.startedAt, job.at);
  const verb = { export: 'Exporting', import: 'Importing', delete: 'Deleting', 'save-model': 'Saving' }[job.kind];
  return (
    <div className="train-progress" data-testid="project.job" data-kind={job.kind}>
      <progress max={1} value={fraction ?? undefined} aria-label={`${verb} progress`} />
      <span className="muted">
        {verb} {job.label}
        {fraction !== null && ` · ${job.done} of ${job.total} items · ${Math.round(fraction * 100)}%`}
        {eta !== null && ` · ${formatDuration(eta)} left`}
      </span>
    </div>
  );
}

function usageText(p: ProjectRow): string {
  if (!p.usage) return '…';
  return p.usage.freed < p.usage.bytes ? `${formatBytes(p.usage.bytes)} (${formatBytes(p.usage.freed)} its own)` : formatBytes(p.usage.bytes);
}

function Row({ p, current, busy, onDelete, onOpen }: { p: ProjectRow; current: boolean; busy: boolean; onDelete: () => void; onOpen: () => void }) {
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(p.name);
  const save = () => {
    setEditing(false);
    if (name.trim() && name.trim() !== p.name) void renameProject(p.id, name);
    else setName(p.name);
  };
  return (
    <tr data-testid="project.row" data-project={p.id} data-name={p.name} data-current={current} data-images={p.usage?.images ?? ''}
      data-runs={p.usage?.runs ?? ''} data-models={p.usage?.models ?? ''} data-bytes={p.usage?.bytes ?? ''} aria-current={current ? 'true' : undefined}>
      <td>
        {editing ? (
          <input type="text" aria-label="Project name" data-testid="project.name-input" value={name} maxLength={200} autoFocus
            onChange={(e) => setName(e.target.value)} onBlur={save}
            onKeyDown={(e) => {
              if (e.key === 'Enter') save();
              if (e.key === 'Escape') {
                e.preventDefault();
                e.stopPropagation();
                setName(p.name);
                setEditing(false);
              }
            }} />
        ) : (
          <>
            {p.name}
            {current && <span className="tag">open</span>}
          </>
        )}
      </td>
      <td>{!p.usage ? '…' : p.usage.images ? `${p.usage.images} in ${p.usage.classes} classes` : 'none'}</td>
      <td>{p.usage?.runs ?? '…'}</td>
      <td>{p.usage?.models ?? '…'}</td>
      <td>{usageText(p)}</td>
      <td className="muted">{new Date(p.updatedAt).toLocaleString()}</td>
      <td>
        <div className="row nowrap">
          <button type="button" data-testid="project.open" disabled={current || busy} onClick={onOpen}>Open</button>
          <button type="button" data-testid="project.rename" disabled={editing} onClick={() => setEditing(true)} aria-label={`Rename ${p.name}`}>Rename</button>
          <button type="button" data-testid="project.export" disabled={busy} onClick={() => void exportProject(p.id)} aria-label={`Export ${p.name} as a file`}>Export</button>
          <button type="button" className="danger" data-testid="project.delete" disabled={busy} onClick={onDelete} aria-label={`Delete ${p.name}`}>Delete</button>
        </div>
      </td>
    </tr>
  );
}

/** Every project in this browser: open, rename, export, delete; create one; import one from a file. */
export function ProjectsDialog() {
  const open = useStore((s) => s.projectsOpen);
  const setOpen = useStore((s) => s.setProjectsOpen);
  const projects = useStore((s) => s.projects);
  const currentId = useStore((s) => s.projectId);
  const job = useStore((s) => s.projectJob);
  const error = useStore((s) => s.projectError);
  const notice = useStore((s) => s.projectNotice);
  const [deletingId, setDeletingId] = useState<string | null>(null);
  // looked up at each render: the storage use arrives after the list
  const deleting = projects.find((p) => p.id === deletingId) ?? null;
  // what leaving this project will do, held while the user confirms losing an unsaved model
  const [leaving, setLeaving] = useState<(() => void) | null>(null);
  const [newName, setNewName] = useState('');
  const fileInput = useRef<HTMLInputElement>(null);
  const storage = useStore((s) => s.storage);
  const ref = useModal(open, () => void refreshProjects());
  const busy = job !== null;
  // Opening another project reloads the page: a model trained here and saved nowhere would be lost.
  const leave = (action: () => void) => (unsavedModel() ? setLeaving(() => action) : action());
  const blocked = busyReason();
  return (
    <dialog ref={ref} className="projects" data-testid="project.dialog" aria-labelledby="projects-title"
      onCancel={(e) => { e.preventDefault(); setOpen(false); }}>
      <div className="row between">
        <h2 id="projects-title">Projects</h2>
        <button type="button" onClick={() => setOpen(false)} data-testid="project.close">Close</button>
      </div>
      <p className="hint">
        A project keeps one dataset, its training runs and the models saved in it, in this browser only. Export a project as one
        <code> {PROJECT_EXTENSION}</code> file to move it to another machine or keep a copy; importing a file adds it as a new project.
      </p>
      <table className="table" aria-label="Projects">
        <thead>
          <tr><th scope="col">name</th><th scope="col">images</th><th scope="col">runs</th><th scope="col">models</th><th scope="col">storage</th><th scope="col">changed</th><th /></tr>
        </thead>
        <tbody>
          {projects.map((p) => (
            <Row key={p.id} p={p} current={p.id === currentId} busy={busy} onDelete={() => setDeletingId(p.id)} onOpen={() => leave(() => openProject(p.id))} />
          ))}
        </tbody>
      </table>
      {blocked && !job && <p className="hint">{blocked} Until then, other projects cannot be opened.</p>}
      <ProjectJobBar />
      {error && <p className="warn" role="alert" data-testid="project.error">{error}</p>}
      {notice && !error && <p className="hint" role="status" data-testid="project.notice">{notice}</p>}
      <div className="row">
        <form className="row" onSubmit={(e) => { e.preventDefault(); leave(() => void createProject(newName)); }}>
          <label>
            New project{' '}
            <input type="text" aria-label="New project name" data-testid="project.new-name" value={newName} maxLength={200}
              placeholder={`Project ${projects.length + 1}`} onChange={(e) => setNewName(e.target.value)} />
          </label>
          <button type="submit" data-testid="project.new" disabled={busy || blocked !== null}>Create and open</button>
        </form>
      </div>
      <DropZone label="press Enter to choose the project file" onActivate={() => fileInput.current?.click()}
        onDropData={(data) => {
          const f = data.files[0];
          if (f && !busy) void importProjectFile(f);
        }}>
        Drop a <code>{PROJECT_EXTENSION}</code> file here to import it as a new project, or click to choose it
        <input ref={fileInput} type="file" hidden accept=".zip,application/zip" data-testid="project.import-input" aria-label="Project file to import"
          onChange={(e) => {
            const f = e.target.files?.[0];
            e.target.value = '';
            if (f) void importProjectFile(f);
          }} />
      </DropZone>
      {storage && (
        <p className="hint">
          This browser gives the app {formatBytes(storage.quota)}; {formatBytes(storage.usage)} are used by all projects together
          {storage.persisted ? ' (persistent storage)' : ' (the browser may evict it under disk pressure)'}.
        </p>
      )}
      <ConfirmDialog open={deleting !== null} title={`Delete "${deleting?.name ?? ''}"?`} confirmLabel="Delete project" testId="project.delete-dialog"
        onCancel={() => setDeletingId(null)}
        onConfirm={() => {
          const id = deletingId!;
          setDeletingId(null);
          void removeProject(id);
        }}>
        {deleting && !deleting.usage && <p className="muted">Measuring what it stores…</p>}
        {deleting?.usage && (
          <p>
            Its dataset ({count(deleting.usage.images, 'image')}), {count(deleting.usage.runs, 'training run')} and {count(deleting.usage.models, 'saved model')} are
            removed from this browser, freeing {formatBytes(deleting.usage.freed)}. The original image folders and any exported files are not touched.
          </p>
        )}
        {deleting?.id === currentId && <p>This is the open project: another one opens after it is deleted.</p>}
        <p>This cannot be undone; export the project first to keep a copy.</p>
      </ConfirmDialog>
      <ConfirmDialog open={leaving !== null} title="Leave this project?" confirmLabel="Leave without saving" testId="project.switch-dialog"
        onCancel={() => setLeaving(null)}
        onConfirm={() => {
          const action = leaving!;
          setLeaving(null);
          action();
        }}>
        <p>The model trained in this tab is not saved. Save it in the project or download it (Share step) to keep it; its run stays in the runs list either way.</p>
      </ConfirmDialog>
    </dialog>
  );
}

/** The header's project button: the open project's name; opens the Projects dialog. */
export function ProjectMenu() {
  const id = useStore((s) => s.projectId);
  const name = useStore((s) => s.projects.find((p) => p.id === s.projectId)?.name ?? '');
  const setOpen = useStore((s) => s.setProjectsOpen);
  return (
    <>
      <button type="button" className="project-button" data-testid="project.current" data-project={id} data-name={name}
        aria-haspopup="dialog" onClick={() => setOpen(true)} title="Projects: open, rename, export, import, delete">
        <svg aria-hidden="true" width="14" height="12" viewBox="0 0 14 12"><path d="M1 2.5A1.5 1.5 0 0 1 2.5 1H5l1.5 1.5h5A1.5 1.5 0 0 1 13 4v5.5A1.5 1.5 0 0 1 11.5 11h-9A1.5 1.5 0 0 1 1 9.5z" fill="none" stroke="currentColor" strokeWidth="1.3" /></svg>{' '}
        <span className="muted">Project:</span> {name || '…'}
      </button>
      <ProjectsDialog />
    </>
  );
}
