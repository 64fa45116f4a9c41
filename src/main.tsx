import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './ui/App';
import { restoreDataset } from './ui/dataset/datasetActions';
import { initProjects } from './ui/project/projectActions';
import { boot } from './ui/startup';
import { settleInterruptedRuns } from './ui/features/train/runsActions';
import { useStore } from './ui/store';
import './ui/styles.css';

boot();
// The tab's project, then its stored dataset, come back without re-dropping the folders.
void initProjects().then(async () => {
  await restoreDataset();
  await settleInterruptedRuns(useStore.getState().projectId);
});
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
