import { readdirSync } from 'node:fs';
import path from 'node:path';
import { bundledConfidenceModel } from '../deals/classify/confidence';
import { RULE_CLASSIFIER_NAME, createRuleDecider } from '../deals/classify/rule-classifier';
import type { LabeledSet } from '../deals/evaluation/suite';
import { runSuite } from '../deals/evaluation/suite';
import { formatSuite } from './format-suite';
import { DEV_SETS, readLabeledSet } from './dev-sets';
import { findRepoRoot, sharedCorpusPath } from '../shared/repo-root';

/**
 * `npm run eval [-- FILE...] [--details] [--json]`: the classifier's scores. Without files: both dev
 * sets of ../shared/corpus, separately and together, unseen companies, calibration, and our own test
 * items (test/deals/fixtures). With files: those files the same way; with one file its misclassified
 * items are listed too (as `--details` does for every set).
 */
function ownSets(): LabeledSet[] {
  const dir = path.join(findRepoRoot(__dirname), 'test', 'deals', 'fixtures');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.jsonl'))
    .sort()
    .map((f) => readLabeledSet(path.join(dir, f)));
}

function main(argv: string[]): number {
  const json = argv.includes('--json');
  const files = argv.filter((a) => !a.startsWith('--'));
  let sets: LabeledSet[];
  let own: LabeledSet[];
  try {
    sets = (files.length > 0 ? files : DEV_SETS.map((f) => sharedCorpusPath(f))).map(readLabeledSet);
    own = files.length > 0 ? [] : ownSets();
  } catch (error) {
    console.error(`cannot read the labeled files: ${(error as Error).message}`);
    console.error('usage: npm run eval [-- FILE.jsonl ...] [--details] [--json]');
    return 2;
  }
  const suite = runSuite(sets, own, { name: RULE_CLASSIFIER_NAME, decider: (gazetteer) => createRuleDecider({ gazetteer }), model: bundledConfidenceModel() });
  const details = argv.includes('--details') || files.length === 1;
  process.stdout.write(json ? `${JSON.stringify(suite)}\n` : formatSuite(suite, { details }));
  return 0;
}

process.exitCode = main(process.argv.slice(2));
