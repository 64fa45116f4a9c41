import { useState } from 'react';
import { describeOrigin, originRunId } from '../../../shared/modelOrigin';
import { useStore } from '../../store';
import { saveModelToProject } from '../project/projectActions';
import { exportModel } from './shareActions';
import { bundleSizeLabel, ShareInstructions } from './ShareTrained';

/** Why the model cannot be exported yet, or null when it can. */
function blocker(ready: boolean, modelState: string, headTrained: boolean | undefined, busy: boolean): string | null {
  if (!ready || modelState === 'loading') return 'Waiting for the model to load…';
  if (!headTrained) return 'Train the classifier first (step 2), or import a trained bundle below: an untrained head would give random answers.';
  if (busy) return 'Busy with another export or import…';
  return null;
}

export function ExportPanel() {
  const ready = useStore((s) => s.ready);
  const modelState = useStore((s) => s.modelState);
  const model = useStore((s) => s.model);
  const job = useStore((s) => s.bundleJob);
  const projectBusy = useStore((s) => s.projectJob !== null);
  const projectNotice = useStore((s) => (s.projectJob === null && s.projectNotice?.startsWith('Saved "') ? s.projectNotice : null));
  const projectError = useStore((s) => (s.projectError?.startsWith('The model could not be saved') ? s.projectError : null));
  const [name, setName] = useState('sem-classifier');
  const [half, setHalf] = useState(false);
  const why = blocker(ready, modelState, model?.headTrained, job !== 'idle');
  return (
    <section className="panel" aria-labelledby="export-heading">
      <h2 id="export-heading">Share the model</h2>
      <p>
        One <code>.zip</code> file: the whole classifier as a TensorFlow.js model (<code>model.json</code> and weight files),
        <code> bundle.json</code> (class names, input size and normalisation, training recipe and metrics) and a short
        <code> MODEL_CARD.md</code>. Anyone can open it in this app, offline, or load it with <code>tf.loadLayersModel</code>.
      </p>
      {model?.headTrained && (
        <p className="hint">
          {model.classNames.length} classes ({model.classNames.join(', ')}) · {model.inputSize} px · preprocessing {model.preprocessing}
          <br />
          <span data-testid="share.origin" data-kind={model.origin.kind} data-run={originRunId(model.origin) ?? ''}>The model in use: {describeOrigin(model.origin)}.</span>
        </p>
      )}
      <div className="row">
        <label>
          Name{' '}
          <input type="text" aria-label="Model name" value={name} onChange={(e) => setName(e.target.value)} maxLength={80} />
        </label>
        <label title="Weights in half precision: half the download; the difference in the predictions is measured and shown">
          <input type="checkbox" checked={half} onChange={(e) => setHalf(e.target.checked)} data-testid="model.float16" /> half size (float16)
        </label>
        <button type="button" className="primary" data-testid="model.export" disabled={why !== null} onClick={() => void exportModel(name, half)}>
          Download bundle (.zip{model?.headTrained ? `, ${bundleSizeLabel(model.modelParams, half)}` : ''})
        </button>
        <button type="button" data-testid="model.save-project" disabled={why !== null || projectBusy} onClick={() => void saveModelToProject(name)}>
          Save in project
        </button>
      </div>
      {why && <p className="hint" data-testid="share.export-blocked">{why}</p>}
      {projectNotice && <p className="hint" role="status" data-testid="project.model-saved">{projectNotice}</p>}
      {projectError && <p className="error" role="alert">{projectError}</p>}
      <ShareInstructions />
    </section>
  );
}
