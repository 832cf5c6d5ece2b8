import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createRuleClassifier } from '../../../src/deals/classify';
import { evaluateClassifier } from '../../../src/deals/evaluation/evaluate';
import { parseLabeledItems } from '../../../src/deals/evaluation/labeled-item';

/** The targets of issue 3 on the dev set (read in place): a regression fails CI. */
const DEV = path.resolve(__dirname, '../../../../shared/corpus/deals-dev.jsonl');

describe('dev set targets', () => {
  const report = evaluateClassifier(createRuleClassifier(), parseLabeledItems(readFileSync(DEV, 'utf8')));

  it('reads the whole dev set', () => {
    expect(report.all.n).toBe(262);
  });

  it('is_partnership F1 >= 0.93', () => {
    expect(report.all.isPartnership.f1).toBeGreaterThanOrEqual(0.93);
  });

  it('status accuracy on true positives >= 0.88', () => {
    expect(report.all.status.accuracy).toBeGreaterThanOrEqual(0.88);
  });

  it('parties F1 >= 0.92', () => {
    expect(report.all.parties.f1).toBeGreaterThanOrEqual(0.92);
  });

  it('kind micro-F1 >= 0.80', () => {
    expect(report.all.kinds.f1).toBeGreaterThanOrEqual(0.8);
  });
});
