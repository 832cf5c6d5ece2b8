import type { Classifier } from '../deals/types';
import type { FeedInspection } from '../feeds/inspect-feed';
import type { FeedSource } from '../feeds/types';
import type { Logger } from '../logger';
import type { ResumeReport } from '../posts/held-posts';
import type { NewsItem } from '../news/item';
import type { FeedStateStore } from '../feeds/poll';
import type { GuildFeedStore } from '../feeds/guild-feed-store';
import type { SubscriptionStore } from '../posts/subscription-store';
import type { Scope } from '../deals/tracking-types';
import type { DealStore } from '../deals/service';

/** The deal and story queries commands may run (never recording: that is the pipeline's job). */
export type DealQueries = Pick<
  DealStore,
  'getDeal' | 'resolveDeal' | 'findDeals' | 'listDeals' | 'autocompleteDeals' | 'getTimeline' | 'latestStories' | 'searchStories' | 'getStory'
>;

/**
 * What a command may use: the stores it reads and writes through their typed interfaces, and a few
 * core functions. Never the Keyv instance, never the Client.
 */
export interface CommandContext {
  log: Logger;
  now(): Date;
  /** The operator's default feeds (FEEDS_FILE or the bundled list). */
  defaultFeeds(): FeedSource[];
  /** A server's view: the default feeds plus that server's own feeds. */
  scopeFor(guildId: string): Promise<Scope>;
  guildFeeds: GuildFeedStore;
  subscriptions: SubscriptionStore;
  feedStates: FeedStateStore;
  /** Fetches and parses a feed once (with the SSRF guard and limits), for /feeds add and /feeds test. */
  inspectFeed(feed: FeedSource): Promise<FeedInspection>;
  /** Records a new feed's current items as seen so that adding it posts nothing. */
  seedFeed(feedUrl: string, items: NewsItem[]): Promise<void>;
  classifier: Classifier;
  /** Deals and stories, always asked with the server's scope (scopeFor). */
  deals: DealQueries;
  /**
   * A paused channel was subscribed again: what it kept while paused is delivered, and what it
   * skipped is told (absent where nothing delivers, e.g. some tests).
   */
  resumeHeldPosts?(guildId: string, channelId: string): Promise<ResumeReport>;
}
