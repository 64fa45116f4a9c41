import { clearRenderFault, ErrorBoundary, FaultProbe } from './components/ErrorBoundary';
import { ClassifyView } from './features/classify/ClassifyView';
import { DataView } from './features/data/DataView';
import { EvaluateView } from './features/evaluate/EvaluateView';
import { ModelPanel } from './features/model/ModelPanel';
import { ProjectMenu } from './features/project/ProjectsDialog';
import { StatusBar } from './features/status/StatusBar';
import { StepNav } from './features/steps/StepNav';
import { TrainPanel } from './features/train/TrainPanel';
import { ShareView } from './features/share/ShareView';
import { SiteModelsBanner } from './features/share/SiteModelsBanner';
import { UpdateBanner } from './pwa/UpdateBanner';
import { useStore } from './store';
import type { Step } from './store/appSlice';

// Every step stays mounted (hidden when inactive) so its state and inputs survive switching steps.
function StepPanel({ id, children }: { id: Step; children: React.ReactNode }) {
  const active = useStore((s) => s.step === id);
  return (
    <div id={`step-${id}`} role="tabpanel" aria-labelledby={`tab-${id}`} tabIndex={-1} hidden={!active} className="step-panel">
      <ErrorBoundary what={`the ${id[0].toUpperCase()}${id.slice(1)} step`} onRetry={() => clearRenderFault(id)}>
        <FaultProbe name={id} />
        {children}
      </ErrorBoundary>
    </div>
  );
}

/** The skip link moves focus into the open step's panel (a hash jump alone would leave focus in the header). */
function skipToStep(e: React.MouseEvent): void {
  e.preventDefault();
  const panel = document.querySelector<HTMLElement>('.step-panel:not([hidden])') ?? document.getElementById('main');
  panel?.focus();
  panel?.scrollIntoView({ block: 'start' });
}

export function App() {
  return (
    <div className="app">
      <a className="skip-link" href="#main" onClick={skipToStep}>Skip to the current step</a>
      <header className="app-header">
        <h1>SEM Classifier</h1>
        <ProjectMenu />
        <StepNav />
        <span className="privacy" title="All computation happens in this tab; no image is uploaded. The app requests nothing from any site but its own (details under Share).">
          <svg aria-hidden="true" width="12" height="14" viewBox="0 0 12 14"><rect x="1" y="6" width="10" height="8" rx="1.5" fill="currentColor" /><path d="M3.5 6V4a2.5 2.5 0 0 1 5 0v2" stroke="currentColor" strokeWidth="1.5" fill="none" /></svg>{' '}
          images stay in this browser
        </span>
      </header>
      <main className="app-main" id="main" tabIndex={-1}>
        <SiteModelsBanner />
        <StepPanel id="data">
          <DataView />
        </StepPanel>
        <StepPanel id="train">
          <div className="stack">
            <ModelPanel />
            <TrainPanel />
          </div>
        </StepPanel>
        <StepPanel id="evaluate">
          <EvaluateView />
        </StepPanel>
        <StepPanel id="classify">
          <ClassifyView />
        </StepPanel>
        <StepPanel id="share">
          <ShareView />
        </StepPanel>
      </main>
      <UpdateBanner />
      <StatusBar />
    </div>
  );
}
