// Every field of a project file's manifest (sem-project.json), by type and range: what validateManifest
// checks before anything is stored. A value that would be a number everywhere else in the app (a split
// seed, a stage size) is a number here too, so a file cannot slip text into the report or the charts.
import { PIXEL_SIZE_SOURCES } from '../dataset/instrument';
import { arr, bool, either, int, nullable, num, obj, oneOf, optional, record, str, type Check } from '../schema/schema';

const HASH = /^[0-9a-f]{64}$/;
const SAFE_ID = /^[A-Za-z0-9_-]{1,80}$/;
const HEX16 = /^[0-9a-f]{16}$/;
const TIME = num(0, 1e15);
const COUNT = int(0, 1e9);
const SEED = int(0, 2 ** 31 - 1);
const NAME = str(1000);
const PATH = str(4096);
const TEXT = str(4000);
const LOSS = nullable(num(-1e6, 1e12)); // a diverged loss (NaN) is written by JSON.stringify as null
const SIDE = int(1, 1_000_000);
const SPLIT = oneOf(['train', 'valid', 'test'] as const);
const PHASE = oneOf(['frozen', 'unfrozen'] as const);
const MODE = optional(oneOf(['full', 'fast'] as const));
// Only the types the app writes: a stored image never becomes an SVG or HTML document.
const ORIGIN = oneOf(['folder', 'hand', 'accepted'] as const);
const IMAGE_TYPE = oneOf(['image/jpeg', 'image/webp', 'image/png'] as const);

const dataBar = obj({ found: bool, top: int(0, 1_000_000), bottom: int(0, 1_000_000), style: nullable(oneOf(['bright', 'dark'] as const)) });

const instrument = obj({
  pixelSizeNm: nullable(num(1e-3, 1e6)), pixelSizeSource: nullable(oneOf(PIXEL_SIZE_SOURCES)),
  magnification: nullable(num(1, 1e7)), kV: nullable(num(0.01, 1000)), detector: nullable(str(60)),
});

const entry = obj({
  path: PATH, label: nullable(NAME), presetSplit: nullable(SPLIT), hash: str(64, HASH),
  width: SIDE, height: SIDE, storedWidth: int(1, 4096), storedHeight: int(1, 4096), dataBar,
  phash: str(16, HEX16), shifts: arr(str(16, HEX16), 64),
  // labelling in the app (labels.ts); absent in files from before it
  origin: optional(ORIGIN), labelledAt: optional(TIME), excluded: optional(bool),
  // read from the file's TIFF tags or sidecar at import; absent in files from before it
  instrument: optional(instrument),
});

const labelEvent = obj({
  at: TIME, path: PATH, action: oneOf(['label', 'exclude', 'include', 'delete', 'restore'] as const),
  from: nullable(NAME), to: nullable(NAME), origin: nullable(ORIGIN), undo: optional(bool),
});

const image = obj({ hash: str(64, HASH), width: int(1, 4096), height: int(1, 4096), type: IMAGE_TYPE, thumbType: IMAGE_TYPE });

const dataset = obj({
  id: str(200), name: NAME, createdAt: TIME,
  issues: arr(obj({ path: PATH, reason: TEXT })), hiddenCount: COUNT, complete: bool, stopReason: nullable(TEXT),
  cropDataBar: bool, excluded: arr(NAME, 10_000),
  split: nullable(obj({ seed: SEED, validFrac: num(0, 1), assign: record(PATH, SPLIT) })),
  labelLog: optional(arr(labelEvent, 10_000_000)), revision: optional(COUNT),
  reviewRounds: optional(arr(obj({ startedAt: TIME, added: COUNT, accuracyBefore: nullable(num(0, 1)), accuracyAfter: nullable(num(0, 1)), lastAt: nullable(TIME) }), 100_000)),
});

const augToggles = obj({
  flip: bool, flipVert: bool, rot90: bool, rotate: bool, zoom: bool, brightness: bool, contrast: bool, warp: bool,
});

const recipe = obj({
  schedule: str(200, /^[0-9xX×*?,;\s]*$/), batchSize: int(1, 4096), epochs: nullable(int(0, 10_000)), freezeEpochs: int(0, 10_000),
  baseLr: num(0, 10), augment: either(bool, augToggles, 'true, false or the augmentation switches'), mode: MODE,
  views: optional(int(1, 256)), labelSmoothing: num(0, 1), seed: SEED, tta: optional(bool), scratch: optional(bool),
});

const stage = obj({ size: int(1, 4096), epochs: int(0, 10_000) });
const plan = obj({
  classNames: arr(NAME, 10_000), trainImages: COUNT, validImages: COUNT, stepsPerEpoch: COUNT,
  stages: arr(stage, 64), perEpoch: arr(obj({ phase: PHASE, size: int(1, 4096), stage: int(0, 63) }), 100_000),
  warnings: arr(TEXT, 1000), mode: MODE,
});

const memory = obj({ numTensors: COUNT, numBytes: num(0, 1e15), numBytesInGPU: optional(num(0, 1e15)) });
const epoch = obj({
  phase: PHASE, epoch: int(0, 100_000), trainLoss: LOSS, validLoss: LOSS, validAccuracy: nullable(num(0, 1)),
  seconds: num(0, 1e9), memory, size: int(1, 4096), stage: int(0, 63),
});

const run = obj({
  id: str(80, SAFE_ID), dataset: str(200), createdAt: TIME, updatedAt: TIME, recipe, plan,
  status: oneOf(['running', 'paused', 'done', 'stopped', 'error'] as const),
  epochs: arr(epoch, 100_000),
  lossPoints: arr(obj({ step: COUNT, loss: LOSS, smoothLoss: LOSS, lr: optional(num(0, 10)) }), 1_000_000),
  bestEpoch: nullable(int(0, 100_000)), keptEpoch: nullable(int(0, 100_000)),
  summary: nullable(obj({ epoch: int(0, 100_000), trainLoss: LOSS, validLoss: LOSS, validAccuracy: nullable(num(0, 1)) })),
  checkpointEpoch: nullable(int(0, 100_000)), backend: str(100), backbone: PATH, trainSeconds: num(0, 1e9), message: nullable(TEXT),
  datasetRevision: optional(COUNT),
});

const specs = arr(obj({ name: str(1000), shape: arr(int(0, 1e8), 8), dtype: oneOf(['float32', 'int32'] as const) }), 100_000);
const checkpoint = obj({
  runId: str(80, SAFE_ID), epoch: int(0, 100_000),
  next: obj({ epoch: int(0, 100_000), step: COUNT, batchSize: optional(int(1, 4096)), smoother: optional(obj({ avg: LOSS, count: COUNT })) }),
  weights: specs, optimizer: specs,
  best: nullable(obj({ epoch: int(0, 100_000), validLoss: num(-1e6, 1e12), weights: nullable(specs) })),
  savedAt: TIME, bytes: num(0, 1e13),
});

const model = obj({
  id: str(80, SAFE_ID), name: NAME, createdAt: TIME, size: num(0, 1e13), classNames: arr(NAME, 10_000),
  inputSize: int(16, 4096), validAccuracy: nullable(num(0, 1)),
});

/** The manifest's shape below `format` and `version` (checked first, for their own messages). */
export const manifestBody: Check<unknown> = obj({
  exportedAt: str(100), appVersion: str(100),
  project: obj({ name: NAME, createdAt: TIME }),
  dataset: nullable(dataset),
  entries: arr(entry), images: arr(image), runs: arr(run, 10_000), checkpoints: arr(checkpoint, 10_000), models: arr(model, 10_000),
});
