import type { Classifier } from '../deals/types';
import { createServerScopes } from '../deals/scope';
import { inspectFeed } from '../feeds/inspect-feed';
import { seedFeed } from '../feeds/poll';
import type { FeedSource } from '../feeds/types';
import type { Logger } from '../logger';
import type { ResumeReport } from '../posts/held-posts';
import type { GuildFeedStore } from '../feeds/guild-feed-store';
import type { Stores } from '../app/stores';
import type { SubscriptionStore } from '../posts/subscription-store';
import type { CommandContext, DealQueries } from './command-context';

/** A command's fetch is shorter than the poller's: a member is waiting for the answer. */
export const COMMAND_FETCH = { timeoutMs: 10_000, maxBytes: 10_000_000 };

export interface CommandContextDeps {
  stores: Pick<Stores, 'feedStates' | 'items'>;
  guildFeeds: GuildFeedStore;
  subscriptions: SubscriptionStore;
  classifier: Classifier;
  deals: DealQueries;
  log: Logger;
  defaultFeeds: () => FeedSource[];
  /** ALLOW_PRIVATE_FEED_HOSTS. */
  allowPrivateFeedHosts: boolean;
  /** For tests: the SSRF guard's rule (e.g. only 127.0.0.1, for a local feed server). */
  isAllowedAddress?: (ip: string) => boolean;
  now?: () => Date;
  /** The delivery loop, for a paused channel's resume. */
  heldPosts?: { resume(guildId: string, channelId: string): Promise<ResumeReport> };
}

/** Wires the context every command gets from the stores and core functions (used by main and tests). */
export function createCommandContext(deps: CommandContextDeps): CommandContext {
  const now = deps.now ?? (() => new Date());
  return {
    log: deps.log,
    now,
    defaultFeeds: deps.defaultFeeds,
    scopeFor: createServerScopes(() => deps.defaultFeeds().map((f) => f.url), deps.guildFeeds),
    guildFeeds: deps.guildFeeds,
    subscriptions: deps.subscriptions,
    feedStates: deps.stores.feedStates,
    inspectFeed: (feed) =>
      inspectFeed(
        feed,
        { ...COMMAND_FETCH, allowPrivateHosts: deps.allowPrivateFeedHosts, isAllowedAddress: deps.isAllowedAddress },
        now(),
      ),
    seedFeed: (feedUrl, items) => seedFeed(deps.stores, feedUrl, items, now()),
    classifier: deps.classifier,
    deals: deps.deals,
    resumeHeldPosts: deps.heldPosts ? (guildId, channelId) => (deps.heldPosts as NonNullable<CommandContextDeps['heldPosts']>).resume(guildId, channelId) : undefined,
  };
}
