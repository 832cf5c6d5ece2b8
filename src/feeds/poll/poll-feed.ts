import type { Logger } from '../../logger';
import type { NewsItem } from '../../news/item';
import { asBacklog } from '../../news/item';
import type { FeedStateStore } from './feed-state-store';
import type { ItemStore } from '../../store/item-store';
import { FeedError, FeedParseError } from '../errors';
import type { FeedState } from './feed-health';
import { recordFailure, recordSuccess } from './feed-health';
import type { FetchFeedOptions } from '../fetch';
import { fetchFeed } from '../fetch';
import { readFeedItems } from '../parse';
import type { FeedSource } from '../types';

export interface PollFeedDeps {
  feedStates: FeedStateStore;
  items: ItemStore;
  log: Logger;
  fetchOptions: Omit<FetchFeedOptions, 'validators'>;
  /** Items published longer ago than this are never new. */
  maxItemAgeMs: number;
  /** At most this many new items per feed per cycle; the rest wait for the next cycle. */
  maxNewPerFeed: number;
  /** A feed's first successful poll hands everything over as backlog: tracked, never posted (off for the demo). */
  seedOnFirstPoll: boolean;
  now: () => Date;
}

export type PollFeedResult =
  | {
      feed: FeedSource;
      outcome: 'polled';
      /** Items to post (fresh, within the per-feed cap). */
      newItems: NewsItem[];
      /** Items only to track: everything of a first poll, and anything older than the age limit. */
      backlog: NewsItem[];
      seeded: boolean;
      deferred: number;
    }
  | { feed: FeedSource; outcome: 'not_modified' }
  | { feed: FeedSource; outcome: 'failed'; error: FeedError; state: FeedState };

/**
 * One feed, once: fetch (conditional), decode, parse, normalise, keep what was never seen, record
 * health. Unseen items are stored as pending before they are returned, so they are never new twice.
 * What may not be posted (a first poll's items, items past the age limit) is still returned, marked
 * as backlog, so that deal timelines know it.
 */
export async function pollFeed(feed: FeedSource, state: FeedState, deps: PollFeedDeps): Promise<PollFeedResult> {
  const started = deps.now();
  try {
    const url = state.movedTo ?? feed.url;
    const fetched = await fetchFeed(url, { ...deps.fetchOptions, validators: state.validators });
    if (fetched.kind === 'not_modified') {
      await deps.feedStates.save(
        recordSuccess(state, started, { validators: fetched.validators, cacheForMs: fetched.cacheForMs }),
      );
      return { feed, outcome: 'not_modified' };
    }
    const { parsed, items: all } = await readFeedItems(fetched.body, fetched.contentType, fetched.finalUrl, feed, started);
    if (parsed.entries.length === 0 && (state.lastItemCount ?? 0) > 0) {
      throw new FeedParseError('the feed has no items any more (truncated or broken)');
    }
    const unseen = await deps.items.filterUnseen(all);
    const seeding = deps.seedOnFirstPoll && !state.seeded;
    const { fresh, stale } = splitByAge(unseen, started, deps.maxItemAgeMs);
    const newItems = seeding ? [] : fresh.slice(0, deps.maxNewPerFeed);
    const backlog = (seeding ? unseen : stale).map(asBacklog);
    await deps.items.addPending([...backlog, ...newItems]);
    const ttlMs = parsed.ttlMinutes ? parsed.ttlMinutes * 60_000 : 0;
    const deferred = seeding ? 0 : fresh.length - newItems.length;
    await deps.feedStates.save({
      ...recordSuccess(state, started, {
        // Items held back by the cap must come round again: no validators and no cache hint, so
        // the next poll fetches the whole feed instead of being told "not modified".
        validators: deferred > 0 ? {} : fetched.validators,
        cacheForMs: deferred > 0 ? 0 : Math.max(fetched.cacheForMs ?? 0, ttlMs),
        itemCount: parsed.entries.length,
        movedTo: fetched.permanentUrl,
      }),
      seeded: true,
    });
    if (deferred > 0) deps.log.info({ feed: feed.url, deferred }, 'new items over the per-feed cap wait for the next cycle');
    return { feed, outcome: 'polled', newItems, backlog, seeded: seeding, deferred };
  } catch (error) {
    if (!(error instanceof FeedError)) throw error;
    const failed = recordFailure(state, started, error);
    await deps.feedStates.save(failed);
    return { feed, outcome: 'failed', error, state: failed };
  }
}

/** Fresh items newest first, undated ones last (they count as fresh: no date to judge them by). */
function splitByAge(items: NewsItem[], now: Date, maxAgeMs: number): { fresh: NewsItem[]; stale: NewsItem[] } {
  const cutoff = now.getTime() - maxAgeMs;
  const time = (item: NewsItem) => (item.published ? Date.parse(item.published) : Number.NaN);
  const fresh = items.filter((item) => !(time(item) < cutoff));
  const stale = items.filter((item) => time(item) < cutoff);
  fresh.sort((a, b) => {
    const [ta, tb] = [time(a), time(b)];
    if (Number.isNaN(ta) || Number.isNaN(tb)) return Number.isNaN(ta) ? (Number.isNaN(tb) ? 0 : 1) : -1;
    return tb - ta;
  });
  return { fresh, stale };
}
