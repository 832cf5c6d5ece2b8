import type { PartyResolver } from '../parties';
import type { DealView, TimelineView } from '../stories';
import { viewDeal, viewTimeline } from '../stories';
import { viewStory } from '../stories';
import { contentTokens } from '../text';
import { isTrackable, planTracking } from '../stories';
import type { TrackPlan } from '../stories';
import type { Scope, Story } from '../tracking-types';
import type { Classification } from '../types';
import { statusLabel } from '../vocabulary';
import type { NewsItem } from '../../news/item';
import { DealCache } from './deal-cache';
import type { DealIndex } from './deal-index';
import type { DealSummary } from './deal-summary';
import type { DealStorage } from './deal-namespaces';
import { allDirectoryBuckets } from './deal-namespaces';
import { pruneStoriesOfBucket } from './deal-retention';
import type { DealPageOf, ListDealsOptions } from './deal-queries';
import { findDealViews, latestStoryIds, listDealViews, ScopeMask, scopeDeal, searchStoryIds } from './deal-queries';
import { writeTrackedBatch } from './deal-records';
import { readDeals, readStories } from './deal-parts';
import { MemoryRecords } from './memory-records';
import { TrackingCache } from './deal-tracking-cache';
import { itemId } from '../../shared/item-id';
import type { ClassifiedItem, RebuildSummary } from './rebuild-deals';
import { replaceDealRecords, trackInMemory } from './rebuild-deals';
import { batchesByDeal } from './deal-groups';

export type DealPage = DealPageOf<DealView>;

/** An autocomplete choice (Discord's limits: name and value at most 100 characters). */
export interface DealChoice {
  name: string;
  value: string;
}

/**
 * Stories and deals: recording classified items, and every query the commands need. Every query
 * takes the asking server's scope first; nothing outside it is seen, counted or ranked.
 */
export interface DealStore {
  /**
   * Tracks a classified item (partnerships only; null otherwise). Idempotent per item. Delivery
   * turns the plan into posts per server's scope (posts/plan-posts, deals/track-events).
   */
  recordClassifiedItem(item: NewsItem, classification: Classification): Promise<TrackPlan | null>;
  /**
   * Tracks many items (oldest first) as history: a feed's back catalogue, which posts nothing.
   * Faster than one by one: written in batches of whole deals (deal-groups.ts), one write per deal
   * and story touched in each. If it fails part way, the batches written stay (a replay finds their
   * items again). Returns how many items became deal entries.
   */
  recordClassifiedBatch(items: readonly ClassifiedItem[]): Promise<number>;
  getDeal(scope: Scope, dealId: string): Promise<DealView | undefined>;
  /** A deal id (from autocomplete) or free text ("netflix spotify"): the best match. */
  resolveDeal(scope: Scope, text: string): Promise<DealView | undefined>;
  findDeals(scope: Scope, text: string, limit?: number): Promise<DealView[]>;
  /** Newest activity first, with the total for paging. */
  listDeals(scope: Scope, options?: ListDealsOptions): Promise<DealPage>;
  autocompleteDeals(scope: Scope, prefix: string, limit?: number): Promise<DealChoice[]>;
  getTimeline(scope: Scope, dealIdOrText: string): Promise<TimelineView | undefined>;
  latestStories(scope: Scope, options?: { party?: string; limit?: number }): Promise<Story[]>;
  searchStories(scope: Scope, query: string, limit?: number): Promise<Story[]>;
  getStory(scope: Scope, storyId: string): Promise<Story | undefined>;
  /** Replaces every story and deal with those tracked from these items (oldest first). */
  rebuildDeals(items: AsyncIterable<ClassifiedItem> | Iterable<ClassifiedItem>): Promise<RebuildSummary>;
  /**
   * Loads the cache now and waits until it is in step with the store (call it at start-up; queries
   * themselves never wait for a full reload once a cache exists: they answer from the previous one).
   */
  warm(): Promise<void>;
  /**
   * Writes the loaded index as the store's snapshot (what the next start loads instead of every
   * record) when it has moved on, at most every `minIntervalMs`; true when it wrote one.
   */
  saveSnapshot(minIntervalMs?: number): Promise<boolean>;
  /**
   * Retention: trims the stories with reports older than `before` to their first source (deal
   * timelines keep every entry), one directory bucket at a time so that tracking is never held up.
   * `since`: the cut-off of the previous pass (stories wholly older were trimmed then). An abort
   * stops it between buckets. Returns how many stories were trimmed.
   */
  pruneStorySources(before: Date, since?: Date, signal?: AbortSignal): Promise<number>;
}

export interface DealStoreOptions {
  /** Canonical party names found in free text (the classifier's gazetteer); a small alias map otherwise. */
  resolveParties?: PartyResolver;
  /** Reports tracked in one write of recordClassifiedBatch, at least (deal-groups.ts; tests make it small). */
  batchReports?: number;
}

const AUTOCOMPLETE_MAX = 25;
const CHOICE_MAX = 100;

export function createDealStore(ns: DealStorage, options: DealStoreOptions = {}): DealStore {
  const cache = new DealCache(ns);
  const tracking = new TrackingCache(ns);
  const resolver = options.resolveParties;
  let writes: Promise<unknown> = Promise.resolve();

  /**
   * Writes one at a time (tracking reads, decides, then writes): in this process by a queue, and on a
   * store shared by several processes in one transaction under the store's lock for deals, which also
   * makes each write whole (deals, stories, pairs, the revision counter and its log). `committed`
   * hands the result to the caches once the write is committed; a write that fails empties
   * tracking's (what it holds may no longer be what the store has).
   */
  function exclusive<T>(task: () => Promise<T>, committed?: (result: T) => void): Promise<T> {
    const step = async () => {
      const result = await ns.transaction('deals', task).catch((error: unknown) => {
        tracking.clear();
        throw error;
      });
      committed?.(result);
      return result;
    };
    const run = writes.then(step, step);
    writes = run.catch(() => undefined);
    return run;
  }

  async function fetchStories(index: DealIndex, scope: Scope, ids: readonly string[]): Promise<Story[]> {
    if (ids.length === 0) return [];
    const stories = await readStories(ns, ids);
    return stories.flatMap((story) => {
      if (story === undefined) return [];
      const view = viewStory(story, scope, index.deals.get(story.dealId)?.parties);
      return view === undefined ? [] : [view];
    });
  }

  async function resolveId(index: DealIndex, scope: Scope, text: string): Promise<string | undefined> {
    return findDealViews(index, new ScopeMask(index, scope), text, 1, resolver)[0]?.id;
  }

  /**
   * The index ranks and filters deals from what it keeps of them; the views shown are built from the
   * whole records (their reports' titles, links and sources), read from the store: a page at most.
   */
  async function hydrate(scope: Scope, summaries: readonly DealSummary[]): Promise<DealView[]> {
    if (summaries.length === 0) return [];
    const records = await readDeals(ns, summaries.map((s) => s.id));
    return records.flatMap((record) => {
      const view = record === undefined ? undefined : viewDeal(record, scope);
      return view === undefined ? [] : [view];
    });
  }

  /**
   * Tracks reports in one write: read, decide in memory, write, then hand what was written to the
   * caches. `hold`: whether tracking's cache keeps the records (not for a back catalogue's batches of
   * whole deals: the next batch wants other deals). Returns the last plan and how many reports
   * became new deal entries.
   */
  function trackInOneWrite(reports: readonly ClassifiedItem[], hold: boolean): Promise<{ last: TrackPlan | null; tracked: number }> {
    return exclusive(
      async () => {
        const opened = await tracking.open(hold);
        const records = new MemoryRecords(opened.reads);
        let last: TrackPlan | null = null;
        let tracked = 0;
        for (const { item, classification } of reports) {
          const plan = await planTracking(records, { itemId: itemId(item), item, classification });
          if (plan === null) continue;
          // A repeat (replayed after a crash) is written again as it is, which completes its indexes.
          records.apply(plan);
          last = plan;
          if (!plan.repeated) tracked += 1;
        }
        return { last, tracked, records, revisions: await writeTrackedBatch(ns, records, opened.revision) };
      },
      ({ records, revisions }) => {
        tracking.committed(revisions, records, hold);
        if (revisions) cache.applyOwnWrite(revisions.before, revisions.after, records.deals.values(), records.stories.values());
      },
    );
  }

  return {
    async recordClassifiedItem(item, classification) {
      if (!isTrackable(classification)) return null;
      return (await trackInOneWrite([{ item, classification }], true)).last;
    },
    async recordClassifiedBatch(items) {
      let tracked = 0;
      for (const batch of batchesByDeal(items.filter((i) => isTrackable(i.classification)), options.batchReports)) tracked += (await trackInOneWrite(batch, false)).tracked;
      return tracked;
    },
    async getDeal(scope, dealId) {
      const index = await cache.current();
      const deal = index.deals.get(dealId);
      const summary = deal === undefined ? undefined : scopeDeal(deal, new ScopeMask(index, scope))?.view;
      return summary === undefined ? undefined : (await hydrate(scope, [summary]))[0];
    },
    async resolveDeal(scope, text) {
      const index = await cache.current();
      return (await hydrate(scope, findDealViews(index, new ScopeMask(index, scope), text, 1, resolver)))[0];
    },
    async findDeals(scope, text, limit = 10) {
      const index = await cache.current();
      return hydrate(scope, findDealViews(index, new ScopeMask(index, scope), text, limit, resolver));
    },
    async listDeals(scope, listOptions = {}) {
      const index = await cache.current();
      const page = listDealViews(index, new ScopeMask(index, scope), listOptions, resolver);
      return { total: page.total, deals: await hydrate(scope, page.deals) };
    },
    async autocompleteDeals(scope, prefix, limit = AUTOCOMPLETE_MAX) {
      const index = await cache.current();
      const mask = new ScopeMask(index, scope);
      const max = Math.min(limit, AUTOCOMPLETE_MAX);
      const views = prefix.trim() === ''
        ? listDealViews(index, mask, { limit: max }).deals
        : findDealViews(index, mask, prefix, max, resolver, true);
      return views.filter((v) => v.id.length <= CHOICE_MAX).map((v) => ({ name: choiceName(v), value: v.id }));
    },
    async getTimeline(scope, dealIdOrText) {
      const index = await cache.current();
      const id = index.deals.has(dealIdOrText) ? dealIdOrText : await resolveId(index, scope, dealIdOrText);
      const [record] = id === undefined ? [] : await readDeals(ns, [id]);
      return record === undefined ? undefined : viewTimeline(record, scope);
    },
    async latestStories(scope, storyOptions = {}) {
      const index = await cache.current();
      return fetchStories(index, scope, latestStoryIds(index, new ScopeMask(index, scope), storyOptions, resolver));
    },
    async searchStories(scope, query, limit = 10) {
      const index = await cache.current();
      // The index matches words of every source; a story counts only if the sources this scope
      // sees match too, so words from another server's feed never find anything here.
      const ids = searchStoryIds(index, new ScopeMask(index, scope), query, limit * 3);
      const words = new Set(contentTokens(query));
      const visible = (story: Story) =>
        contentTokens([...story.parties, ...story.kinds.map((k) => k.replace('_', ' ')), ...story.sources.flatMap((src) => [src.title, src.summary])].join(' '));
      const stories = await fetchStories(index, scope, ids);
      return stories.filter((story) => visible(story).some((word) => words.has(word))).slice(0, limit);
    },
    async getStory(scope, storyId) {
      const index = await cache.current();
      return (await fetchStories(index, scope, [storyId]))[0];
    },
    async rebuildDeals(items) {
      // Tracked in memory first, outside the store's lock: only the replacement is one transaction.
      const rebuilt = await trackInMemory(items);
      return exclusive(
        () => replaceDealRecords(ns, rebuilt),
        () => cache.invalidate(),
      );
    },
    async warm() {
      await cache.fresh();
    },
    // Under a lock of its own: two processes saving at once would each delete the snapshot they
    // replace and leave the other's parts behind, which no manifest names.
    saveSnapshot: (minIntervalMs = 0) => cache.saveSnapshot(minIntervalMs, (work) => ns.transaction('deal-snapshot', work)),
    async pruneStorySources(before, since, signal) {
      let trimmed = 0;
      for (const bucket of allDirectoryBuckets()) {
        if (signal?.aborted) break;
        const { stories } = await exclusive(
          () => pruneStoriesOfBucket(ns, bucket, before.getTime(), since?.getTime() ?? Number.NEGATIVE_INFINITY),
          ({ stories: trimmedStories, revisions }) => revisions && cache.applyOwnWrite(revisions.before, revisions.after, [], trimmedStories),
        );
        trimmed += stories.length;
      }
      return trimmed;
    },
  };
}


function choiceName(view: Pick<DealSummary, 'label' | 'status' | 'unconfirmed'>): string {
  const status = `${statusLabel(view.status)}${view.unconfirmed ? ' (unconfirmed)' : ''}`;
  const name = `${view.label} — ${status}`;
  return name.length <= CHOICE_MAX ? name : `${view.label.slice(0, CHOICE_MAX - status.length - 4)}… — ${status}`;
}
