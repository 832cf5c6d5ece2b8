import { canonicalizePartyName } from '../classify/canonicalize';
import type { CompiledGazetteer } from '../classify/gazetteer';
import { compileGazetteer } from '../classify/gazetteer';
import type { LabeledItem } from './labeled-item';

/** "Unseen companies": the gazetteer without the parties the labeled items name, as if it had never heard of them. */

/** The gazetteer entities that the items name as parties. */
export function labeledParties(items: readonly LabeledItem[]): Set<string> {
  const known = compileGazetteer().entities;
  const names = new Set<string>();
  for (const item of items) {
    for (const party of item.parties) {
      const name = canonicalizePartyName(party);
      if (known.has(name)) names.add(name);
    }
  }
  return names;
}

/** The gazetteer without the parties of the items (what the unseen-companies figures use). */
export function unseenGazetteer(items: readonly LabeledItem[]): { gazetteer: CompiledGazetteer; leftOut: number } {
  const leftOut = labeledParties(items);
  return { gazetteer: compileGazetteer(undefined, { exclude: leftOut }), leftOut: leftOut.size };
}
