import { createPartyMatcher } from '../parties';
import type { PartyMatcher } from '../parties';
import { contentTokens } from '../text';
import { defaultFeedFlag } from '../stories';
import type { DealRecord, FeedRef, Story } from '../tracking-types';
import type { DealKind } from '../types';
import { STATUSES } from '../types';
import type { DealRevision } from './deal-namespaces';
import { EMPTY_REVISION } from './deal-revision';
import type { DealSummary, EntryColumns, IndexedDeal, IndexedStory, StoryTerms } from './deal-summary';
import { dealEntries, summarize } from './deal-summary';
import { ScopedDealLists } from './scoped-deals';
import { includesSorted } from '../../shared/sorted-ids';

/** How many sources' summaries are indexed for search (every source's title is). */
const SUMMARIES_INDEXED = 3;

/**
 * The in-memory index of every deal and story: a cache of the store, loaded from its snapshot (or
 * from the records) on start and kept current through the revision log (deal-cache.ts). Never the
 * only copy of anything, and small: plain arrays of numbers, one copy of each repeated string, no
 * report text (the views shown are built from the records, read when a query answers).
 */
export class DealIndex {
  revision: DealRevision = EMPTY_REVISION;
  /** Every distinct origin of a report (feed URL, and whether it was a default feed then), by feed id. */
  readonly feeds: FeedRef[] = [];
  /** Every term any story has, by term id. */
  readonly terms: string[] = [];
  readonly deals = new Map<string, IndexedDeal>();
  readonly stories = new Map<string, IndexedStory>();
  /** Canonical party name → ids of the deals it is in. */
  readonly partyDeals = new Map<string, Set<string>>();
  /** The stories holding each term (term id → story slots), for search: 4 bytes a slot. */
  private readonly postings: SlotList[] = [];
  /** Stories by slot. */
  readonly storySlots: IndexedStory[] = [];
  /** Per scope: every deal it sees, latest activity first (kept current on every putDeal). */
  readonly scopedDealLists = new ScopedDealLists();
  /** One copy of each id and party name, however many entries and stories repeat it. */
  private readonly strings = new Map<string, string>();
  private readonly kindLists = new Map<string, DealKind[]>();
  private readonly feedIds = new Map<string, number>();
  private readonly termIds = new Map<string, number>();
  private matcher: PartyMatcher | undefined;
  private dealOrder: IndexedDeal[] | undefined;
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

  /** The slots of the stories holding a term. */
  postingsOf(term: number): Uint32Array {
    return this.postings[term]?.view() ?? new Uint32Array(0);
  }

  /** The id of a known term, or undefined (a word no story has). */
  termId(term: string): number | undefined {
    return this.termIds.get(term);
  }

  putDeal(record: DealRecord): void {
    const storyIds: string[] = [];
    const storyRefs = new Map<string, number>();
    const kindLists: DealKind[][] = [];
    const kindRefs = new Map<DealKind[], number>();
    const ref = <K>(key: K, table: K[], refs: Map<K, number>): number => {
      let n = refs.get(key);
      if (n === undefined) {
        n = table.length;
        table.push(key);
        refs.set(key, n);
      }
      return n;
    };
    const e = record.entries;
    this.putIndexedDeal(record.id, record.parties, {
      ats: e.map((entry) => entry.at),
      statuses: e.map((entry) => STATUSES.indexOf(entry.status)).join(''),
      unconfirmed: e.map((entry) => (entry.unconfirmed ? '1' : '0')).join(''),
      itemIds: e.map((entry) => entry.itemId),
      storyRefs: e.map((entry) => ref(this.intern(entry.storyId), storyIds, storyRefs)),
      storyIds,
      kindRefs: e.map((entry) => ref(this.internKinds(entry.kinds), kindLists, kindRefs)),
      kindLists,
      feeds: e.map((entry) => this.feedId(entry)),
    });
  }

  /** A deal from what the index keeps of it (putDeal, or a snapshot, which has its view worked out). */
  putIndexedDeal(id: string, parties: readonly string[], reports: EntryColumns, known?: DealSummary): void {
    const previous = this.deals.get(id);
    const shared = previous?.parties ?? parties.map((p) => this.intern(p));
    const view = known ?? summarize({ id, parties: shared }, dealEntries({ reports }));
    if (view === undefined) return;
    if (previous === undefined) {
      for (const party of shared) {
        const set = this.partyDeals.get(party);
        if (set === undefined) {
          this.partyDeals.set(party, new Set([id]));
          this.matcher = undefined;
        } else set.add(id);
      }
    }
    const feeds = [...new Set(reports.feeds)];
    const indexed: IndexedDeal = { id: this.intern(id), parties: shared, reports, feeds, view, lastMs: Date.parse(view.lastActivity), partialViews: new Map() };
    this.deals.set(id, indexed);
    this.scopedDealLists.update(previous, indexed);
    this.dealOrder = undefined;
  }

  putStory(story: Story): void {
    const terms = this.termsOf(story);
    const reports = story.sources.flatMap((source) => [source, ...(source.copies ?? [])].map((report) => ({ feed: this.feedId(report), at: Date.parse(source.at) })));
    this.putStoryTerms({
      id: this.intern(story.id),
      dealId: this.intern(story.dealId),
      terms,
      sourceFeeds: reports.map((r) => r.feed),
      sourceTimes: reports.map((r) => r.at),
      sources: story.sources.length,
    });
  }

  /**
   * A story from what the index keeps of it (putStory, or a snapshot). Its arrays are kept as they
   * are: exactly their size (an array grown by push keeps room for 16 more), not shared.
   */
  putStoryTerms(story: StoryTerms): void {
    const old = this.stories.get(story.id);
    const slot = old?.slot ?? this.storySlots.length;
    this.updatePostings(slot, old?.terms ?? [], story.terms);
    const { id, dealId, terms, sourceFeeds, sourceTimes, sources } = story;
    let lastMs = Number.NEGATIVE_INFINITY;
    for (const at of sourceTimes) if (at > lastMs) lastMs = at;
    const indexed: IndexedStory = { id, dealId, terms, sourceFeeds, sourceTimes, sources, slot, lastMs };
    this.stories.set(id, indexed);
    this.storySlots[slot] = indexed;
    this.storyOrder = undefined;
  }

  /** Adds terms known elsewhere (a snapshot's) in their order, so that their ids are the same here. */
  addTerms(terms: readonly string[]): void {
    for (const term of terms) this.termIdOf(term);
  }

  /** Known parties (weighted by how many deals they are in), for the forgiving lookup. */
  partyMatcher(): PartyMatcher {
    this.matcher ??= createPartyMatcher([...this.partyDeals.entries()].map(([party, deals]) => [party, deals.size]));
    return this.matcher;
  }

  /** Every deal, latest activity first. */
  dealsByActivity(): readonly IndexedDeal[] {
    this.dealOrder ??= [...this.deals.values()].sort((a, b) => b.lastMs - a.lastMs || (a.id < b.id ? -1 : 1));
    return this.dealOrder;
  }

  /** Every story, latest source first. */
  storiesByActivity(): readonly IndexedStory[] {
    this.storyOrder ??= [...this.stories.values()].sort((a, b) => b.lastMs - a.lastMs || (a.id < b.id ? -1 : 1));
    return this.storyOrder;
  }

  private intern(text: string): string {
    let shared = this.strings.get(text);
    if (shared === undefined) {
      shared = text;
      this.strings.set(text, text);
    }
    return shared;
  }

  private internKinds(kinds: DealKind[]): DealKind[] {
    const key = kinds.join(',');
    let shared = this.kindLists.get(key);
    if (shared === undefined) {
      shared = [...kinds];
      this.kindLists.set(key, shared);
    }
    return shared;
  }

  /** A story's terms only grow as sources are added: new ones are appended; removed ones (retention) filtered out. */
  private updatePostings(slot: number, before: readonly number[], after: readonly number[]): void {
    for (const t of after) {
      if (!includesSorted(before, t)) (this.postings[t] ??= new SlotList()).push(slot);
    }
    for (const t of before) {
      if (!includesSorted(after, t)) this.postings[t]?.remove(slot);
    }
  }

  private termIdOf(term: string): number {
    let id = this.termIds.get(term);
    if (id === undefined) {
      id = this.terms.length;
      this.terms.push(term);
      this.termIds.set(term, id);
    }
    return id;
  }

  private termsOf(story: Story): number[] {
    const words: string[] = [];
    story.sources.forEach((source, i) => {
      words.push(...contentTokens(source.title));
      if (i < SUMMARIES_INDEXED) words.push(...contentTokens(source.summary));
    });
    for (const party of story.parties) words.push(...contentTokens(party));
    for (const kind of story.kinds) words.push(...contentTokens(kind.replace(/_/g, ' ')));
    words.push(...contentTokens(story.status.replace(/_/g, ' ')));
    return [...new Set(words.map((word) => this.termIdOf(word)))].sort((a, b) => a - b);
  }
}

/** A growing list of story slots in a typed array (a plain array takes 8 bytes an element). */
class SlotList {
  private slots = new Uint32Array(4);
  private size = 0;

  push(slot: number): void {
    if (this.size === this.slots.length) {
      const grown = new Uint32Array(this.size * 2);
      grown.set(this.slots);
      this.slots = grown;
    }
    this.slots[this.size] = slot;
    this.size += 1;
  }

  remove(slot: number): void {
    const at = this.view().indexOf(slot);
    if (at < 0) return;
    this.slots.copyWithin(at, at + 1, this.size);
    this.size -= 1;
  }

  view(): Uint32Array {
    return this.slots.subarray(0, this.size);
  }
}
