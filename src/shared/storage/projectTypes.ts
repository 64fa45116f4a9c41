// What a project is, as stored: a name, and, under its id, one dataset (datasetDb), its runs (runsDb) and
// the classifiers saved in it (the `models` store, one bundle .zip each).

import type { Evaluation } from '../eval/types';

export interface ProjectRecord {
  id: string;
  name: string;
  createdAt: number;
  updatedAt: number;
  /** set while a project file is being imported into it; a project left so by a closed tab is removed */
  importing?: boolean;
}

/** A classifier kept in a project: the same .zip a download gives, with what the list shows. */
export interface ModelRecord {
  id: string;
  project: string;
  name: string;
  createdAt: number;
  /** the bundle zip */
  bytes: Blob;
  size: number;
  classNames: string[];
  inputSize: number;
  /** validation accuracy when the bundle says it, else null */
  validAccuracy: number | null;
  /**
   * a model a run here trained, with its evaluation, restored after a reload when it is the newest; auto: kept
   * by itself when the run ended (listed apart), false: saved by name
   */
  kept?: { runId: string | null; evaluation: Evaluation | null; auto: boolean };
}
