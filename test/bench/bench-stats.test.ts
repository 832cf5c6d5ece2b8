import { median, percentile, sampleMemory, summarize } from '../../src/bench/bench-stats';

describe('median', () => {
  it('is the middle sample of an odd count, whatever the order', () => {
    expect(median([9, 1, 5])).toBe(5);
    expect(median([7])).toBe(7);
  });

  it('is the mean of the two middle samples of an even count', () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([10, 20])).toBe(15);
  });

  it('does not reorder the caller’s array', () => {
    const samples = [3, 1, 2];
    median(samples);
    expect(samples).toEqual([3, 1, 2]);
  });

  it('refuses no samples and NaN', () => {
    expect(() => median([])).toThrow(RangeError);
    expect(() => median([1, Number.NaN])).toThrow(RangeError);
  });
});

describe('percentile (nearest rank)', () => {
  const hundred = Array.from({ length: 100 }, (_, i) => 100 - i); // 100 … 1, unsorted on purpose

  it('p99 of 1..100 is 99 and p50 is 50', () => {
    expect(percentile(hundred, 99)).toBe(99);
    expect(percentile(hundred, 50)).toBe(50);
  });

  it('p0 is the minimum and p100 the maximum', () => {
    expect(percentile(hundred, 0)).toBe(1);
    expect(percentile(hundred, 100)).toBe(100);
  });

  it('p99 of 1,000 samples is the 990th smallest: ten slow samples are all above it', () => {
    const samples = [...Array.from({ length: 990 }, () => 1), ...Array.from({ length: 10 }, () => 500)];
    expect(percentile(samples, 99)).toBe(1);
    expect(percentile([...samples, 500], 99)).toBe(500);
  });

  it('rounds the rank up on small sets', () => {
    expect(percentile([1, 2, 3], 50)).toBe(2);
    expect(percentile([1, 2, 3], 34)).toBe(2);
    expect(percentile([1, 2, 3], 33)).toBe(1);
  });

  it('refuses percentiles outside 0..100 and empty sets', () => {
    expect(() => percentile([1], 101)).toThrow(RangeError);
    expect(() => percentile([1], -1)).toThrow(RangeError);
    expect(() => percentile([], 50)).toThrow(RangeError);
  });
});

describe('summarize', () => {
  it('gives n, min, p50, p90, p99, max and mean', () => {
    expect(summarize([5, 1, 4, 2, 3])).toEqual({ n: 5, min: 1, p50: 3, p90: 5, p99: 5, max: 5, mean: 3 });
  });
});

describe('sampleMemory', () => {
  it('reports a positive peak that is at least the memory in use when it stopped', () => {
    const sampler = sampleMemory(1);
    const held = Array.from({ length: 50_000 }, (_, i) => ({ i }));
    const before = process.memoryUsage();
    const peak = sampler.stop();
    expect(held.length).toBe(50_000);
    expect(peak.heapUsedMb * 1024 * 1024).toBeGreaterThanOrEqual(before.heapUsed * 0.9);
  });
});
