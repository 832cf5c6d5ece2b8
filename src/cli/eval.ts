import { readFileSync } from 'node:fs';
import { createRuleClassifier } from '../deals/classify';
import { evaluateClassifier } from '../deals/evaluation/evaluate';
import { parseLabeledItems } from '../deals/evaluation/labeled-item';
import { formatReport } from './format-eval';

/** `npm run eval -- FILE [--json]`: the classifier's scores on a labeled JSON Lines file. */
function main(argv: string[]): number {
  const json = argv.includes('--json');
  const file = argv.find((a) => !a.startsWith('--'));
  if (!file) {
    console.error('usage: npm run eval -- FILE.jsonl [--json]');
    return 2;
  }
  let items;
  try {
    items = parseLabeledItems(readFileSync(file, 'utf8'));
  } catch (error) {
    console.error(`cannot read ${file}: ${(error as Error).message}`);
    return 2;
  }
  const report = evaluateClassifier(createRuleClassifier(), items);
  process.stdout.write(json ? `${JSON.stringify(report)}\n` : formatReport(report, file));
  return 0;
}

process.exitCode = main(process.argv.slice(2));
