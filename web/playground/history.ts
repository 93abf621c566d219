/**
 * What the playground has seen of a session: its snapshots' numbers over training (the pictures'
 * data) and the training points. Long runs keep at most MAX_POINTS points per series by dropping
 * every other old point when full, so memory and redraw time stay bounded.
 */
import type { Snapshot } from '../../src/train/session.js';

const MAX_POINTS = 2000;

export interface LayerHistory {
  readonly actMean: number[];
  readonly actStd: number[];
  readonly gradStd: number[];
}

export class History {
  readonly update: number[] = [];
  readonly loss: number[] = [];
  readonly testError: number[] = [];
  readonly layers: LayerHistory[] = [];
  /** Distinct units of each hidden layer. */
  readonly units: number[][] = [];
  /** The training points, as the worker sent them with the first snapshot. */
  points: { readonly inputs: Float32Array; readonly labels: Int32Array } | undefined;

  add(s: Snapshot): void {
    if (this.update.length > 0 && s.update === this.update[this.update.length - 1]) return;
    this.update.push(s.update);
    this.loss.push(s.loss);
    this.testError.push(s.testError);
    s.layers.forEach((l, i) => {
      const h = (this.layers[i] ??= { actMean: [], actStd: [], gradStd: [] });
      h.actMean.push(l.actMean);
      h.actStd.push(l.actStd);
      h.gradStd.push(l.weightGradStd);
    });
    s.distinctUnits.forEach((u, i) => (this.units[i] ??= []).push(u));
    if (this.update.length > MAX_POINTS) this.thin();
  }

  /** Keeps the first point and every other one after it, and the last. */
  private thin(): void {
    const keep = (a: number[]) => a.splice(0, a.length, ...a.filter((_, i) => i % 2 === 0 || i === a.length - 1));
    for (const a of [this.update, this.loss, this.testError, ...this.layers.flatMap((l) => [l.actMean, l.actStd, l.gradStd]), ...this.units]) keep(a);
  }
}
