// The compute worker's bundle jobs: export the loaded classifier, import one as the session's classifier.
import { bundleOrigin } from '../../shared/modelOrigin';
import type { BundleSource, FromWorker, ModelInfo, ToWorker } from '../../shared/protocol';
import type { ModelSession } from '../session';
import { exportBundle } from './exportBundle';
import { bundleArtifacts, loadBundleClassifier } from './loadBundle';
import { readBundle } from './readBundle';

type Post = (msg: FromWorker, transfer?: Transferable[]) => void;

function from(source: BundleSource): string {
  return source.kind === 'url' ? source.url : source.files.map((f) => f.name).join(', ');
}

export async function runBundleJob(
  session: ModelSession,
  msg: Extract<ToWorker, { type: 'exportBundle' | 'importBundle' }>,
  baseUrl: string,
  post: Post,
): Promise<void> {
  const requestId = msg.requestId;
  const progress = (stage: string, done: number, total: number) => post({ type: 'bundleProgress', requestId, stage, done, total });
  try {
    if (msg.type === 'exportBundle') {
      const { bytes, fileName, float16 } = await exportBundle(session, msg.meta, progress);
      const buffer = bytes.buffer.byteLength === bytes.byteLength ? bytes.buffer : bytes.slice().buffer;
      post({ type: 'bundleExported', requestId, bytes: buffer as ArrayBuffer, fileName, float16 }, [buffer as ArrayBuffer]);
      return;
    }
    post({ type: 'modelLoading', backbone: `bundle: ${from(msg.source)}`, message: 'loading a model bundle' });
    const read = await readBundle(msg.source, baseUrl, progress);
    progress('building the network', 0, 1);
    const artifacts = bundleArtifacts(read.contents);
    const classifier = await loadBundleClassifier(read.contents, artifacts);
    const b = read.contents.bundle;
    const info: ModelInfo = {
      backbone: `bundle: ${b.name}`,
      pretrained: b.backbone.pretrained,
      weightsNote: `trained model "${b.name}" (${b.createdAt.slice(0, 10) || 'undated'}) on ${b.backbone.name}`,
      params: classifier.model.countParams(),
      modelParams: classifier.model.countParams(),
      classNames: [...b.classNames],
      headTrained: true,
      preprocessing: b.preprocessing.normalization,
      inputSize: b.preprocessing.inputSize,
      origin: bundleOrigin(b, read.url),
    };
    session.adopt(classifier, b.preprocessing.normalization, info, {
      name: b.name, training: b.training, metrics: b.metrics, dataBarCrop: b.preprocessing.dataBarCrop,
    }, artifacts, b.novelty ?? null); // the bytes just read are the CPU copy a lost device would rebuild from
    progress('compiling for this backend', 0, 1);
    await session.warmUp();
    post({ type: 'modelReady', requestId: null, model: info });
    post({
      type: 'bundleImported',
      requestId,
      model: info,
      bundle: {
        name: b.name, createdAt: b.createdAt, appVersion: b.appVersion, classNames: b.classNames, inputSize: b.preprocessing.inputSize,
        url: read.url, from: read.from, hasTraining: b.training !== null,
        validAccuracy: b.metrics?.validAccuracy ?? null, card: read.contents.card,
      },
    });
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    if (msg.type === 'importBundle') {
      // The previous classifier is still loaded and usable: say so, rather than leave the model "loading".
      if (session.info) post({ type: 'modelReady', requestId: null, model: session.info });
      else post({ type: 'modelError', requestId: null, backbone: `bundle: ${from(msg.source)}`, message });
    }
    post({ type: 'error', requestId, message });
  }
}
