import { createHash } from 'node:crypto';
import type { NewsItem } from '../news/item';

/** A stable id for an item: its feed and its key, hashed to a short fixed-length store key. */
export function itemId(item: Pick<NewsItem, 'feedUrl' | 'key'>): string {
  return hash(`${item.feedUrl}\n${item.key}`);
}

/** The same for an item's canonical link (feeds that rewrite guids keep their links). */
export function linkId(item: Pick<NewsItem, 'feedUrl' | 'link'>): string | undefined {
  return item.link ? hash(`${item.feedUrl}\n${item.link}`) : undefined;
}

/**
 * The first bytes of a hash of a feed's URL: keys of one feed that start with it sort together, so
 * that the rows a poll of one feed writes share pages (sqlite-item-tables.ts).
 */
function feedPrefix(feedUrl: string): Buffer {
  return createHash('sha256').update(feedUrl).digest().subarray(0, 4);
}

/** An item's key among the pending items: its id after its feed's prefix ('.' is not in base64url). */
export function pendingKey(item: Pick<NewsItem, 'feedUrl' | 'key'>): string {
  return `${feedPrefix(item.feedUrl).toString('hex')}.${itemId(item)}`;
}

function hash(text: string): string {
  return createHash('sha256').update(text).digest('base64url').slice(0, 32);
}

const DAY_MS = 86_400_000;
/** Bytes of an item's (or link's) id in its seen key, after the feed's prefix. */
const ITEM_KEY_BYTES = 8;

/** The day (since 1970) of a time, as the seen set keeps it. */
export function dayOf(ms: number): number {
  return Math.floor(ms / DAY_MS);
}

/**
 * The seen-set keys of an item (12 bytes each): its id's and its link's, after its feed's prefix. A
 * feed's keys sort together, and 64 bits per feed leave no collision to expect (sqlite-item-tables.ts).
 */
export function seenKeys(item: NewsItem): Buffer[] {
  const prefix = feedPrefix(item.feedUrl);
  const key = (id: string) => Buffer.concat([prefix, Buffer.from(id, 'base64url').subarray(0, ITEM_KEY_BYTES)]);
  const link = linkId(item);
  return link === undefined ? [key(itemId(item))] : [key(itemId(item)), key(link)];
}
