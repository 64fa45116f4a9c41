import * as tf from '@tensorflow/tfjs';
import type { ParamGroup, TrainableParam } from './layerGroups';

// fastai's `Adam` with `decouple_wd=True` (AdamW) and its defaults: mom 0.9, sqr_mom 0.99, eps 1e-5, wd 0.01.
// tf.train.adam cannot do this: one lr for all variables, beta1 fixed at construction, L2 instead of
// decoupled decay, and no per-variable step count (fastai keeps one, so a body unfrozen later debiases from
// its own first step).
export const ADAMW_DEFAULTS = { beta1: 0.9, beta2: 0.99, epsilon: 1e-5, weightDecay: 0.01 } as const;

export interface AdamWOptions {
  beta2?: number;
  epsilon?: number;
  weightDecay?: number;
}

export interface AdamWHyper {
  /** one lr per group, in the groups' order */
  lrs: readonly number[];
  /** Adam beta1 for this step (one-cycle momentum); default 0.9 */
  beta1?: number;
}

/** Same shape as tfjs' internal NamedTensor, so `tf.io.encodeWeights(state)` takes it. */
export interface NamedTensor {
  name: string;
  tensor: tf.Tensor;
}

interface Slot {
  m: tf.Variable;
  v: tf.Variable;
  step: number;
}

export class AdamW {
  readonly beta2: number;
  readonly epsilon: number;
  readonly weightDecay: number;
  private readonly slots = new Map<string, Slot>();
  private readonly groupOf = new Map<string, { group: number; param: TrainableParam }>();

  constructor(readonly groups: readonly ParamGroup[], opts: AdamWOptions = {}) {
    this.beta2 = opts.beta2 ?? ADAMW_DEFAULTS.beta2;
    this.epsilon = opts.epsilon ?? ADAMW_DEFAULTS.epsilon;
    this.weightDecay = opts.weightDecay ?? ADAMW_DEFAULTS.weightDecay;
    groups.forEach((g, group) => g.params.forEach((param) => this.groupOf.set(param.variable.name, { group, param })));
  }

  /**
   * One AdamW update, fastai's order: decay p ← p·(1 − lr·wd); m ← β1·m + (1−β1)·g; v ← β2·v + (1−β2)·g²;
   * p ← p − lr/(1−β1ᵗ) · m / (√(v/(1−β2ᵗ)) + ε). `grads` is keyed by variable name (tf.variableGrads'
   * output); variables without a gradient (frozen ones) keep their values and their state. Does not dispose
   * `grads`.
   */
  applyGradients(grads: tf.NamedTensorMap, hyper: AdamWHyper): void {
    if (hyper.lrs.length !== this.groups.length) {
      throw new Error(`AdamW needs ${this.groups.length} learning rates, one per group (got ${hyper.lrs.length}).`);
    }
    const beta1 = hyper.beta1 ?? ADAMW_DEFAULTS.beta1;
    for (const [name, grad] of Object.entries(grads)) {
      const entry = this.groupOf.get(name);
      if (!entry) throw new Error(`AdamW got a gradient for "${name}", which is in none of its groups.`);
      const { variable, decay } = entry.param;
      const lr = hyper.lrs[entry.group];
      const slot = this.slot(variable);
      slot.step += 1;
      const debias1 = 1 - beta1 ** slot.step;
      const debias2 = 1 - this.beta2 ** slot.step;
      tf.tidy(() => {
        const p = decay && this.weightDecay > 0 ? tf.mul(variable, 1 - lr * this.weightDecay) : variable;
        const m = tf.add(tf.mul(slot.m, beta1), tf.mul(grad, 1 - beta1));
        const v = tf.add(tf.mul(slot.v, this.beta2), tf.mul(tf.square(grad), 1 - this.beta2));
        const denom = tf.add(tf.sqrt(tf.div(v, debias2)), this.epsilon);
        slot.m.assign(m);
        slot.v.assign(v);
        variable.assign(tf.sub(p, tf.mul(tf.div(m, denom), lr / debias1)));
      });
    }
  }

  /**
   * Creates the zero state of every parameter now rather than at its first update, so the tensor count is
   * flat from the first epoch on (a body unfrozen later would otherwise add its slots then) and a checkpoint
   * holds every slot. A slot with step 0 behaves exactly as a lazily made one.
   */
  initSlots(): void {
    for (const { param } of this.groupOf.values()) this.slot(param.variable);
  }

  private slot(variable: tf.Variable): Slot {
    let slot = this.slots.get(variable.name);
    if (!slot) {
      // not trainable: a later tf.variableGrads without an explicit list must never differentiate them
      // tidy disposes the zero tensors and leaves the variables (tidy never disposes variables)
      const zeros = () => tf.tidy(() => tf.variable(tf.zerosLike(variable), false));
      slot = { m: zeros(), v: zeros(), step: 0 };
      this.slots.set(variable.name, slot);
    }
    return slot;
  }

  /**
   * The state as named tensors (`param/m`, `param/v`, `param/step`, with the stable `layer/weight` names),
   * ready for tf.io.encodeWeights. The tensors are copies owned by the caller.
   */
  getState(): NamedTensor[] {
    const out: NamedTensor[] = [];
    for (const [varName, slot] of this.slots) {
      const entry = this.groupOf.get(varName);
      if (!entry) continue;
      const base = entry.param.name;
      out.push(
        { name: `${base}/m`, tensor: slot.m.clone() },
        { name: `${base}/v`, tensor: slot.v.clone() },
        { name: `${base}/step`, tensor: tf.scalar(slot.step, 'int32') },
      );
    }
    return out;
  }

  /** Replaces the whole state with one from `getState` (of this or an identically built model). */
  async setState(state: readonly NamedTensor[]): Promise<void> {
    const byName = new Map(state.map((s) => [s.name, s.tensor]));
    this.disposeSlots();
    for (const { param } of this.groupOf.values()) {
      const m = byName.get(`${param.name}/m`);
      const v = byName.get(`${param.name}/v`);
      const step = byName.get(`${param.name}/step`);
      if (!m || !v || !step) continue;
      const slot = this.slot(param.variable);
      slot.m.assign(m);
      slot.v.assign(v);
      slot.step = (await step.data())[0];
    }
  }

  /** Number of updates applied to a variable (0 before its first). */
  stepOf(variable: tf.Variable): number {
    return this.slots.get(variable.name)?.step ?? 0;
  }

  private disposeSlots(): void {
    for (const slot of this.slots.values()) tf.dispose([slot.m, slot.v]);
    this.slots.clear();
  }

  dispose(): void {
    this.disposeSlots();
  }
}
