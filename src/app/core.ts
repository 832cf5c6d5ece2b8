/** What both modes share: the configuration, the stores, the classifier and the delivery loop over the outbox. */
import type { Config } from '../config';
import { createRuleClassifier } from '../deals/classify';
import { createGazetteerPartyResolver } from '../deals/parties';
import type { Classifier } from '../deals/types';
import { loadFeedList } from '../feeds/feed-list';
import type { PollTurns } from '../feeds/poll';
import { createPollTurns } from '../feeds/poll';
import type { FeedSource } from '../feeds/types';
import type { Logger } from '../logger';
import type { Metrics } from '../metrics/metrics';
import type { ChannelDirectory } from '../posts/channel-directory';
import type { DeliveryLoop, DeliveryTuning } from '../posts/delivery-loop';
import { createDeliveryLoop } from '../posts/delivery-loop';
import type { OutboxStore } from '../posts/outbox';
import { queueKeyOf } from '../posts/queue-state';
import type { DeliveryObserver, Transport } from '../posts/transport';
import type { DealStore } from '../deals/service';
import { createDealStores } from './deal-stores';
import type { GuildFeedStore } from '../feeds/guild-feed-store';
import { createGuildFeedStore } from '../feeds/guild-feed-store';
import { namespaceRecords, recordLock } from '../store/open-keyv';
import type { Retention } from './retention';
import { createRetention } from './retention';
import type { Stores } from './stores';
import { openStores } from './stores';
import type { SubscriptionStore } from '../posts/subscription-store';
import { createSubscriptionStore } from '../posts/subscription-store';

/** Tunables of the poller that are not operator settings (PRODUCT.md keeps the env surface small). */
export const POLL_DEFAULTS = {
  concurrency: 8,
  perHostConcurrency: 2,
  jitterMs: 250,
  maxNewPerFeed: 20,
  fetchTimeoutMs: 20_000,
  maxFeedBytes: 10_000_000,
};
/** The poll lease, renewed every 10 s while held: a holder that died loses it after this, and another process polls. */
const POLL_LEASE_MS = 30_000;

/** Everything both modes share: config, logger, stores and the classifier. */
export interface Core {
  config: Config;
  log: Logger;
  stores: Stores;
  deals: DealStore;
  guildFeeds: GuildFeedStore;
  subscriptions: SubscriptionStore;
  outbox: OutboxStore;
  /** Which process polls: the one holding the poll lease. */
  turns: PollTurns;
  retention: Retention;
  classifier: Classifier;
  defaultFeeds: FeedSource[];
}

export function openCore(config: Config, log: Logger, defaultFeeds = loadFeedList(config.feedsFile)): Core {
  const stores = openStores(config.databaseUrl, log);
  const { keyv } = stores;
  const deals = createDealStores(keyv, { resolveParties: createGazetteerPartyResolver() });
  const outbox = keyv.outbox(queueKeyOf);
  return {
    config,
    log,
    stores,
    deals,
    guildFeeds: createGuildFeedStore(namespaceRecords(keyv.namespace('guild-feeds')), recordLock(keyv, 'guild-feeds')),
    subscriptions: createSubscriptionStore(namespaceRecords(keyv.namespace('subscriptions')), recordLock(keyv, 'subscriptions')),
    outbox,
    turns: createPollTurns(keyv.pollLease('poll-cycle', POLL_LEASE_MS), log),
    retention: createRetention({ retentionMs: config.retentionMs, items: stores.items, deals, outbox, log, now: () => new Date() }),
    classifier: createRuleClassifier(),
    defaultFeeds,
  };
}

/** The delivery loop over the core's outbox, for one transport, observed by whoever wants to know. */
export function createDelivery(core: Core, transport: Transport, channels: ChannelDirectory, services: Services = {}): DeliveryLoop {
  const observers = [services.metrics?.posts, services.observe].filter((o): o is DeliveryObserver => o !== undefined);
  const observe: DeliveryObserver = (event) => observers.forEach((o) => o(event));
  return createDeliveryLoop({ outbox: core.outbox, transport, channels, log: core.log, now: () => new Date(), observe, tuning: services.tuning });
}

/** What main (or a test) hands both modes besides the configuration. */
export interface Services {
  /** The feed list checked at start-up (else it is read from FEEDS_FILE again). */
  defaultFeeds?: FeedSource[];
  metrics?: Metrics;
  /** Told every delivery event after it is recorded (besides the metrics). */
  observe?: DeliveryObserver;
  /** Delivery pacing and timing (tests). */
  tuning?: Partial<DeliveryTuning>;
}
