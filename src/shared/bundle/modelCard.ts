// MODEL_CARD.md: a short, human-readable summary of a bundle, written from bundle.json. Epochs are counted
// from 1 here, as everywhere people read them.
import { describeSizeRuns, keptReason, sizeRuns } from '../modelOrigin';
import { keptTrainingEpoch, type BundleJson } from './format';

const pct = (v: number | null | undefined) => (typeof v === 'number' ? `${(v * 100).toFixed(1)}%` : 'n/a');

export function modelCard(b: BundleJson): string {
  const lines = [
    `# ${b.name}`,
    '',
    `An image classifier for SEM images, exported by SEM Classifier ${b.appVersion || ''} on ${b.createdAt || 'an unknown date'}.`.replace('  ', ' '),
    '',
    '## Classes',
    '',
    ...b.classNames.map((c, i) => `${i}. ${c}`),
    '',
    '## Network',
    '',
    `- Backbone: ${b.backbone.name} (${b.backbone.params.toLocaleString('en-US')} parameters), ${b.backbone.pretrained ? b.backbone.weightsNote : 'trained from random weights'}`,
    '- Head: fastai-style (concat pooling, batch norm, dropout, dense 512, dense + softmax)',
    '- Files: `model.json` with `group1-shard*.bin` (a TensorFlow.js layers-model, `tf.loadLayersModel`)',
    '',
    '## Input',
    '',
    `- The centre square of the image, resized (bilinear) to ${b.preprocessing.inputSize} × ${b.preprocessing.inputSize} px, RGB 0..255`,
    `- Normalisation: \`${b.preprocessing.normalization}\` (keras.applications preprocess_input mode)`,
    `- SEM data bar: ${b.preprocessing.dataBarCrop === null ? 'not known' : b.preprocessing.dataBarCrop ? 'cropped off the training images' : 'kept in the training images'}`,
    '',
  ];
  const t = b.training;
  if (t) {
    const last = t.epochs[t.epochs.length - 1];
    const kept = keptTrainingEpoch(t);
    const ran = t.sizesRun ?? sizeRuns(t.epochs.map((e) => e.size));
    const planned = t.plannedEpochs !== undefined && t.plannedEpochs !== t.epochs.length ? ` of ${t.plannedEpochs} planned` : '';
    // older bundles say nothing of the kept epoch: their weights are the last epoch's
    const why = t.keptEpoch === undefined || t.keptEpoch === null ? 'the last epoch' : keptReason(t.stopped, kept?.validLoss !== null);
    lines.push(
      '## Training',
      '',
      `- ${t.trainImages} training and ${t.validImages} validation images`,
      `- Ran ${t.epochs.length}${planned} epoch${t.epochs.length === 1 ? '' : 's'}${ran.length ? `: ${describeSizeRuns(ran)}` : ''}${t.stopped ? ' (stopped early)' : ''}`,
      `- Recipe: ${Object.entries(t.recipe).map(([k, v]) => `${k} ${String(v)}`).join(', ')}`,
      ...(kept
        ? [`- Weights kept from epoch ${kept.epoch + 1} (${why}): train loss ${kept.trainLoss.toFixed(4)}, validation loss ${kept.validLoss?.toFixed(4) ?? 'n/a'}, accuracy ${pct(kept.validAccuracy)}`]
        : []),
      ...(last && kept && last !== kept ? [`- Last epoch (${last.epoch + 1}): validation loss ${last.validLoss?.toFixed(4) ?? 'n/a'}, accuracy ${pct(last.validAccuracy)}`] : []),
      '',
    );
  }
  if (b.metrics) {
    lines.push('## Validation metrics', '', `- Accuracy: ${pct(b.metrics.validAccuracy)}`);
    for (const c of b.metrics.perClass ?? []) lines.push(`- ${c.class}: precision ${pct(c.precision)}, recall ${pct(c.recall)}, F1 ${pct(c.f1)} (${c.support} images)`);
    lines.push('');
  }
  lines.push(
    '## Limits',
    '',
    '- Trained on the images its author had: check it on your own before trusting it.',
    '- Validation images came from the same folders as the training images; accuracy elsewhere may be lower.',
    '',
  );
  return lines.join('\n');
}
