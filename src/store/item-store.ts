import type { Keyv } from 'keyv';
import type { NewsItem } from '../news/item';
import { pendingKey } from './item-id';
import { iterateNamespace } from './open-keyv';
import type { SqliteDatabase } from './sqlite-database';
import { dayOf, deleteOldItems, deleteOldSeen, findSeen, readItem, readItems, recordSeen, seenKeys, storeItems } from './sqlite-item-tables';

export { itemId } from './item-id';

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

/** Items per page when every item is read. */
const PAGE = 1000;

export function createItemStore(database: SqliteDatabase, pending: Keyv<NewsItem>): ItemStore {
  const markSeen = async (list: NewsItem[]): Promise<void> => {
    if (list.length === 0) return;
    const today = dayOf(Date.now());
    await database.write((db) => {
      storeItems(db, list);
      recordSeen(db, list.flatMap(seenKeys), today);
    });
  };

  return {
    async filterUnseen(list) {
      if (list.length === 0) return [];
      const today = dayOf(Date.now());
      return database.write((db) => {
        const keys = list.map(seenKeys);
        const found = findSeen(db, keys.flat());
        // A key still in its feed has its day moved forward (at most once a day, not at every poll).
        const stale = [...found].filter(([, day]) => day < today).map(([key]) => Buffer.from(key, 'base64url'));
        recordSeen(db, stale, today);
        return list.filter((_, i) => !(keys[i] ?? []).some((key) => found.has(key.toString('base64url'))));
      });
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
    async get(id) {
      return database.read((db) => readItem(db, id));
    },
    async *all() {
      let after = 0;
      for (;;) {
        const from = after;
        const page = await database.read((db) => readItems(db, from, PAGE));
        for (const { item } of page) yield item;
        if (page.length < PAGE) return;
        after = (page[page.length - 1] as { rowid: number }).rowid;
      }
    },
    async prune(before, limit) {
      return database.write((db) => {
        const items = deleteOldItems(db, before.items.getTime(), limit);
        return items + (items < limit ? deleteOldSeen(db, before.seen.getTime(), limit - items) : 0);
      });
    },
  };
}
