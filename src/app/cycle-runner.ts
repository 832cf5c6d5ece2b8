/** One poll cycle, under the poll lease: poll every feed in use → classify → track → queue posts. */
import type { ConsoleSink } from '../console/console-sink';
import { serverFeedSource } from '../feeds/feed-host';
import type { CycleSummary, PollFeedResult } from '../feeds/poll';
import { runPollCycle } from '../feeds/poll';
import type { FeedSource } from '../feeds/types';
import type { Logger } from '../logger';
import type { Metrics } from '../metrics/metrics';
import type { DeliveryLoop } from '../posts/delivery-loop';
import { createNewItemHandler } from '../posts/handle-new-items';
import type { Audience } from '../posts/plan-posts';
import { StoreFailure } from '../shared/store-failure';
import { POLL_DEFAULTS } from './core';
import type { Core } from './core';

/** The deal index's snapshot (what a start loads) is rewritten at most this often, when it moved on. */
const SNAPSHOT_EVERY_MS = 10 * 60_000;

export interface CycleOptions {
  /** Who may get posts: the console's single audience, or every subscription with its scope. */
  audiences: () => Promise<Audience[]>;
  /** Where the cycle's posts are queued; the loop delivers them on its own. */
  delivery: Pick<DeliveryLoop, 'enqueue'>;
  /** Console mode prints each new item and each failing feed. */
  sink?: ConsoleSink;
  seedOnFirstPoll?: boolean;
  signal?: AbortSignal;
  metrics?: Metrics;
}

/** One cycle: poll every feed in use → classify → track → queue posts (delivered by the loop, apart). */
export function createCycleRunner(core: Core, options: CycleOptions): () => Promise<CycleSummary> {
  const { config, stores, log } = core;
  const { sink, metrics } = options;
  const now = () => new Date();
  const onNewItems = createNewItemHandler({
    classifier: core.classifier, deals: core.deals, enqueue: (entries) => options.delivery.enqueue(entries), audiences: options.audiences, log, now,
    onClassified: sink ? (item) => sink.item(item) : undefined,
  });
  const poll = async (signal: AbortSignal) => {
    const serverFeeds = await core.guildFeeds.listAll();
    // Reports from a default feed are marked as such when tracked: every server sees them, even
    // after FEEDS_FILE changes. A feed that is both a default and a server's own counts as a default.
    const defaults = core.defaultFeeds.map((feed): FeedSource => ({ ...feed, isDefault: true }));
    const defaultUrls = new Set(defaults.map((feed) => feed.url));
    const added = [...serverFeeds.keys()].filter((url) => !defaultUrls.has(url)).map(serverFeedSource);
    const feeds = [...defaults, ...added];
    const failedNow: PollFeedResult[] = [];
    const summary = await runPollCycle(feeds, {
      ...POLL_DEFAULTS,
      feedStates: stores.feedStates,
      items: stores.items,
      log,
      fetchOptions: {
        allowPrivateHosts: config.allowPrivateFeedHosts,
        timeoutMs: POLL_DEFAULTS.fetchTimeoutMs,
        maxBytes: POLL_DEFAULTS.maxFeedBytes,
        signal,
      },
      maxItemAgeMs: config.maxItemAgeMs,
      seedOnFirstPoll: options.seedOnFirstPoll ?? true,
      now,
      signal,
      onResult: (result) => {
        metrics?.feedPolled(result);
        if (result.outcome !== 'failed') return;
        failedNow.push(result);
        sink?.feedError(result.feed, result.error, result.state);
      },
      failuresShown: sink !== undefined,
      onNewItems,
    });
    metrics?.cycleFinished(summary, failedNow);
    log.info({ ...summary, waiting: summary.waiting.length }, 'poll cycle finished');
    return summary;
  };
  return async () => {
    // Processes sharing one store take turns polling (the one holding the poll lease; the cycle
    // stops if it is lost); any of them may deliver.
    const polled = await core.turns.run((leaseLost) => poll(options.signal ? AbortSignal.any([options.signal, leaseLost]) : leaseLost));
    if (polled === undefined) log.info('another process holds the poll lease; skipping this cycle');
    const summary = polled ?? { feeds: 0, due: 0, polled: 0, notModified: 0, failed: 0, newItems: 0, backlog: 0, resumed: 0, aborted: false, waiting: [] };
    if (options.signal?.aborted) return summary;
    // Upkeep between cycles, in small steps: retention by the process that polled, and the deal
    // index's snapshot by a process that has the index loaded (Discord mode).
    await upkeep(log, async () => {
      if (polled !== undefined) await core.retention.run(options.signal);
      await core.deals.saveSnapshot(SNAPSHOT_EVERY_MS);
    });
    return summary;
  };
}

/** Store failures stop the cycle as anywhere else; any other failure of upkeep is logged and waits for the next cycle. */
async function upkeep(log: Logger, work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (error) {
    if (error instanceof StoreFailure) throw error;
    log.error({ err: error }, 'store upkeep (retention, deal index snapshot) failed; tried again after the next cycle');
  }
}
