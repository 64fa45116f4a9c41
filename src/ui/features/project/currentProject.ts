// Which project this tab shows. Kept per tab (sessionStorage, so a reload stays on it) and as the last one
// used (localStorage, so a new tab opens where the user left off). Switching reloads the page: every view,
// the worker and the loaded model start clean on the other project's data.

import { DEFAULT_DATASET } from '../../../shared/storage/datasetDb';

const TAB_KEY = 'sem.project';
const LAST_KEY = 'sem.lastProject';

function read(storage: 'sessionStorage' | 'localStorage', key: string): string | null {
  try {
    return globalThis[storage]?.getItem(key) ?? null;
  } catch {
    return null; // storage disabled (some private modes): one project per tab then
  }
}

export function storedProjectId(): string {
  return read('sessionStorage', TAB_KEY) ?? read('localStorage', LAST_KEY) ?? DEFAULT_DATASET;
}

export function rememberProject(id: string): void {
  try {
    sessionStorage.setItem(TAB_KEY, id);
    localStorage.setItem(LAST_KEY, id);
  } catch {
    // see read()
  }
}
