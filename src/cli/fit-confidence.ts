import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { createRuleDecider } from '../deals/classify/rule-classifier';
import { fitConfidenceModel, trainingRows } from '../deals/evaluation/fit-confidence';
import { readDevSets } from './dev-sets';
import { findRepoRoot } from '../shared/repo-root';

/**
 * `npm run fit-confidence`: refits the confidence model (src/deals/data/confidence-model.json) on the
 * dev sets, from the rules' decisions with the bundled gazetteer and with one that knows none of the
 * labeled parties (so that confidence also holds for companies the gazetteer has never heard of).
 * Deterministic: run it again on the same data and rules and the file does not change. Refit after
 * any change to the rules or the gazetteer, then check calibration with `npm run eval`.
 */
function main(): number {
  const sets = readDevSets();
  const items = sets.flatMap((s) => s.items);
  const rows = trainingRows(items, (gazetteer) => createRuleDecider({ gazetteer }));
  const model = fitConfidenceModel(rows, { sets: sets.map((s) => s.name), items: items.length, rows: rows.length, gazetteers: ['bundled', 'without the labeled parties'] });
  const file = path.join(findRepoRoot(__dirname), 'src', 'deals', 'data', 'confidence-model.json');
  writeFileSync(file, `${JSON.stringify(model, null, 2)}\n`);
  console.log(`confidence model fitted on ${rows.length} decisions (${items.length} items × 2 gazetteers), written to ${path.relative(process.cwd(), file)}`);
  model.signals.forEach((s, i) => console.log(`  ${s.padEnd(24)} ${(model.weights[i] ?? 0).toFixed(3)}`));
  console.log(`  ${'bias'.padEnd(24)} ${model.bias.toFixed(3)}`);
  return 0;
}

process.exitCode = main();
