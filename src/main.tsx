import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './ui/App';
import { restoreDataset } from './ui/dataset/datasetActions';
import { boot } from './ui/startup';
import './ui/styles.css';

boot();
// The stored dataset comes back without re-dropping the folders.
void restoreDataset();
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
