import type { FeedSource, ParsedEntry } from '../feeds/types';
import { canonicalizeLink } from './canonical-link';
import { capText, titleFromText } from './cap-text';
import { cleanText } from './clean-text';
import type { NewsItem } from './item';
import { itemKey } from './item-key';

export { dedupeItems } from './dedupe-items';

/** Longest summary kept (characters, cut at a word boundary): a Discord embed description holds 4,096. */
export const SUMMARY_MAX_LENGTH = 2000;
/** Longest title kept: an embed title holds 256; the embed builder cuts further. */
export const TITLE_MAX_LENGTH = 300;

/**
 * One parsed entry to a clean NewsItem, or undefined when it has nothing to key on. Text is
 * cleaned (src/news/clean-text.ts); the summary prefers the description/summary and falls back
 * to the content; an entry without a title is titled with the opening words of its summary.
 */
export function normalizeEntry(entry: ParsedEntry, feed: FeedSource, firstSeen: Date): NewsItem | undefined {
  const link = entry.link ? canonicalizeLink(entry.link, feed.url) : undefined;
  const cleanTitle = capText(cleanText(entry.title ?? ''), TITLE_MAX_LENGTH);
  const summary = capText(cleanText(entry.summary ?? '') || cleanText(entry.content ?? ''), SUMMARY_MAX_LENGTH);
  const key = itemKey({ guid: entry.guid, link, title: cleanTitle, summary, published: entry.published });
  if (key === undefined) return undefined;
  return {
    key,
    feedUrl: feed.url,
    feedName: feed.name,
    link,
    title: cleanTitle || titleFromText(summary),
    summary,
    published: entry.published,
    categories: cleanCategories(entry.categories),
    author: cleanText(entry.author ?? '') || undefined,
    firstSeen: firstSeen.toISOString(),
    ...(feed.isDefault ? { fromDefaultFeed: true as const } : {}),
  };
}

function cleanCategories(categories: readonly string[]): string[] {
  return [...new Set(categories.map(cleanText).filter((name) => name !== ''))];
}
