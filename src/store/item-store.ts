import type { Keyv } from 'keyv';
import type { NewsItem } from '../news/item';
import { dayOf, pendingKey, seenKeys } from '../shared/item-id';
import { iterateNamespace } from './namespace-records';

/**
 * What Crossover has seen of each feed. An item is seen when its key OR its canonical link was seen
 * in the same feed (feeds that rewrite guids keep their links). New items pass through `pending`
 * until the pipeline downstream has taken them, so a crash between the two loses nothing:
 * pending items are handed over again after a restart (downstream is idempotent per item id).
 */
export interface ItemStore {
  /** Which of these items (of one feed) were never seen, by key or by link; the others are marked as still in the feed. */
  filterUnseen(items: NewsItem[]): Promise<NewsItem[]>;
  /** Marks items seen without reporting them (seeding, too old). */
  markSeen(items: NewsItem[]): Promise<void>;
  /** Records new items as pending, then as seen: after this they are never new again. */
  addPending(items: NewsItem[]): Promise<void>;
  listPending(): Promise<NewsItem[]>;
  completePending(items: NewsItem[]): Promise<void>;
  get(id: string): Promise<NewsItem | undefined>;
  /** Every stored item, oldest record first, a page at a time (to rebuild deals from: the items are the source of truth). */
  all(): AsyncGenerator<NewsItem>;
  /**
   * Retention: deletes up to `limit` item records first seen before `items`, then seen keys not in
   * their feed since `seen` (kept much longer: a key is what stops a pruned item from being new
   * again). Returns how many rows went; fewer than `limit` means nothing older is left.
   */
  prune(before: { items: Date; seen: Date }, limit: number): Promise<number>;
}

/**
 * The item tables, as each store keeps them (sqlite-item-tables.ts, postgres/pg-item-tables.ts):
 * - seen: the seen-key set (seenKeys, item-id.ts), each key with the day it was last in its feed;
 * - items: each item as first seen, in the order stored.
 */
export interface ItemTables {
  /** Of these keys, the ones in the set (as base64url); those last seen before `today` are moved to it. */
  touchSeen(keys: readonly Buffer[], today: number): Promise<Set<string>>;
  /** Stores items as first seen (an item stored before keeps its record) and their keys as seen `today`, together. */
  storeSeen(items: readonly NewsItem[], today: number): Promise<void>;
  read(id: string): Promise<NewsItem | undefined>;
  /** Up to `limit` items stored after position `after` (0: from the first), with their positions. */
  page(after: number, limit: number): Promise<{ position: number; item: NewsItem }[]>;
  /** Retention, as ItemStore.prune says. */
  prune(before: { items: Date; seen: Date }, limit: number): Promise<number>;
}

/** Items per page when every item is read. */
const PAGE = 1000;

export function createItemStore(tables: ItemTables, pending: Keyv<NewsItem>): ItemStore {
  const markSeen = async (list: NewsItem[]): Promise<void> => {
    if (list.length > 0) await tables.storeSeen(list, dayOf(Date.now()));
  };

  return {
    async filterUnseen(list) {
      if (list.length === 0) return [];
      const keys = list.map(seenKeys);
      // A key still in its feed has its day moved forward (at most once a day, not at every poll).
      const found = await tables.touchSeen(keys.flat(), dayOf(Date.now()));
      return list.filter((_, i) => !(keys[i] ?? []).some((key) => found.has(key.toString('base64url'))));
    },
    markSeen,
    async addPending(list) {
      if (list.length === 0) return;
      await pending.setMany(list.map((item) => ({ key: pendingKey(item), value: item })));
      await markSeen(list);
    },
    async listPending() {
      const out: NewsItem[] = [];
      for await (const [, item] of iterateNamespace(pending)) out.push(item);
      return out;
    },
    async completePending(list) {
      if (list.length > 0) await pending.deleteMany(list.map(pendingKey));
    },
    get: (id) => tables.read(id),
    async *all() {
      for (let after = 0; ; ) {
        const page = await tables.page(after, PAGE);
        for (const { item } of page) yield item;
        if (page.length < PAGE) return;
        after = (page[page.length - 1] as { position: number }).position;
      }
    },
    prune: (before, limit) => tables.prune(before, limit),
  };
}
