/** Metric functions for the classifier evaluation: pure, small and tested (test/deals/evaluation). */
import { createSeededRandom } from '../../shared/seeded-random';

export interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

export interface Prf {
  precision: number;
  recall: number;
  f1: number;
}

/** Precision, recall and F1 from counts; an empty denominator gives 0 (and F1 1 when nothing was expected nor predicted). */
export function precisionRecallF1(c: Counts): Prf {
  const precision = c.tp + c.fp === 0 ? (c.fn === 0 ? 1 : 0) : c.tp / (c.tp + c.fp);
  const recall = c.tp + c.fn === 0 ? (c.fp === 0 ? 1 : 0) : c.tp / (c.tp + c.fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1 };
}

/** Counts for one item's label set against the predicted set (both already canonical). */
export function setCounts(gold: readonly string[], predicted: readonly string[]): Counts {
  const g = new Set(gold);
  const p = new Set(predicted);
  let tp = 0;
  for (const x of p) if (g.has(x)) tp += 1;
  return { tp, fp: p.size - tp, fn: g.size - tp };
}

export function addCounts(list: readonly Counts[]): Counts {
  return list.reduce((a, c) => ({ tp: a.tp + c.tp, fp: a.fp + c.fp, fn: a.fn + c.fn }), { tp: 0, fp: 0, fn: 0 });
}

/** Micro-averaged F1 over items: counts summed first. */
export function microF1(pairs: readonly { gold: readonly string[]; predicted: readonly string[] }[]): Prf & Counts {
  const c = addCounts(pairs.map((p) => setCounts(p.gold, p.predicted)));
  return { ...c, ...precisionRecallF1(c) };
}

/** Binary decision counts: positives are `true`. */
export function binaryCounts(gold: readonly boolean[], predicted: readonly boolean[]): Counts & { tn: number } {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let tn = 0;
  gold.forEach((g, i) => {
    const p = predicted[i] ?? false;
    if (g && p) tp += 1;
    else if (!g && p) fp += 1;
    else if (g && !p) fn += 1;
    else tn += 1;
  });
  return { tp, fp, fn, tn };
}

/** Share of equal pairs; null when there is nothing to compare. */
export function accuracy<T>(gold: readonly T[], predicted: readonly T[]): number | null {
  if (gold.length === 0) return null;
  return gold.filter((g, i) => g === predicted[i]).length / gold.length;
}

/** rows = gold label, columns = predicted label. */
export function confusionMatrix(gold: readonly string[], predicted: readonly string[], labels: readonly string[]): number[][] {
  const matrix = labels.map(() => labels.map(() => 0));
  gold.forEach((g, i) => {
    const r = labels.indexOf(g);
    const c = labels.indexOf(predicted[i] ?? '');
    const row = matrix[r];
    if (row && c >= 0) row[c] = (row[c] ?? 0) + 1;
  });
  return matrix;
}

/** The seeded generator behind the bootstrap (the same seed gives the same intervals). */
export { createSeededRandom as createRng } from '../../shared/seeded-random';

export interface Interval {
  low: number;
  high: number;
}

/** The q-quantile (0..1) of sorted numbers, by linear interpolation. */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  const a = sorted[lo] ?? 0;
  const b = sorted[hi] ?? a;
  return a + (b - a) * (pos - lo);
}

/**
 * Percentile bootstrap 95% interval: resample the n items with replacement `resamples` times and
 * recompute the statistic (null results, e.g. no true positive in a resample, are skipped).
 */
export function bootstrapInterval(
  n: number,
  statistic: (indices: number[]) => number | null,
  options: { resamples?: number; seed?: number } = {},
): Interval | null {
  if (n === 0) return null;
  const rng = createSeededRandom(options.seed ?? 20240601);
  const values: number[] = [];
  const resamples = options.resamples ?? 1000;
  for (let r = 0; r < resamples; r += 1) {
    const indices = Array.from({ length: n }, () => Math.floor(rng() * n));
    const v = statistic(indices);
    if (v !== null && Number.isFinite(v)) values.push(v);
  }
  if (values.length === 0) return null;
  values.sort((a, b) => a - b);
  return { low: quantile(values, 0.025), high: quantile(values, 0.975) };
}
