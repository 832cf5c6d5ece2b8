/**
 * How far stated confidence is from observed accuracy: a reliability table (confidence cut into equal
 * bins; per bin the mean confidence and the share that was right) and the expected calibration error,
 * the bins' gaps weighted by how many predictions fall in each.
 */

export interface CalibrationPoint {
  confidence: number;
  correct: boolean;
}

export interface ReliabilityBin {
  low: number;
  high: number;
  n: number;
  /** Mean stated confidence in the bin (null when empty). */
  confidence: number | null;
  /** Share of correct predictions in the bin (null when empty). */
  accuracy: number | null;
}

export interface Calibration {
  n: number;
  /** Expected calibration error: sum over bins of n_bin / n × |accuracy − confidence|. */
  ece: number | null;
  bins: ReliabilityBin[];
}

export function calibrationOf(points: readonly CalibrationPoint[], binCount = 10): Calibration {
  const sums = Array.from({ length: binCount }, () => ({ n: 0, confidence: 0, correct: 0 }));
  for (const p of points) {
    const index = Math.min(binCount - 1, Math.max(0, Math.floor(p.confidence * binCount)));
    const bin = sums[index];
    if (!bin) continue;
    bin.n += 1;
    bin.confidence += p.confidence;
    bin.correct += p.correct ? 1 : 0;
  }
  const bins = sums.map((b, i) => ({
    low: i / binCount,
    high: (i + 1) / binCount,
    n: b.n,
    confidence: b.n ? b.confidence / b.n : null,
    accuracy: b.n ? b.correct / b.n : null,
  }));
  const n = points.length;
  const ece = n === 0 ? null : bins.reduce((sum, b) => sum + (b.n / n) * Math.abs((b.accuracy ?? 0) - (b.confidence ?? 0)), 0);
  return { n, ece, bins };
}
