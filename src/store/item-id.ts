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

function hash(text: string): string {
  return createHash('sha256').update(text).digest('base64url').slice(0, 32);
}
