import { createHash } from 'node:crypto';
import type { Keyv } from 'keyv';
import type { NewsItem } from '../news/item';
import { setManyBatched } from './batched-writes';
import { iterateNamespace } from './open-keyv';
import { createKeyedQueue } from './serialise';

/**
 * What Crossover has seen of each feed. An item is seen when its key OR its canonical link was seen
 * in the same feed (feeds that rewrite guids keep their links). New items pass through `pending`
 * until the pipeline downstream has taken them, so a crash between the two loses nothing:
 * pending items are handed over again after a restart (downstream is idempotent per item id).
 */
export interface ItemStore {
  /** Which of these items (of one feed) were never seen, by key or by link. */
  filterUnseen(items: NewsItem[]): Promise<NewsItem[]>;
  /** Marks items seen without reporting them (seeding, too old). */
  markSeen(items: NewsItem[]): Promise<void>;
  /** Records new items as pending, then as seen: after this they are never new again. */
  addPending(items: NewsItem[]): Promise<void>;
  listPending(): Promise<NewsItem[]>;
  completePending(items: NewsItem[]): Promise<void>;
  get(id: string): Promise<NewsItem | undefined>;
}

/** A stable id for an item: its feed and its key, hashed to a short fixed-length store key. */
export function itemId(item: Pick<NewsItem, 'feedUrl' | 'key'>): string {
  return hash(`${item.feedUrl}\n${item.key}`);
}

function linkId(item: Pick<NewsItem, 'feedUrl' | 'link'>): string | undefined {
  return item.link ? hash(`${item.feedUrl}\n${item.link}`) : undefined;
}

function hash(text: string): string {
  return createHash('sha256').update(text).digest('base64url').slice(0, 32);
}

export interface ItemStoreNamespaces {
  items: Keyv<NewsItem>;
  links: Keyv<string>;
  pending: Keyv<NewsItem>;
}

export function createItemStore({ items, links, pending }: ItemStoreNamespaces): ItemStore {
  // Feeds are polled in parallel; their writes go one at a time so each can be one transaction.
  const serialise = createKeyedQueue();
  const markSeen = (list: NewsItem[]): Promise<void> =>
    serialise('write', async () => {
      if (list.length === 0) return;
      await setManyBatched(items, list.map((item) => ({ key: itemId(item), value: item })));
      const linked = list.flatMap((item) => {
        const id = linkId(item);
        return id ? [{ key: id, value: itemId(item) }] : [];
      });
      await setManyBatched(links, linked);
    });

  return {
    async filterUnseen(list) {
      if (list.length === 0) return [];
      const byKey = await items.hasMany(list.map(itemId));
      const linkIds = list.map(linkId);
      const present = linkIds.filter((id): id is string => id !== undefined);
      const byLinkFound = present.length > 0 ? await links.hasMany(present) : [];
      const seenLinks = new Set(present.filter((_, i) => byLinkFound[i]));
      return list.filter((item, i) => !byKey[i] && !(linkIds[i] && seenLinks.has(linkIds[i])));
    },
    markSeen,
    async addPending(list) {
      if (list.length === 0) return;
      await serialise('write', () => setManyBatched(pending, list.map((item) => ({ key: itemId(item), value: item }))));
      await markSeen(list);
    },
    async listPending() {
      const out: NewsItem[] = [];
      for await (const [, item] of iterateNamespace(pending)) out.push(item);
      return out;
    },
    async completePending(list) {
      if (list.length > 0) await pending.deleteMany(list.map(itemId));
    },
    async get(id) {
      return items.get(id);
    },
  };
}
