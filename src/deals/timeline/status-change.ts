import { foldStatus } from './deal-status';
import type { DealEntry, DealRecord, Scope, Story } from '../tracking-types';
import type { DealStatus } from '../types';

/** A deal's status moved because of a new entry: what delivery posts ("in talks → announced"). */
export interface StatusChange {
  dealId: string;
  from: DealStatus | null;
  to: DealStatus;
  unconfirmed: boolean;
  entry: DealEntry;
}

/** The entries one scope may see. */
export function entriesInScope(entries: readonly DealEntry[], scope: Scope): DealEntry[] {
  return entries.filter((e) => scope(e));
}

/**
 * Whether adding `entry` changed the deal's status as `scope` sees it. `deal` holds the entry already
 * (as returned by tracking). An entry from a feed outside the scope never changes anything.
 */
export function statusChangeFor(deal: DealRecord, entry: DealEntry, scope: Scope): StatusChange | null {
  if (!scope(entry)) return null;
  const visible = entriesInScope(deal.entries, scope);
  const before = foldStatus(visible.filter((e) => e.itemId !== entry.itemId)).current;
  const after = foldStatus(visible.some((e) => e.itemId === entry.itemId) ? visible : [...visible, entry]).current;
  if (after === null || after.status === before?.status) return null;
  return { dealId: deal.id, from: before?.status ?? null, to: after.status, unconfirmed: after.unconfirmed, entry };
}

/** Where a deal stands now, for a post about one of its earlier stories. */
export interface LaterStatus {
  status: DealStatus;
  unconfirmed: boolean;
  /** When the deal reached it. */
  since: string;
}

/**
 * The deal's status as `scope` sees it, when another story moved it on after `story` began (the story
 * is an earlier report: "the deal has since been announced"); null when the story is where it stands.
 */
export function laterStatusThan(deal: DealRecord, story: Story, scope: Scope): LaterStatus | null {
  const current = foldStatus(entriesInScope(deal.entries, scope)).current;
  if (current === null || current.setBy.storyId === story.id || current.status === story.status) return null;
  if (Date.parse(current.since) <= Date.parse(story.firstSeen)) return null;
  return { status: current.status, unconfirmed: current.unconfirmed, since: current.since };
}
