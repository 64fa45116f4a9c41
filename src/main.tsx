import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './ui/App';
import { restoreDataset } from './ui/features/data/datasetActions';
import { initProjects } from './ui/features/project/projectActions';
import { startKeepingModels, unsavedWork } from './ui/features/project/keptModel';
import { boot } from './ui/startup';
import { settleInterruptedRuns } from './ui/features/train/runsActions';
import { useStore } from './ui/store';
import './ui/styles.css';

/** Inside another site's frame (the first visit, before the service worker's frame-ancestors header applies)? */
function framedByAnotherSite(): boolean {
  if (window.top === window.self) return false;
  try {
    return window.top!.location.origin !== window.location.origin;
  } catch {
    return true;
  }
}

if (framedByAnotherSite()) {
  document.getElementById('root')!.textContent = 'This app does not run inside another site\'s page: open it in its own tab.';
  throw new Error('refused to run inside a frame of another site');
}

boot();
// The tab's project, then its stored dataset, come back without re-dropping the folders.
void initProjects().then(async () => {
  await restoreDataset();
  await settleInterruptedRuns(useStore.getState().projectId);
  startKeepingModels();
});
// Closing or reloading the tab asks first while something would be lost (the browser shows its own words).
window.addEventListener('beforeunload', (e) => {
  if (unsavedWork(useStore.getState())) e.preventDefault();
});
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
