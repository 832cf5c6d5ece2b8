import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseLabeledItems } from '../deals/evaluation/labeled-item';
import type { LabeledSet } from '../deals/evaluation/suite';
import { sharedCorpusPath } from '../shared/repo-root';

/** The labeled dev sets of ../shared/corpus: what `npm run eval` scores and `npm run fit-confidence` fits on. */
export const DEV_SETS = ['deals-dev.jsonl', 'deals-dev-2.jsonl'];

export function readLabeledSet(file: string): LabeledSet {
  return { name: path.basename(file), items: parseLabeledItems(readFileSync(file, 'utf8')) };
}

export function readDevSets(): LabeledSet[] {
  return DEV_SETS.map((f) => readLabeledSet(sharedCorpusPath(f)));
}
