import { partyPairKeys } from '../stories';
import type { ClassifiedItem } from './rebuild-deals';

/** Reports tracked in one write of a large batch, at least (a group is never split). */
export const GROUP_BATCH_REPORTS = 250;

/**
 * A large batch of reports (a first cycle's back catalogue) split into smaller batches, each holding
 * every report of the deals it touches. Reports that share a party pair can land on one deal
 * (tracking finds candidates by pair), so they stay together: a group is the reports connected by
 * shared pairs. Groups keep their reports in the order given (oldest first) and come in the order
 * of their first report; a batch is cut between groups once it holds `size` reports. Tracking then
 * reads and writes each deal once per batch, and holds only that batch's deals: over a few
 * thousand reports on a few thousand deals, a batch in the order given touched nearly every deal.
 */
export function batchesByDeal(reports: readonly ClassifiedItem[], size = GROUP_BATCH_REPORTS): ClassifiedItem[][] {
  const parent = new Map<string, string>();
  const root = (key: string): string => {
    let top = key;
    for (let up = parent.get(top); up !== undefined && up !== top; up = parent.get(top)) top = up;
    // Path compression: every key on the way now points at the root.
    for (let at = key; at !== top; ) {
      const next = parent.get(at) as string;
      parent.set(at, top);
      at = next;
    }
    return top;
  };
  const firstKeys = reports.map(({ classification }) => {
    const keys = partyPairKeys(classification.parties);
    for (const key of keys) if (!parent.has(key)) parent.set(key, key);
    for (const key of keys.slice(1)) {
      const a = root(keys[0] as string);
      const b = root(key);
      if (a !== b) parent.set(b, a);
    }
    return keys[0];
  });

  const groups = new Map<string, ClassifiedItem[]>();
  reports.forEach((report, i) => {
    const key = firstKeys[i];
    const group = key === undefined ? `report ${i}` : root(key);
    const list = groups.get(group);
    if (list === undefined) groups.set(group, [report]);
    else list.push(report);
  });

  const batches: ClassifiedItem[][] = [];
  let current: ClassifiedItem[] = [];
  for (const group of groups.values()) {
    current.push(...group);
    if (current.length >= size) {
      batches.push(current);
      current = [];
    }
  }
  if (current.length > 0) batches.push(current);
  return batches;
}
