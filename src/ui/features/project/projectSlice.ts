import type { StateCreator } from 'zustand';
import type { ModelRecord, ProjectRecord, ProjectUsage } from '../../../shared/storage/projectsDb';
import { storedProjectId } from './currentProject';
import type { Store } from '../../store';

export interface ProjectRow extends ProjectRecord {
  /** null until measured */
  usage: ProjectUsage | null;
}

export interface ProjectJob {
  kind: 'export' | 'import' | 'delete' | 'save-model';
  /** the project (or file) it works on, for the progress line */
  label: string;
  done: number;
  total: number;
  /** performance.now() at the start and at this update, for the ETA */
  startedAt: number;
  at: number;
}

/** The model a run trained here, kept in the project by itself (keptModel.ts). */
export interface KeptModel {
  state: 'saving' | 'saved' | 'restored' | 'error';
  name: string;
  runId: string | null;
  message: string | null;
}

export interface ProjectSlice {
  keptModel: KeptModel | null;
  keptModelChanged: (k: KeptModel | null) => void;
  /** the project this tab shows; its dataset and runs are keyed by this id */
  projectId: string;
  projects: ProjectRow[];
  /** classifiers saved in the current project, newest first */
  projectModels: ModelRecord[];
  projectJob: ProjectJob | null;
  projectError: string | null;
  /** the last thing done (imported, exported, saved), for a status line */
  projectNotice: string | null;
  projectsOpen: boolean;
  projectsLoaded: (projects: ProjectRow[], projectId?: string) => void;
  projectModelsLoaded: (models: ModelRecord[]) => void;
  projectJobStarted: (kind: ProjectJob['kind'], label: string) => void;
  projectJobProgressed: (done: number, total: number) => void;
  projectJobEnded: (notice: string | null) => void;
  projectJobFailed: (message: string) => void;
  setProjectsOpen: (open: boolean) => void;
}

export const createProjectSlice: StateCreator<Store, [], [], ProjectSlice> = (set) => ({
  keptModel: null,
  keptModelChanged: (keptModel) => set({ keptModel }),
  projectId: storedProjectId(),
  projects: [],
  projectModels: [],
  projectJob: null,
  projectError: null,
  projectNotice: null,
  projectsOpen: false,
  projectsLoaded: (projects, projectId) => set((s) => ({ projects, projectId: projectId ?? s.projectId })),
  projectModelsLoaded: (projectModels) => set({ projectModels }),
  projectJobStarted: (kind, label) => {
    const now = performance.now();
    set({ projectJob: { kind, label, done: 0, total: 0, startedAt: now, at: now }, projectError: null, projectNotice: null });
  },
  projectJobProgressed: (done, total) => set((s) => (s.projectJob ? { projectJob: { ...s.projectJob, done, total, at: performance.now() } } : {})),
  projectJobEnded: (projectNotice) => set({ projectJob: null, projectNotice }),
  projectJobFailed: (projectError) => set({ projectJob: null, projectError }),
  setProjectsOpen: (projectsOpen) => set({ projectsOpen }),
});
