import { createPartyMatcher } from '../deals/parties';
import type { PartyMatcher } from '../deals/parties';
import type { StatusFold } from '../deals/timeline';
import { foldStatus } from '../deals/timeline';
import type { DealView } from '../deals/stories';
import { buildDealView } from '../deals/stories';
import { contentTokens } from '../deals/text';
import { defaultFeedFlag } from '../deals/stories';
import type { DealEntry, DealRecord, FeedRef, Story } from '../deals/tracking-types';
import type { DealRevision } from './deal-namespaces';
import { EMPTY_REVISION } from './deal-revision';
import { ScopedDealLists } from './scoped-deals';

/** A deal in the cache, with what every query needs precomputed for the unrestricted view. */
export interface IndexedDeal {
  record: DealRecord;
  /** The feed id of each entry (same order as record.entries). */
  entryFeeds: number[];
  /** Distinct feed ids of the deal's entries: a scope that sees them all can use the precomputed view. */
  feeds: number[];
  fold: StatusFold<DealEntry>;
  view: DealView;
  lastMs: number;
  /**
   * Views for partial scopes, by which of `feeds` they see ("101"): most servers see a deal through
   * the same feeds (the defaults), so the fold is worked out once per distinct view, not per query.
   */
  partialViews: Map<string, { view: DealView; lastMs: number }>;
}

/** A deal as one scope sees it. */
export interface ScopedDeal {
  deal: IndexedDeal;
  view: DealView;
  lastMs: number;
}

/** A story in the cache: enough to search, order and scope it; the full story is read from the store. */
export interface IndexedStory {
  id: string;
  dealId: string;
  /** Sorted term ids of its words, parties, kinds and status. */
  terms: Uint32Array;
  /** One (feed, time) per source and per copy of a source. */
  sourceFeeds: number[];
  sourceTimes: number[];
  lastMs: number;
}

/** How many sources' summaries are indexed for search (every source's title is). */
const SUMMARIES_INDEXED = 3;

/**
 * The in-memory index of every deal and story: a cache of the store, rebuilt from it on start and
 * kept current through the revision log (deal-cache.ts). Never the only copy of anything.
 */
export class DealIndex {
  revision: DealRevision = EMPTY_REVISION;
  /** Every distinct origin of a report (feed URL, and whether it was a default feed then), by feed id. */
  readonly feeds: FeedRef[] = [];
  readonly deals = new Map<string, IndexedDeal>();
  readonly stories = new Map<string, IndexedStory>();
  /** Canonical party name → ids of the deals it is in. */
  readonly partyDeals = new Map<string, Set<string>>();
  /** The stories holding each term (term id → story slots), for search. */
  readonly postings: number[][] = [];
  /** Stories by slot (a slot is a story's number in the postings). */
  readonly storySlots: IndexedStory[] = [];
  private readonly slotOf = new Map<string, number>();
  private readonly feedIds = new Map<string, number>();
  private readonly termIds = new Map<string, number>();
  private matcher: PartyMatcher | undefined;
  private dealOrder: IndexedDeal[] | undefined;
  /** Per scope: every deal it sees, latest activity first (kept current on every putDeal). */
  readonly scopedDealLists = new ScopedDealLists();
  private storyOrder: IndexedStory[] | undefined;

  feedId(report: FeedRef): number {
    const key = report.fromDefaultFeed ? `default ${report.feedUrl}` : report.feedUrl;
    let id = this.feedIds.get(key);
    if (id === undefined) {
      id = this.feeds.length;
      this.feeds.push({ feedUrl: report.feedUrl, ...defaultFeedFlag(report) });
      this.feedIds.set(key, id);
    }
    return id;
  }

  /** The id of a known term, or undefined (a word no story has). */
  termId(term: string): number | undefined {
    return this.termIds.get(term);
  }

  putDeal(record: DealRecord): void {
    const entryFeeds = record.entries.map((e) => this.feedId(e));
    const fold = foldStatus(record.entries);
    const view = buildDealView(record, record.entries, fold);
    if (view === undefined) return;
    if (!this.deals.has(record.id)) {
      for (const party of record.parties) {
        const set = this.partyDeals.get(party);
        if (set === undefined) {
          this.partyDeals.set(party, new Set([record.id]));
          this.matcher = undefined;
        } else set.add(record.id);
      }
    }
    const previous = this.deals.get(record.id);
    const indexed: IndexedDeal = { record, entryFeeds, feeds: [...new Set(entryFeeds)], fold, view, lastMs: Date.parse(view.lastActivity), partialViews: new Map() };
    this.deals.set(record.id, indexed);
    this.scopedDealLists.update(previous, indexed);
    this.dealOrder = undefined;
  }

  putStory(story: Story): void {
    const old = this.stories.get(story.id);
    const terms = this.termsOf(story);
    let slot = this.slotOf.get(story.id);
    if (slot === undefined) {
      slot = this.storySlots.length;
      this.slotOf.set(story.id, slot);
    }
    this.updatePostings(slot, old?.terms ?? new Uint32Array(0), terms);
    const sourceFeeds: number[] = [];
    const sourceTimes: number[] = [];
    for (const source of story.sources) {
      const at = Date.parse(source.at);
      for (const report of [source, ...(source.copies ?? [])]) {
        sourceFeeds.push(this.feedId(report));
        sourceTimes.push(at);
      }
    }
    const indexed: IndexedStory = { id: story.id, dealId: story.dealId, terms, sourceFeeds, sourceTimes, lastMs: Math.max(...sourceTimes) };
    this.stories.set(story.id, indexed);
    this.storySlots[slot] = indexed;
    this.storyOrder = undefined;
  }

  /** Known parties (weighted by how many deals they are in), for the forgiving lookup. */
  partyMatcher(): PartyMatcher {
    this.matcher ??= createPartyMatcher([...this.partyDeals.entries()].map(([party, deals]) => [party, deals.size]));
    return this.matcher;
  }

  /** Every deal, latest activity first. */
  dealsByActivity(): readonly IndexedDeal[] {
    this.dealOrder ??= [...this.deals.values()].sort((a, b) => b.lastMs - a.lastMs || (a.record.id < b.record.id ? -1 : 1));
    return this.dealOrder;
  }

  /** Every story, latest source first. */
  storiesByActivity(): readonly IndexedStory[] {
    this.storyOrder ??= [...this.stories.values()].sort((a, b) => b.lastMs - a.lastMs || (a.id < b.id ? -1 : 1));
    return this.storyOrder;
  }

  /** A story's terms only grow as sources are added: new ones are appended; removed ones (rare) filtered out. */
  private updatePostings(slot: number, before: Uint32Array, after: Uint32Array): void {
    for (const t of after) {
      if (!hasTerm(before, t)) (this.postings[t] ??= []).push(slot);
    }
    for (const t of before) {
      if (!hasTerm(after, t)) this.postings[t] = (this.postings[t] ?? []).filter((s) => s !== slot);
    }
  }

  private termsOf(story: Story): Uint32Array {
    const words: string[] = [];
    story.sources.forEach((source, i) => {
      words.push(...contentTokens(source.title));
      if (i < SUMMARIES_INDEXED) words.push(...contentTokens(source.summary));
    });
    for (const party of story.parties) words.push(...contentTokens(party));
    for (const kind of story.kinds) words.push(...contentTokens(kind.replace(/_/g, ' ')));
    words.push(...contentTokens(story.status.replace(/_/g, ' ')));
    const ids = new Set<number>();
    for (const word of words) {
      let id = this.termIds.get(word);
      if (id === undefined) {
        id = this.termIds.size;
        this.termIds.set(word, id);
      }
      ids.add(id);
    }
    return Uint32Array.from([...ids].sort((a, b) => a - b));
  }
}

/** Whether a sorted term list holds a term. */
export function hasTerm(terms: Uint32Array, term: number): boolean {
  let lo = 0;
  let hi = terms.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const value = terms[mid] as number;
    if (value === term) return true;
    if (value < term) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}
