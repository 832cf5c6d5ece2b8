import { partyKey } from '../classify/canonicalize';
import type { LabeledItem } from './labeled-item';

/**
 * Cross-validation grouped by company: every company falls in one of k folds (a hash of its name); an
 * item is scored in the fold of its first party (items with no party, by a hash of their id); and the
 * model that scores a fold is fitted only on items that share no party with any item of that fold, so
 * no company is ever on both sides.
 */

function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

export interface CompanyFolds {
  k: number;
  /** The fold each item is scored in. */
  fold: number[];
  /** Which items may train the model that scores a fold. */
  trainable(fold: number): boolean[];
}

export function companyFolds(items: readonly LabeledItem[], k = 5): CompanyFolds {
  const companies = items.map((item) => [...new Set(item.parties.map(partyKey))].sort());
  const fold = items.map((item, i) => {
    const first = companies[i]?.[0];
    return hash(first ?? `item:${item.id}`) % k;
  });
  return {
    k,
    fold,
    trainable(f: number): boolean[] {
      const scored = new Set(companies.flatMap((c, i) => (fold[i] === f ? c : [])));
      return items.map((_, i) => fold[i] !== f && !(companies[i] ?? []).some((c) => scored.has(c)));
    },
  };
}
