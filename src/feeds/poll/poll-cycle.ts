import type { NewsItem } from '../../news/item';
import { StoreFailure } from '../../shared/store-failure';
import { feedHost } from '../feed-host';
import type { FeedState } from './feed-health';
import { isDue } from './feed-health';
import { createKeyedLimiter, createLimiter } from '../../shared/limit-concurrency';
import type { PollFeedDeps, PollFeedResult } from './poll-feed';
import { pollFeed } from './poll-feed';
import { createBacklogBatches } from './backlog-batches';
import type { FeedSource } from '../types';

export interface PollCycleOptions extends PollFeedDeps {
  /** Feeds fetched at once, overall and per host. */
  concurrency: number;
  perHostConcurrency: number;
  /** Up to this much random delay before each fetch starts, so feeds of one host are not hit in lockstep. */
  jitterMs: number;
  /**
   * Takes the cycle's new items, oldest first, once every feed has been polled (so a deal's reports
   * are tracked in the order they happened, whichever feed answered first). Backlog (NewsItem.backlog:
   * tracked, never posted) comes earlier, feed by feed as each is polled, one batch at a time, so that
   * a first cycle's thousands of old items are never all held at once. Must be idempotent per item:
   * it may see an item again after a crash.
   */
  onNewItems: (items: NewsItem[]) => Promise<void>;
  onResult?: (result: PollFeedResult) => void;
  /** The caller shows each failing feed itself (console mode): the log line about it drops to debug. */
  failuresShown?: boolean;
  signal?: AbortSignal;
}

/** A feed not polled this cycle because it is backing off after failures, or disabled. */
export interface WaitingFeed {
  feed: FeedSource;
  state: FeedState;
}

export interface CycleSummary {
  feeds: number;
  due: number;
  polled: number;
  notModified: number;
  failed: number;
  /** Items to post. */
  newItems: number;
  /** Items only to track (a first poll's, or older than the age limit). */
  backlog: number;
  resumed: number;
  aborted: boolean;
  /** Feeds skipped this cycle because they are backing off or disabled. */
  waiting: WaitingFeed[];
}

/**
 * One poll cycle: first hands over items left pending by an interrupted cycle, then fetches every
 * due feed URL once (however many servers use it), with bounded concurrency overall and per host.
 * One feed's failure never stops the others; a failure of the store does: no further feed is
 * polled, nothing is handed over, and the cycle throws the StoreFailure (what was stored stays as
 * it was: new items are fetched again, or stay pending, for the next cycle).
 */
export async function runPollCycle(feeds: FeedSource[], options: PollCycleOptions): Promise<CycleSummary> {
  const { log } = options;
  const summary: CycleSummary = {
    feeds: feeds.length, due: 0, polled: 0, notModified: 0, failed: 0, newItems: 0, backlog: 0, resumed: 0, aborted: false, waiting: [],
  };
  // Items left pending by an interrupted cycle go first, with this cycle's.
  const collected = await options.items.listPending();
  summary.resumed = collected.length;

  const unique = [...new Map(feeds.map((feed) => [feed.url, feed])).values()];
  const states = await options.feedStates.getMany(unique.map((feed) => feed.url));
  const now = options.now();
  const allowPrivate = options.fetchOptions.allowPrivateHosts;
  const due = unique.flatMap((feed, i) => (states[i] && isDue(states[i], now, allowPrivate) ? [{ feed, state: states[i] }] : []));
  summary.due = due.length;
  summary.waiting = unique.flatMap((feed, i) => {
    const state = states[i];
    if (!state || isDue(state, now, allowPrivate) || (state.consecutiveFailures === 0 && !state.disabled)) return [];
    return [{ feed, state }];
  });
  let storeFailure: StoreFailure | undefined;

  const overall = createLimiter(options.concurrency);
  const perHost = createKeyedLimiter(options.perHostConcurrency);
  // Backlogs are handed over in batches while polling goes on; when tracking is slower than fetching,
  // fetching waits for room instead of piling items up in memory.
  const backlog = createBacklogBatches((items) => handOver(items, options));
  await Promise.all(
    due.map(async ({ feed, state }) => {
      // Jitter staggers the starts; it is slept before taking a slot, so it never holds one.
      if (options.jitterMs > 0) await sleep(Math.random() * options.jitterMs);
      // A host slot first, then an overall one: feeds waiting on a busy host hold no overall slot.
      const handedOver = await perHost(feedHost(feed.url), () =>
        overall(async () => {
          await backlog.room();
          if (options.signal?.aborted || storeFailure) return;
          const result = await pollFeed(feed, state, options).catch((error: unknown) => {
            // A fetch abandoned on shutdown is not the feed's fault; its state is left as it was.
            if (error instanceof StoreFailure) storeFailure ??= error;
            else if (options.signal?.aborted) log.debug({ feed: feed.url }, 'poll abandoned on shutdown');
            else log.error({ err: error, feed: feed.url }, 'unexpected error while polling a feed');
            return undefined;
          });
          if (!result) return;
          options.onResult?.(result);
          if (result.outcome === 'failed') {
            summary.failed += 1;
            // Loud when a feed starts failing or is disabled; quiet while it keeps failing in backoff.
            const { consecutiveFailures, disabled, nextPollAt } = result.state;
            const fields = { feed: feed.url, code: result.error.code, reason: result.error.message, consecutiveFailures, nextPollAt };
            const loud = options.failuresShown ? log.debug.bind(log) : log.warn.bind(log);
            if (disabled) loud({ ...fields, disabledReason: result.state.disabledReason }, 'feed disabled');
            else if (consecutiveFailures <= 1) loud(fields, 'feed failed; backing off');
            else log.debug(fields, 'feed failed again');
            return;
          }
          if (result.outcome === 'not_modified') {
            summary.notModified += 1;
            return;
          }
          summary.polled += 1;
          summary.newItems += result.newItems.length;
          summary.backlog += result.backlog.length;
          collected.push(...result.newItems);
          // Waited for outside the slots: the next feeds are fetched meanwhile.
          return { done: backlog.add(result.backlog) };
        }),
      );
      await handedOver?.done.catch((error: unknown) => {
        // The store failed: no further feed is polled.
        if (error instanceof StoreFailure) storeFailure ??= error;
        throw error;
      });
    }),
  );
  summary.aborted = options.signal?.aborted ?? false;
  if (storeFailure) throw storeFailure;
  if (summary.resumed > 0) log.info({ items: summary.resumed }, 'handing over items left pending by an interrupted cycle');
  await handOver(collected, options);
  return summary;
}

/**
 * Items stay pending until the handler has taken them; a failing handler gets them again next
 * cycle. Oldest first: published time, else when first seen.
 */
async function handOver(items: NewsItem[], options: PollCycleOptions): Promise<void> {
  if (items.length === 0) return;
  const time = (item: NewsItem) => Date.parse(item.published ?? item.firstSeen) || 0;
  const ordered = [...items].sort((a, b) => time(a) - time(b));
  try {
    await options.onNewItems(ordered);
    await options.items.completePending(ordered);
  } catch (error) {
    if (error instanceof StoreFailure) throw error;
    options.log.error({ err: error, items: items.length }, 'new items not handed over; retried next cycle');
  }
}


function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
