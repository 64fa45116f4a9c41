import { useState } from 'react';
import { shareLink } from '../../../shared/bundle/shareLink';
import type { Float16Check } from '../../../shared/protocol';
import { useStore } from '../../store';

/** "About 102 MB": every weight of the classifier at 4 (or 2) bytes; the zip adds a few kB of JSON. */
export function bundleSizeLabel(params: number, float16: boolean): string {
  const mb = (params * (float16 ? 2 : 4)) / 1e6;
  return mb >= 10 ? `about ${Math.round(mb)} MB` : `about ${mb.toFixed(1)} MB`;
}

export function float16Summary(c: Float16Check): string {
  return `float16 weights change the class probabilities of ${c.images} validation images by at most ${(c.maxProbDiff * 100).toFixed(3)} percentage points; ` +
    `the predicted class is the same for ${c.sameTop1} of ${c.images}.`;
}

/** After a download: where to put the file so the site serves it, and the link it then has. */
export function ShareInstructions() {
  const last = useStore((s) => s.lastExport);
  const job = useStore((s) => s.bundleJob);
  const [copied, setCopied] = useState(false);
  if (!last || job !== 'idle') return null;
  const link = shareLink(window.location.href, new URL(`models/${last.fileName}`, document.baseURI).href);
  return (
    <div className="share-steps" data-testid="share.trained" data-bytes={last.bytes} data-link={link}
      data-float16-diff={last.float16 ? last.float16.maxProbDiff.toFixed(6) : undefined} data-float16-same={last.float16?.sameTop1}>
      <p role="status">Saved <b>{last.fileName}</b> ({(last.bytes / 1e6).toFixed(1)} MB) to your downloads.</p>
      {last.float16 && <p className="hint" data-testid="share.float16-check">{float16Summary(last.float16)}</p>}
      <ol>
        <li>Put the file in a <code>models/</code> folder next to this site&apos;s <code>index.html</code> (on the server or repository that serves this page).</li>
        <li>
          Then this link opens the app with the model loaded, ready to classify:{' '}
          <code className="path" data-testid="share.trained-link">{link}</code>{' '}
          <button type="button" data-testid="share.copy-trained-link" onClick={() => void navigator.clipboard.writeText(link).then(() => setCopied(true), () => setCopied(false))}>
            {copied ? 'Copied' : 'Copy link'}
          </button>
        </li>
        <li>Or send the file itself: anyone can drop it on this app&apos;s Share step, offline.</li>
      </ol>
    </div>
  );
}
