import {
  accuracy,
  binaryCounts,
  bootstrapInterval,
  confusionMatrix,
  createRng,
  microF1,
  precisionRecallF1,
  quantile,
  setCounts,
} from '../../../src/deals/evaluation/metrics';
import { calibrationOf } from '../../../src/deals/evaluation/calibration';

describe('precisionRecallF1', () => {
  it('computes precision, recall and F1 from counts', () => {
    const r = precisionRecallF1({ tp: 8, fp: 2, fn: 8 });
    expect(r.precision).toBeCloseTo(0.8);
    expect(r.recall).toBeCloseTo(0.5);
    expect(r.f1).toBeCloseTo((2 * 0.8 * 0.5) / 1.3);
  });

  it('gives 0 when nothing was found and something was expected', () => {
    expect(precisionRecallF1({ tp: 0, fp: 0, fn: 3 })).toEqual({ precision: 0, recall: 0, f1: 0 });
  });

  it('gives 1 when nothing was expected nor predicted', () => {
    expect(precisionRecallF1({ tp: 0, fp: 0, fn: 0 }).f1).toBe(1);
  });
});

describe('set counts and micro F1', () => {
  it('counts one item', () => {
    expect(setCounts(['a', 'b'], ['b', 'c', 'c'])).toEqual({ tp: 1, fp: 1, fn: 1 });
  });

  it('sums counts before averaging (micro)', () => {
    const r = microF1([
      { gold: ['a', 'b'], predicted: ['a', 'b'] },
      { gold: ['x'], predicted: ['y', 'z'] },
    ]);
    expect(r).toMatchObject({ tp: 2, fp: 2, fn: 1 });
    expect(r.precision).toBeCloseTo(0.5);
    expect(r.recall).toBeCloseTo(2 / 3);
  });
});

describe('binary counts, accuracy and confusion', () => {
  it('counts the four cells', () => {
    expect(binaryCounts([true, true, false, false], [true, false, true, false])).toEqual({ tp: 1, fn: 1, fp: 1, tn: 1 });
  });

  it('measures accuracy and returns null on nothing', () => {
    expect(accuracy(['a', 'b', 'c'], ['a', 'x', 'c'])).toBeCloseTo(2 / 3);
    expect(accuracy([], [])).toBeNull();
  });

  it('puts gold in rows and predictions in columns', () => {
    expect(confusionMatrix(['a', 'a', 'b'], ['a', 'b', 'b'], ['a', 'b'])).toEqual([
      [1, 1],
      [0, 1],
    ]);
  });
});

describe('bootstrap', () => {
  it('is reproducible with a seed and differs with another seed', () => {
    const a = createRng(7);
    const b = createRng(7);
    const c = createRng(8);
    const xs = [a(), a(), a()];
    expect([b(), b(), b()]).toEqual(xs);
    expect([c(), c(), c()]).not.toEqual(xs);
    xs.forEach((x) => expect(x >= 0 && x < 1).toBe(true));
  });

  it('interpolates quantiles', () => {
    expect(quantile([0, 10], 0.5)).toBe(5);
    expect(quantile([1, 2, 3, 4, 5], 0)).toBe(1);
    expect(quantile([1, 2, 3, 4, 5], 1)).toBe(5);
  });

  it('brackets the statistic of the sample', () => {
    const values = Array.from({ length: 200 }, (_, i) => (i % 4 === 0 ? 1 : 0));
    const mean = (idx: number[]): number => idx.reduce((s, i) => s + (values[i] ?? 0), 0) / idx.length;
    const ci = bootstrapInterval(values.length, mean, { seed: 3, resamples: 500 });
    expect(ci).not.toBeNull();
    expect(ci!.low).toBeLessThan(0.25);
    expect(ci!.high).toBeGreaterThan(0.25);
    expect(ci!.high - ci!.low).toBeLessThan(0.2);
    expect(bootstrapInterval(values.length, mean, { seed: 3, resamples: 500 })).toEqual(ci);
  });

  it('skips resamples where the statistic is undefined', () => {
    expect(bootstrapInterval(5, () => null)).toBeNull();
    expect(bootstrapInterval(0, () => 1)).toBeNull();
  });
});

describe('calibration', () => {
  it('is zero when every bin is as right as it says', () => {
    const points = [
      ...Array.from({ length: 10 }, (_, i) => ({ confidence: 0.8, correct: i < 8 })),
      ...Array.from({ length: 4 }, (_, i) => ({ confidence: 0.25, correct: i < 1 })),
    ];
    const c = calibrationOf(points);
    expect(c.ece).toBeCloseTo(0);
    expect(c.bins[8]).toMatchObject({ n: 10, accuracy: 0.8 });
    expect(c.bins[2]).toMatchObject({ n: 4, accuracy: 0.25 });
  });

  it('weights each bin gap by its share of the predictions', () => {
    const points = [
      { confidence: 0.95, correct: false },
      { confidence: 0.95, correct: true },
      { confidence: 0.55, correct: true },
      { confidence: 1, correct: true },
    ];
    const c = calibrationOf(points);
    // bin 9: three points, mean 0.9667, accuracy 2/3; bin 5: one point, 0.55 vs 1
    expect(c.ece).toBeCloseTo((3 / 4) * Math.abs(2 / 3 - 2.9 / 3) + (1 / 4) * 0.45);
    expect(c.bins[9]?.n).toBe(3);
  });

  it('has no error without predictions', () => {
    expect(calibrationOf([]).ece).toBeNull();
  });
});
