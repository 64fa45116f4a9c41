/** What this app sends where: nothing, to anyone, except the files of its own site. */
export function PrivacyNote() {
  return (
    <section className="panel" aria-labelledby="privacy-heading" data-testid="share.privacy">
      <h2 id="privacy-heading">Privacy</h2>
      <p>
        This app requests nothing from any web site but its own: its code, the TensorFlow.js WebAssembly files and the
        models in its <code>models/</code> folder. Your images, the training and every prediction stay in this browser tab
        (images are stored in this browser's IndexedDB so they survive a reload). No analytics, no fonts or scripts from
        elsewhere. The one exception is a model URL that you give yourself (a <code>?model=</code> or backbone link to
        another site): then that file is downloaded from there, and nothing is sent back.
      </p>
      <p className="hint">
        A bundle you export contains the trained weights, the class names and training statistics, but no images.
      </p>
    </section>
  );
}
