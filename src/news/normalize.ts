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
  const author = cleanText(entry.author ?? '');
  return {
    key: ownCopy(key),
    feedUrl: feed.url,
    feedName: feed.name,
    link: link === undefined ? undefined : ownCopy(link),
    title: ownCopy(cleanTitle || titleFromText(summary)),
    summary: ownCopy(summary),
    published: entry.published === undefined ? undefined : ownCopy(entry.published),
    categories: cleanCategories(entry.categories).map(ownCopy),
    author: author === '' ? undefined : ownCopy(author),
    firstSeen: firstSeen.toISOString(),
    ...(feed.isDefault ? { fromDefaultFeed: true as const } : {}),
  };
}

/**
 * The text as a string of its own. V8 keeps a substring (and a string that was never changed after
 * parsing) as a slice of the text it came from: one short field of an item kept for the rest of the
 * cycle (a new item waits for every feed to be polled) would keep that feed's whole body in memory,
 * about 150 KB each; a 5,000-feed cycle held hundreds of them.
 */
function ownCopy(text: string): string {
  if (text.length < 13) return text;
  const copy = Buffer.from(text, 'utf8').toString('utf8');
  // A lone surrogate does not survive UTF-8: such a rare text is kept as it is.
  return copy === text ? copy : text;
}

function cleanCategories(categories: readonly string[]): string[] {
  return [...new Set(categories.map(cleanText).filter((name) => name !== ''))];
}
