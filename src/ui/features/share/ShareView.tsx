import { BundleProgressBar } from './BundleProgressBar';
import { ExportPanel } from './ExportPanel';
import { ImportPanel } from './ImportPanel';
import { LoadedBundle } from './LoadedBundle';
import { OfflineStatus } from './OfflineStatus';
import { PrivacyNote } from './PrivacyNote';
import { SiteBundles } from './SiteBundles';
import { useStore } from '../../store';
import { ProjectModels } from '../project/ProjectModels';

/** Step 5: the model as one file, a link, or an offline app; and what the app sends where. */
export function ShareView() {
  const job = useStore((s) => s.bundleJob);
  const error = useStore((s) => s.bundleError);
  const loaded = useStore((s) => s.loadedBundle?.name ?? '');
  return (
    <div className="stack" data-testid="share.status" data-state={error && job === 'idle' ? 'error' : job} data-bundle={loaded}>
      <ExportPanel />
      <BundleProgressBar />
      <LoadedBundle />
      <ProjectModels />
      <ImportPanel />
      <SiteBundles />
      <OfflineStatus />
      <PrivacyNote />
    </div>
  );
}
