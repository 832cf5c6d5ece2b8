import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createRuleClassifier } from '../../../src/deals/classify';
import { evaluateClassifier } from '../../../src/deals/evaluation/evaluate';
import { parseLabeledItems } from '../../../src/deals/evaluation/labeled-item';

/**
 * Items written apart from the dev sets (test/deals/fixtures) to check that the rules generalise:
 * holdout.jsonl (mostly well-known companies), holdout-longtail.jsonl and holdout-longtail-2.jsonl
 * (invented companies the gazetteer cannot know). The floors sit below the measured scores by about the width of their
 * bootstrap intervals, so that a rule that only fits the dev sets shows up here.
 */
const fixture = (name: string): string => path.resolve(__dirname, '../fixtures', name);
const classifier = createRuleClassifier();

describe.each([
  ['holdout.jsonl', { n: 90, f1: 0.9, status: 0.85, parties: 0.9, kinds: 0.75, hardFp: 0.1 }],
  ['holdout-longtail.jsonl', { n: 100, f1: 0.88, status: 0.85, parties: 0.9, kinds: 0.8, hardFp: 0.12 }],
  ['holdout-longtail-2.jsonl', { n: 40, f1: 0.88, status: 0.75, parties: 0.9, kinds: 0.8, hardFp: 0.1 }],
])('%s floors', (file, floor) => {
  const report = evaluateClassifier(classifier, parseLabeledItems(readFileSync(fixture(file), 'utf8')));

  it(`has at least ${floor.n} items`, () => {
    expect(report.all.n).toBeGreaterThanOrEqual(floor.n);
  });

  it(`is_partnership F1 >= ${floor.f1}, hard-negative FP rate <= ${floor.hardFp}`, () => {
    expect(report.all.isPartnership.f1).toBeGreaterThanOrEqual(floor.f1);
    expect(report.all.hardNegativeFpRate.rate).toBeLessThanOrEqual(floor.hardFp);
  });

  it(`status >= ${floor.status}, parties F1 >= ${floor.parties}, kinds micro-F1 >= ${floor.kinds}`, () => {
    expect(report.all.status.accuracy).toBeGreaterThanOrEqual(floor.status);
    expect(report.all.parties.f1).toBeGreaterThanOrEqual(floor.parties);
    expect(report.all.kinds.f1).toBeGreaterThanOrEqual(floor.kinds);
  });
});
