import type { NewsItem } from '../news/item';
import { FeedHttpError } from './errors';
import type { FetchFeedOptions } from './fetch';
import { fetchFeed } from './fetch';
import { readFeedItems } from './parse';
import type { FeedFormat, FeedSource } from './types';

export interface FeedInspection {
  /** The URL after redirects. */
  finalUrl: string;
  format: FeedFormat;
  /** The feed's own title, when it has one. */
  title?: string;
  /** Every usable item, as the poller would see them (newest first where dated). */
  items: NewsItem[];
}

/**
 * Fetches a feed once, unconditionally, and parses it: what `/feeds add` validates with and what
 * `/feeds test` shows. Throws the named FeedError of whatever went wrong.
 */
export async function inspectFeed(
  feed: FeedSource,
  options: Omit<FetchFeedOptions, 'validators'>,
  now = new Date(),
): Promise<FeedInspection> {
  const fetched = await fetchFeed(feed.url, options);
  // A server that answers 304 to a request without validators is broken; say so plainly.
  if (fetched.kind !== 'ok') throw new FeedHttpError(304, feed.url);
  const { parsed, items } = await readFeedItems(fetched.body, fetched.contentType, fetched.finalUrl, feed, now);
  const time = (item: NewsItem) => (item.published ? Date.parse(item.published) : 0);
  return {
    finalUrl: fetched.finalUrl,
    format: parsed.format,
    title: parsed.title,
    items: [...items].sort((a, b) => time(b) - time(a)),
  };
}
