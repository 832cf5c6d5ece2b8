import v8 from 'node:v8';

/**
 * Small statistics for the benchmarks: medians and percentiles of samples, and peak memory. Machines
 * are shared and noisy, so every figure is a median of several runs (or a percentile of many samples)
 * and is set against a baseline measured in the same run.
 */

/** The middle value (the mean of the two middle values for an even count). Throws on no samples. */
export function median(values: readonly number[]): number {
  const sorted = sortedCopy(values);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/**
 * The nearest-rank percentile (p from 0 to 100): the smallest sample with at least p% of the samples
 * at or below it. p99 of 1,000 samples is the 990th smallest. Throws on no samples.
 */
export function percentile(values: readonly number[], p: number): number {
  if (!(p >= 0 && p <= 100)) throw new RangeError(`percentile must be between 0 and 100, not ${p}`);
  const sorted = sortedCopy(values);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1] as number;
}

export interface Distribution {
  n: number;
  min: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  mean: number;
}

/** n, min, p50 (the median), p90, p99, max and mean of a set of samples. */
export function summarize(values: readonly number[]): Distribution {
  const sorted = sortedCopy(values);
  return {
    n: sorted.length,
    min: sorted[0] as number,
    p50: median(sorted),
    p90: percentile(sorted, 90),
    p99: percentile(sorted, 99),
    max: sorted[sorted.length - 1] as number,
    mean: sorted.reduce((sum, v) => sum + v, 0) / sorted.length,
  };
}

function sortedCopy(values: readonly number[]): number[] {
  if (values.length === 0) throw new RangeError('no samples');
  if (values.some((v) => Number.isNaN(v))) throw new RangeError('a sample is NaN');
  return [...values].sort((a, b) => a - b);
}

export const MB = 1024 * 1024;

/** The process's resident set high-water mark since it started, in MB (the kernel's own figure). */
export function peakRssMb(): number {
  return process.resourceUsage().maxRSS / 1024;
}

export interface MemoryInUse {
  /** Resident set, in MB. */
  rssMb: number;
  /** V8 heap in use, in MB. */
  heapUsedMb: number;
}

/**
 * Samples the V8 heap in use every `intervalMs` until stopped, and reports the highest seen (a sample
 * is also taken at start and at stop). Samples fall between event-loop turns, so a purely synchronous
 * stretch is seen only at its ends. The heap only: process.memoryUsage() also reads the resident set
 * from /proc, which at every 5 ms cost up to 5% of a long cycle's CPU, and the peak resident set is the
 * kernel's own figure (peakRssMb()).
 */
export function sampleMemory(intervalMs = 5): { stop(): { heapUsedMb: number } } {
  let heapUsedMb = 0;
  const take = (): void => {
    heapUsedMb = Math.max(heapUsedMb, v8.getHeapStatistics().used_heap_size / MB);
  };
  take();
  const timer = setInterval(take, intervalMs);
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
      take();
      return { heapUsedMb };
    },
  };
}

/** The current rss and heapUsed in MB, after a full collection when the process runs with --expose-gc. */
export function settledMemory(): MemoryInUse {
  collectGarbage();
  const usage = process.memoryUsage();
  return { rssMb: usage.rss / MB, heapUsedMb: usage.heapUsed / MB };
}

export function collectGarbage(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) gc();
}

/** Milliseconds taken by `task` (performance clock). */
export async function timeIt(task: () => unknown): Promise<number> {
  const started = performance.now();
  await task();
  return performance.now() - started;
}
