/** What the deal index holds per deal and per story, and a deal's summary worked out from its reports. */
import { foldStatus } from '../timeline';
import type { DealViewOf, ViewEntry } from '../stories';
import { buildDealView } from '../stories';
import type { DealKind, DealStatus } from '../types';
import { STATUSES } from '../types';
/** A report as a deal view needs it (built when a view is worked out, not kept). */
export interface IndexedEntry extends ViewEntry {
  /** The feed id of the report. */
  feed: number;
}

/**
 * A deal's reports as the index keeps them, oldest first: one array per field (the i-th report
 * across all of them), no object per report, repeated strings shared.
 */
export interface EntryColumns {
  ats: string[];
  /** One digit per report: its status's position in STATUSES. */
  statuses: string;
  /** One '1' (unconfirmed) or '0' per report. */
  unconfirmed: string;
  itemIds: string[];
  /** Positions in `storyIds` (shared by the deals of one snapshot part). */
  storyRefs: number[];
  storyIds: readonly string[];
  /** Positions in `kindLists`. */
  kindRefs: number[];
  kindLists: readonly DealKind[][];
  feeds: number[];
}

/** A deal as one scope sees it, from the index: its view without the reports' text (DealStore reads that). */
export type DealSummary = Omit<DealViewOf<IndexedEntry>, 'latest'>;

/**
 * A deal in the cache: its parties, its reports in columns, and what every query needs precomputed
 * for the unrestricted view. The whole record stays in the store.
 */
export interface IndexedDeal {
  id: string;
  parties: string[];
  reports: EntryColumns;
  /** Distinct feed ids of the deal's reports: a scope that sees them all can use the precomputed view. */
  feeds: number[];
  view: DealSummary;
  lastMs: number;
  /**
   * Views for partial scopes, by which of `feeds` they see ("101"): most servers see a deal through
   * the same feeds (the defaults), so the fold is worked out once per distinct view, not per query.
   */
  partialViews: Map<string, { view: DealSummary; lastMs: number }>;
}

/** A deal's reports as entries, oldest first (for a fold: made when needed, not kept). */
export function dealEntries(deal: Pick<IndexedDeal, 'reports'>): IndexedEntry[] {
  const r = deal.reports;
  return r.ats.map((at, i) => ({
    at,
    status: STATUSES[Number(r.statuses[i])] as DealStatus,
    unconfirmed: r.unconfirmed[i] === '1',
    itemId: r.itemIds[i] as string,
    storyId: r.storyIds[r.storyRefs[i] as number] as string,
    kinds: r.kindLists[r.kindRefs[i] as number] as DealKind[],
    feed: r.feeds[i] as number,
  }));
}

/** The ids of a deal's stories. */
export function dealStoryIds(deal: Pick<IndexedDeal, 'reports'>): string[] {
  return [...new Set(deal.reports.storyRefs)].map((ref) => deal.reports.storyIds[ref] as string);
}

/** The summary of a deal's view over some of its entries; undefined when they are none. */
export function summarize(deal: Pick<IndexedDeal, 'id' | 'parties'>, entries: readonly IndexedEntry[]): DealSummary | undefined {
  const view = buildDealView(deal, entries, foldStatus(entries));
  if (view === undefined) return undefined;
  const { latest: _latest, ...summary } = view;
  return summary;
}

/** A deal as one scope sees it. */
export interface ScopedDeal {
  deal: IndexedDeal;
  view: DealSummary;
  lastMs: number;
}

/** What the index keeps of a story: enough to search, order and scope it; the story itself is read from the store. */
export interface StoryTerms {
  id: string;
  dealId: string;
  /** Sorted term ids of its words, parties, kinds and status. */
  terms: number[];
  /** One (feed, time) per source and per copy of a source. */
  sourceFeeds: number[];
  sourceTimes: number[];
  /** How many sources it has (copies not counted): retention trims old stories to their first. */
  sources: number;
}

export interface IndexedStory extends StoryTerms {
  /** Its number in the postings. */
  slot: number;
  lastMs: number;
}
