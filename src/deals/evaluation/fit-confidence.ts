import type { ConfidenceModel, Signals } from '../classify/confidence';
import { SIGNALS, signalVector } from '../classify/confidence';
import type { Decision } from '../classify/rule-classifier';
import type { CompiledGazetteer } from '../classify/gazetteer';
import type { ClassifierInput } from '../types';
import { labeledInput } from './evaluate';
import type { LabeledItem } from './labeled-item';
import { unseenGazetteer } from './unseen';

/**
 * Fits the confidence model: an L2-regularised logistic regression from a decision's signals to
 * whether the item reports a deal, by Newton's method on standardised signals. Deterministic: the same
 * rows give the same model, to the last digit.
 */

export interface TrainingRow {
  signals: Signals;
  /** The label: the item reports a deal. */
  deal: boolean;
}

const L2 = 1;
const ITERATIONS = 50;

/** Solves A x = b by Gaussian elimination with partial pivoting (A is small and positive definite). */
function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i] ?? 0]);
  for (let col = 0; col < n; col += 1) {
    let pivot = col;
    for (let r = col + 1; r < n; r += 1) if (Math.abs(m[r]?.[col] ?? 0) > Math.abs(m[pivot]?.[col] ?? 0)) pivot = r;
    [m[col], m[pivot]] = [m[pivot] as number[], m[col] as number[]];
    const p = m[col] as number[];
    const d = p[col] ?? 1;
    for (let r = 0; r < n; r += 1) {
      if (r === col) continue;
      const row = m[r] as number[];
      const f = (row[col] ?? 0) / d;
      if (f === 0) continue;
      for (let c = col; c <= n; c += 1) row[c] = (row[c] ?? 0) - f * (p[c] ?? 0);
    }
  }
  return m.map((row, i) => (row[n] ?? 0) / (row[i] ?? 1));
}

function round(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

export function fitConfidenceModel(rows: readonly TrainingRow[], trainedOn: Record<string, unknown> = {}): ConfidenceModel {
  const xs = rows.map((r) => signalVector(r.signals));
  const ys = rows.map((r) => (r.deal ? 1 : 0));
  const k = SIGNALS.length;
  const means = SIGNALS.map((_, j) => xs.reduce((s, x) => s + (x[j] ?? 0), 0) / Math.max(1, xs.length));
  const scales = SIGNALS.map((_, j) => {
    const v = xs.reduce((s, x) => s + ((x[j] ?? 0) - (means[j] ?? 0)) ** 2, 0) / Math.max(1, xs.length);
    return v > 1e-12 ? Math.sqrt(v) : 1;
  });
  // column 0 is the bias; the rest are the standardised signals
  const z = xs.map((x) => [1, ...x.map((v, j) => (v - (means[j] ?? 0)) / (scales[j] ?? 1))]);
  let w = new Array<number>(k + 1).fill(0);
  for (let it = 0; it < ITERATIONS; it += 1) {
    const grad = new Array<number>(k + 1).fill(0);
    const hess = Array.from({ length: k + 1 }, () => new Array<number>(k + 1).fill(0));
    z.forEach((row, i) => {
      const p = 1 / (1 + Math.exp(-row.reduce((s, v, j) => s + v * (w[j] ?? 0), 0)));
      const err = (ys[i] ?? 0) - p;
      const weight = p * (1 - p);
      for (let a = 0; a <= k; a += 1) {
        grad[a] = (grad[a] ?? 0) + err * (row[a] ?? 0);
        const h = hess[a] as number[];
        for (let b = 0; b <= k; b += 1) h[b] = (h[b] ?? 0) + weight * (row[a] ?? 0) * (row[b] ?? 0);
      }
    });
    for (let a = 1; a <= k; a += 1) {
      grad[a] = (grad[a] ?? 0) - L2 * (w[a] ?? 0);
      const h = hess[a] as number[];
      h[a] = (h[a] ?? 0) + L2;
    }
    const step = solve(hess, grad);
    w = w.map((v, j) => v + (step[j] ?? 0));
    if (step.every((s) => Math.abs(s) < 1e-10)) break;
  }
  return {
    _doc: 'Fitted by `npm run fit-confidence` (src/cli/fit-confidence.ts): logistic regression from the signals of a decision to the probability that the item reports a deal. Do not edit by hand.',
    signals: [...SIGNALS],
    means: means.map(round),
    scales: scales.map(round),
    weights: w.slice(1).map(round),
    bias: round(w[0] ?? 0),
    trainedOn,
  };
}

/**
 * The rows the shipped model is fitted on: every labeled item decided with the bundled gazetteer and
 * with one that knows none of the labeled parties (so that confidence holds for lesser-known companies).
 */
export function trainingRows(items: readonly LabeledItem[], decider: (gazetteer?: CompiledGazetteer) => (input: ClassifierInput) => Decision): TrainingRow[] {
  const known = decider();
  const unseen = decider(unseenGazetteer(items).gazetteer);
  return items.flatMap((item) => [
    { signals: known(labeledInput(item)).signals, deal: item.is_partnership },
    { signals: unseen(labeledInput(item)).signals, deal: item.is_partnership },
  ]);
}
