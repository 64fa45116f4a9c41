// Multinomial logistic regression (softmax regression) with L2 regularisation, fitted by full-batch
// gradient descent with Nesterov momentum on standardised features. Small and deterministic: the
// baseline has a few dozen features and at most a few thousand images, so this fits in well under a second.

export interface LogisticModel {
  classes: number;
  /** per feature: training mean and standard deviation (1 where the feature is constant) */
  mean: Float64Array;
  scale: Float64Array;
  /** classes × (features + 1), the last column is the bias */
  weights: Float64Array[];
}

export interface LogisticOptions {
  /** L2 penalty on the weights (not the biases), per image */
  l2?: number;
  iterations?: number;
  learningRate?: number;
  /** weigh each class by n / (classes × its count), as sklearn's class_weight='balanced' */
  balanced?: boolean;
}

function standardiser(x: readonly ArrayLike<number>[], d: number): { mean: Float64Array; scale: Float64Array } {
  const mean = new Float64Array(d);
  const scale = new Float64Array(d);
  for (const row of x) for (let j = 0; j < d; j++) mean[j] += row[j];
  for (let j = 0; j < d; j++) mean[j] /= x.length;
  for (const row of x) for (let j = 0; j < d; j++) scale[j] += (row[j] - mean[j]) ** 2;
  for (let j = 0; j < d; j++) {
    const s = Math.sqrt(scale[j] / x.length);
    scale[j] = s > 1e-12 ? s : 1;
  }
  return { mean, scale };
}

function softmaxInPlace(z: Float64Array): void {
  let max = -Infinity;
  for (const v of z) max = Math.max(max, v);
  let sum = 0;
  for (let k = 0; k < z.length; k++) {
    z[k] = Math.exp(z[k] - max);
    sum += z[k];
  }
  for (let k = 0; k < z.length; k++) z[k] /= sum;
}

function logits(w: readonly Float64Array[], row: Float64Array, out: Float64Array): void {
  const d = row.length;
  for (let k = 0; k < w.length; k++) {
    let s = w[k][d];
    for (let j = 0; j < d; j++) s += w[k][j] * row[j];
    out[k] = s;
  }
}

export function fitLogistic(x: readonly ArrayLike<number>[], y: readonly number[], classes: number, opts: LogisticOptions = {}): LogisticModel {
  if (x.length === 0) throw new Error('fitLogistic: no training rows');
  if (x.length !== y.length) throw new Error('fitLogistic: rows and labels differ in number');
  const d = x[0].length;
  const { l2 = 1e-3, iterations = 400, learningRate = 0.5, balanced = true } = opts;
  const { mean, scale } = standardiser(x, d);
  const rows = x.map((r) => Float64Array.from({ length: d }, (_, j) => (r[j] - mean[j]) / scale[j]));
  const counts = new Array<number>(classes).fill(0);
  for (const c of y) counts[c]++;
  const present = counts.filter((c) => c > 0).length;
  const weightOf = counts.map((c) => (balanced && c > 0 ? x.length / (present * c) : 1));
  const totalWeight = y.reduce((a, c) => a + weightOf[c], 0);
  const w = Array.from({ length: classes }, () => new Float64Array(d + 1));
  const velocity = Array.from({ length: classes }, () => new Float64Array(d + 1));
  const look = Array.from({ length: classes }, () => new Float64Array(d + 1));
  const grad = Array.from({ length: classes }, () => new Float64Array(d + 1));
  const z = new Float64Array(classes);
  const momentum = 0.9;
  for (let it = 0; it < iterations; it++) {
    for (let k = 0; k < classes; k++) for (let j = 0; j <= d; j++) look[k][j] = w[k][j] + momentum * velocity[k][j];
    for (const g of grad) g.fill(0);
    for (let i = 0; i < rows.length; i++) {
      logits(look, rows[i], z);
      softmaxInPlace(z);
      const wi = weightOf[y[i]] / totalWeight;
      for (let k = 0; k < classes; k++) {
        const err = (z[k] - (y[i] === k ? 1 : 0)) * wi;
        if (err === 0) continue;
        const g = grad[k];
        const r = rows[i];
        for (let j = 0; j < d; j++) g[j] += err * r[j];
        g[d] += err;
      }
    }
    for (let k = 0; k < classes; k++) {
      for (let j = 0; j <= d; j++) {
        const g = grad[k][j] + (j < d ? l2 * look[k][j] : 0);
        velocity[k][j] = momentum * velocity[k][j] - learningRate * g;
        w[k][j] += velocity[k][j];
      }
    }
  }
  return { classes, mean, scale, weights: w };
}

/** Class probabilities for one feature row. */
export function predictLogistic(model: LogisticModel, row: ArrayLike<number>): number[] {
  const d = model.mean.length;
  const s = Float64Array.from({ length: d }, (_, j) => (row[j] - model.mean[j]) / model.scale[j]);
  const z = new Float64Array(model.classes);
  logits(model.weights, s, z);
  softmaxInPlace(z);
  return Array.from(z);
}
