import path from 'node:path';
import { readLabeledSet } from '../../src/cli/dev-sets';
import { formatSuite } from '../../src/cli/format-suite';
import { bundledConfidenceModel } from '../../src/deals/classify/confidence';
import { createRuleDecider } from '../../src/deals/classify/rule-classifier';
import { runSuite } from '../../src/deals/evaluation/suite';

/** The report `npm run eval` prints: one row per set, the unseen-companies row, the targets and the reliability tables. */
describe('the evaluation report', () => {
  const fixtures = path.resolve(__dirname, '../deals/fixtures');
  const sets = [readLabeledSet(path.join(fixtures, 'holdout.jsonl')), readLabeledSet(path.join(fixtures, 'holdout-longtail.jsonl'))];
  const suite = runSuite(sets, [], { name: 'rules', decider: (gazetteer) => createRuleDecider({ gazetteer }), model: bundledConfidenceModel(), folds: 3 });
  const text = formatSuite(suite, { details: false });

  it('has a row per set, together and unseen companies', () => {
    expect(text).toMatch(/holdout\.jsonl\s+93\s+48/);
    expect(text).toMatch(/holdout-longtail\.jsonl\s+100\s+50/);
    expect(text).toMatch(/together\s+193\s+98/);
    expect(text).toMatch(/unseen companies \(\d+ left out\)\s+193/);
  });

  it('checks every target and prints the reliability tables', () => {
    expect(text).toContain('Targets (issue 7)');
    expect(text).toMatch(/ECE, every answer \(cross-validated\)\s+\d\.\d{3}\s+<= 0\.08\s+(?:met|MISSED)/);
    expect(text).toContain('Calibration cross-validated by company (3 folds');
    expect(text).toMatch(/0\.9-1\.0\s+\d+\s+0\.\d{3}\s+\d\.\d{3}/);
  });

  it('lists misclassified items with --details', () => {
    expect(formatSuite(suite, { details: true })).toContain('Misclassified items');
  });
});
