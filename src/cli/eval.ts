import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createRuleClassifier } from '../deals/classify';
import { parseLabeledItems } from '../deals/evaluation/labeled-item';
import type { LabeledSet } from '../deals/evaluation/suite';
import { runSuite } from '../deals/evaluation/suite';
import { formatSuite } from './format-suite';
import { findRepoRoot, sharedCorpusPath } from './repo-root';

/**
 * `npm run eval [-- FILE...] [--details] [--json]`: the classifier's scores. Without files: both dev
 * sets of ../shared/corpus, separately and together, unseen companies, calibration, and our own test
 * items (test/deals/fixtures). With files: those files the same way; with one file its misclassified
 * items are listed too (as `--details` does for every set).
 */
const DEV_SETS = ['deals-dev.jsonl', 'deals-dev-2.jsonl'];

function readSet(file: string): LabeledSet {
  return { name: path.basename(file), items: parseLabeledItems(readFileSync(file, 'utf8')) };
}

function ownSets(): LabeledSet[] {
  const dir = path.join(findRepoRoot(__dirname), 'test', 'deals', 'fixtures');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.jsonl'))
    .sort()
    .map((f) => readSet(path.join(dir, f)));
}

function main(argv: string[]): number {
  const json = argv.includes('--json');
  const files = argv.filter((a) => !a.startsWith('--'));
  let sets: LabeledSet[];
  let own: LabeledSet[];
  try {
    sets = (files.length > 0 ? files : DEV_SETS.map((f) => sharedCorpusPath(f))).map(readSet);
    own = files.length > 0 ? [] : ownSets();
  } catch (error) {
    console.error(`cannot read the labeled files: ${(error as Error).message}`);
    console.error('usage: npm run eval [-- FILE.jsonl ...] [--details] [--json]');
    return 2;
  }
  const suite = runSuite(sets, own, (gazetteer) => createRuleClassifier({ gazetteer }));
  const details = argv.includes('--details') || files.length === 1;
  process.stdout.write(json ? `${JSON.stringify(suite)}\n` : formatSuite(suite, { details }));
  return 0;
}

process.exitCode = main(process.argv.slice(2));
