import type { NewsItem } from '../../news/item';
import { dedupeItems, normalizeEntry } from '../../news/normalize';
import { decodeFeedBody } from './decode-body';
import { parseFeed } from './parse-feed';
import type { FeedSource, ParsedFeed } from '../types';

/** Fetched bytes to clean, deduplicated items: decode (gzip, charset), parse, normalise. */
export async function readFeedItems(
  body: Buffer,
  contentType: string | undefined,
  finalUrl: string,
  feed: FeedSource,
  now: Date,
): Promise<{ parsed: ParsedFeed; items: NewsItem[] }> {
  const parsed = await parseFeed(decodeFeedBody(body, contentType), finalUrl);
  const items = dedupeItems(parsed.entries.flatMap((entry) => normalizeEntry(entry, feed, now) ?? []));
  return { parsed, items };
}
