import type { NewsItem } from '../news/item';
import type { GuildFeedStore } from './guild-feed-store';
import type { FeedUrlProblem } from './errors';
import { FeedInvalidUrlError } from './errors';
import { normaliseFeedUrl } from './feed-url';
import type { FeedInspection } from './inspect-feed';
import type { FeedSource } from './types';

/** What adding a server's feed needs: that server's feeds, the defaults, one fetch, the seeding. */
export interface AddServerFeedDeps {
  guildFeeds: Pick<GuildFeedStore, 'list' | 'add'>;
  defaultFeeds(): FeedSource[];
  inspectFeed(feed: FeedSource): Promise<FeedInspection>;
  seedFeed(feedUrl: string, items: NewsItem[]): Promise<void>;
  now(): Date;
}

export interface AddServerFeedRequest {
  guildId: string;
  /** The address as the member typed it. */
  url: string;
  /** The name the member gave, if any. */
  name?: string;
  addedBy: string;
  /** How many feeds a server may add. */
  maxFeeds: number;
  /** Makes a name showable (e.g. one line of at most 100 characters, for Discord's choices). */
  fitName(name: string): string;
  /** Called once the quick checks pass, before the feed is fetched (a command defers its reply). */
  beforeFetch?(): Promise<void>;
}

export type AddServerFeedResult =
  | { added: true; feed: FeedSource; created: boolean; inspection: FeedInspection }
  | { added: false; refused: 'invalid-url'; problem: FeedUrlProblem }
  | { added: false; refused: 'default-feed' }
  | { added: false; refused: 'server-full'; max: number };

/**
 * `/feeds add`: a server follows a feed. The address must be a usable http(s) URL, not one of the
 * default feeds, within the server's limit (each refused as such), and must fetch and parse as a feed
 * (else the FeedError of what went wrong). Its current items are seeded first, so
 * that by the time the poller sees it its back catalogue is taken (as backlog) and nothing old is
 * posted. Adding a feed again without a name keeps the name the server gave it.
 */
export async function addServerFeed(deps: AddServerFeedDeps, request: AddServerFeedRequest): Promise<AddServerFeedResult> {
  let url: string;
  try {
    url = normaliseFeedUrl(request.url);
  } catch (error) {
    if (error instanceof FeedInvalidUrlError) return { added: false, refused: 'invalid-url', problem: error.problem };
    throw error;
  }
  const givenName = request.name?.replace(/\s+/g, ' ').trim();
  if (deps.defaultFeeds().some((f) => f.url === url)) return { added: false, refused: 'default-feed' };
  const own = await deps.guildFeeds.list(request.guildId);
  if (!own.some((f) => f.url === url) && own.length >= request.maxFeeds) return { added: false, refused: 'server-full', max: request.maxFeeds };
  await request.beforeFetch?.();
  const inspection = await deps.inspectFeed({ url, name: givenName || url });
  const existing = own.find((f) => f.url === url);
  const feed: FeedSource = { url, name: request.fitName(givenName || existing?.name || inspection.title || new URL(url).host) };
  await deps.seedFeed(url, inspection.items);
  const created = await deps.guildFeeds.add(request.guildId, { ...feed, addedAt: deps.now().toISOString(), addedBy: request.addedBy });
  return { added: true, feed, created, inspection };
}
