import type { Scope } from './tracking-types';

export type { Scope } from './tracking-types';

/** Everything: for operators, tools and the console (never for one server's answers). */
export const EVERY_FEED: Scope = () => true;

/**
 * A server's view: what came from a default feed (those of today, and those of the time a report was
 * tracked) plus that server's own feeds, nothing else.
 */
export function createScope(defaultFeedUrls: Iterable<string>, serverFeedUrls: Iterable<string> = []): Scope {
  const allowed = new Set<string>([...defaultFeedUrls, ...serverFeedUrls]);
  return (report) => report.fromDefaultFeed === true || allowed.has(report.feedUrl);
}

/** Where a server's own feeds are read from (src/store's guild feed store). */
export interface ServerFeedList {
  list(guildId: string): Promise<readonly { url: string }[]>;
}

/**
 * The one builder of a server's view, for its answers and its posts alike: the default feeds (as
 * they are now) plus the feeds that server added.
 */
export function createServerScopes(defaultFeedUrls: () => Iterable<string>, serverFeeds: ServerFeedList): (guildId: string) => Promise<Scope> {
  return async (guildId) => createScope(defaultFeedUrls(), (await serverFeeds.list(guildId)).map((feed) => feed.url));
}
