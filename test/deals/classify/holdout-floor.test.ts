import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createRuleClassifier } from '../../../src/deals/classify';
import { evaluateClassifier } from '../../../src/deals/evaluation/evaluate';
import { parseLabeledItems } from '../../../src/deals/evaluation/labeled-item';

/**
 * Items written apart from the dev set (test/deals/fixtures/holdout.jsonl) to check that the rules
 * generalise. The floors sit below the measured scores by about the width of their bootstrap
 * intervals, so that a rule that only fits the dev set shows up here.
 */
const HOLDOUT = path.resolve(__dirname, '../fixtures/holdout.jsonl');

describe('holdout floors', () => {
  const report = evaluateClassifier(createRuleClassifier(), parseLabeledItems(readFileSync(HOLDOUT, 'utf8')));

  it('has at least 40 items', () => {
    expect(report.all.n).toBeGreaterThanOrEqual(40);
  });

  it('is_partnership F1 >= 0.85', () => {
    expect(report.all.isPartnership.f1).toBeGreaterThanOrEqual(0.85);
  });

  it('status accuracy >= 0.80', () => {
    expect(report.all.status.accuracy).toBeGreaterThanOrEqual(0.8);
  });

  it('parties F1 >= 0.85', () => {
    expect(report.all.parties.f1).toBeGreaterThanOrEqual(0.85);
  });

  it('kind micro-F1 >= 0.70', () => {
    expect(report.all.kinds.f1).toBeGreaterThanOrEqual(0.7);
  });
});
