import { readDevSets } from '../../../src/cli/dev-sets';
import type { Signals } from '../../../src/deals/classify/confidence';
import { SIGNALS, bundledConfidenceModel, confidenceOf, dealProbability } from '../../../src/deals/classify/confidence';
import { createRuleDecider } from '../../../src/deals/classify/rule-classifier';
import { companyFolds } from '../../../src/deals/evaluation/company-folds';
import { fitConfidenceModel, trainingRows } from '../../../src/deals/evaluation/fit-confidence';
import type { LabeledItem } from '../../../src/deals/evaluation/labeled-item';
import { createSeededRandom } from '../../../src/shared/seeded-random';

function signals(values: Partial<Signals>): Signals {
  return { ...(Object.fromEntries(SIGNALS.map((s) => [s, 0])) as Signals), ...values };
}

describe('fitting the confidence model', () => {
  // a world where a deal found in the headline is real 90% of the time and one found in the summary 60%
  const rng = createSeededRandom(11);
  const rows = Array.from({ length: 2000 }, (_, i) => {
    const headline = i % 2 === 0;
    return { signals: signals({ deal: 1, route_headline: headline ? 1 : 0 }), deal: rng() < (headline ? 0.9 : 0.6) };
  });

  it('recovers the rate each signal pattern is right at', () => {
    const model = fitConfidenceModel(rows);
    expect(dealProbability(model, signals({ deal: 1, route_headline: 1 }))).toBeCloseTo(0.9, 1);
    expect(dealProbability(model, signals({ deal: 1 }))).toBeCloseTo(0.6, 1);
  });

  it('is deterministic', () => {
    expect(fitConfidenceModel(rows)).toEqual(fitConfidenceModel(rows));
  });

  it('answers a non-deal with the complement, never 0 or 1', () => {
    const model = fitConfidenceModel(rows);
    const p = dealProbability(model, signals({ deal: 1 }));
    expect(confidenceOf(model, false, signals({ deal: 1 }))).toBeCloseTo(1 - p, 2);
    const sure = { ...model, bias: 50 };
    expect(confidenceOf(sure, true, signals({}))).toBe(0.99);
  });
});

describe('cross-validation grouped by company', () => {
  const item = (id: string, parties: string[]): LabeledItem => ({
    id,
    title: id,
    summary: '',
    category: parties.length ? 'positive' : 'hard_negative',
    is_partnership: parties.length > 0,
    parties,
    status: parties.length ? 'announced' : null,
    kind: parties.length ? ['licensing'] : [],
    note: '',
  });
  const items = [
    item('a', ['Zuno', 'Riffly']),
    item('b', ['Riffly', 'Corvid Records']),
    item('c', ['Kestrel Media', 'Loudbox']),
    item('d', ['Tixora', 'Arena Norte']),
    item('e', []),
    item('f', ['Gatepass', 'Harbourline Live']),
    item('g', ['Zuno', 'Tixora']),
  ];

  it('never trains a fold on an item that shares a company with an item it scores', () => {
    const folds = companyFolds(items, 3);
    for (let f = 0; f < 3; f += 1) {
      const train = folds.trainable(f);
      const scored = items.filter((_, i) => folds.fold[i] === f).flatMap((x) => x.parties);
      items.forEach((x, i) => {
        if (train[i]) expect(x.parties.some((p) => scored.includes(p))).toBe(false);
        if (folds.fold[i] === f) expect(train[i]).toBe(false);
      });
    }
  });

  it('scores every item in exactly one fold', () => {
    const folds = companyFolds(items, 3);
    expect(folds.fold).toHaveLength(items.length);
    folds.fold.forEach((f) => expect(f >= 0 && f < 3).toBe(true));
  });
});

describe('the shipped confidence model', () => {
  it('is what npm run fit-confidence fits from the current rules and dev sets (refit after changing them)', () => {
    const items = readDevSets().flatMap((s) => s.items);
    const fitted = fitConfidenceModel(trainingRows(items, (gazetteer) => createRuleDecider({ gazetteer })));
    const shipped = bundledConfidenceModel();
    expect(shipped.signals).toEqual(fitted.signals);
    fitted.weights.forEach((w, i) => expect(shipped.weights[i]).toBeCloseTo(w, 4));
    expect(shipped.bias).toBeCloseTo(fitted.bias, 4);
  });
});
