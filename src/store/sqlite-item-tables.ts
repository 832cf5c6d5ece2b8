import type { NewsItem } from '../news/item';
import type { ItemTables } from './item-store';
import { dayOf, itemId, pendingKey, seenKeys } from '../shared/item-id';
import { deserializeRecord } from './keyv-json';
import type { Connection, SqliteDatabase } from './sqlite-database';
import { statement } from './sqlite-database';

/**
 * The item store's two tables, below Keyv because retention needs what Keyv has not: records found
 * by age, and deleted by age in small batches.
 * - seen (hash, day): the seen-key set, one 12-byte key per item key and per canonical link of a
 *   feed, with the day it was last in its feed: 4 bytes of a hash of the feed's URL, then the first
 *   8 bytes of the item's (or link's) id. A feed's keys sort together, so a poll of a feed writes
 *   the few pages they sit on rather than a page per key; and 64 bits per feed leave no collision to
 *   expect. About 45 bytes a key on disk with its index (an item record takes about 630), so keys
 *   are kept much longer than items: dedupe never needs an item's text.
 * - items (id, at, value): each item as first seen (for rebuilding deals and for reading back),
 *   `at` being when it was first seen.
 */

/** The item tables on the store's one connection: each call one piece of the writer's queue. */
export function sqliteItemTables(database: SqliteDatabase): ItemTables {
  return {
    touchSeen: (keys, today) =>
      database.write((db) => {
        const found = findSeen(db, keys);
        recordSeen(db, [...found].filter(([, day]) => day < today).map(([key]) => Buffer.from(key, 'base64url')), today);
        return new Set(found.keys());
      }),
    storeSeen: (items, today) =>
      database.write((db) => {
        storeItems(db, items);
        recordSeen(db, items.flatMap(seenKeys), today);
      }),
    read: (id) => database.read((db) => readItem(db, id)),
    page: (after, limit) => database.read((db) => readItems(db, after, limit).map(({ rowid, item }) => ({ position: rowid, item }))),
    prune: (before, limit) =>
      database.write((db) => {
        const items = deleteOldItems(db, before.items.getTime(), limit);
        return items + (items < limit ? deleteOldSeen(db, before.seen.getTime(), limit - items) : 0);
      }),
  };
}

/** Of these keys, the ones in the set, with the day each was last seen. */
function findSeen(db: Connection, keys: readonly Buffer[]): Map<string, number> {
  const select = statement(db, 'SELECT day FROM seen WHERE hash = ?');
  const found = new Map<string, number>();
  for (const key of keys) {
    const row = select.get(key) as { day: number } | undefined;
    if (row !== undefined) found.set(key.toString('base64url'), row.day);
  }
  return found;
}

/** Adds keys to the set, or moves their day forward. */
function recordSeen(db: Connection, keys: readonly Buffer[], day: number): void {
  const upsert = statement(db, 'INSERT INTO seen (hash, day) VALUES (?, ?) ON CONFLICT (hash) DO UPDATE SET day = max(day, excluded.day)');
  for (const key of keys) upsert.run(key, day);
}

/** Stores items as first seen (an item stored before keeps its record). */
function storeItems(db: Connection, items: readonly NewsItem[]): void {
  const insert = statement(db, 'INSERT INTO items (id, at, value) VALUES (?, ?, ?) ON CONFLICT (id) DO NOTHING');
  for (const item of items) insert.run(itemId(item), Date.parse(item.firstSeen) || Date.now(), JSON.stringify(item));
}

function readItem(db: Connection, id: string): NewsItem | undefined {
  const row = statement(db, 'SELECT value FROM items WHERE id = ?').get(id) as { value: string } | undefined;
  return row === undefined ? undefined : (JSON.parse(row.value) as NewsItem);
}

/** Up to `limit` items stored after row `after`, in the order they were stored. */
function readItems(db: Connection, after: number, limit: number): { rowid: number; item: NewsItem }[] {
  const rows = statement(db, 'SELECT rowid, value FROM items WHERE rowid > ? ORDER BY rowid LIMIT ?').all(after, limit) as { rowid: number; value: string }[];
  return rows.map((row) => ({ rowid: row.rowid, item: JSON.parse(row.value) as NewsItem }));
}

/** Deletes up to `limit` item records first seen before `beforeMs`, oldest first; how many it deleted. */
function deleteOldItems(db: Connection, beforeMs: number, limit: number): number {
  return statement(db, 'DELETE FROM items WHERE id IN (SELECT id FROM items WHERE at < ? ORDER BY at LIMIT ?)').run(beforeMs, limit).changes;
}

/** Deletes up to `limit` seen keys last seen before the day of `beforeMs`; how many it deleted. */
function deleteOldSeen(db: Connection, beforeMs: number, limit: number): number {
  return statement(db, 'DELETE FROM seen WHERE hash IN (SELECT hash FROM seen WHERE day < ? ORDER BY day LIMIT ?)').run(dayOf(beforeMs), limit).changes;
}

/**
 * Moves the items of a store written before these tables (Keyv records `items:<id>` → NewsItem;
 * `links:<id>` → item id, one for each item with a link) into them, so that nothing seen before is
 * new after an upgrade: each item's keys, its link's among them, go into the seen set. Pending items
 * (`pending:<item id>`) get the key the item store uses now (pendingKey).
 */
export function migrateLegacyItems(db: Connection, keyvTable: string): void {
  const today = dayOf(Date.now());
  const page = db.prepare(`SELECT key, value FROM ${keyvTable} WHERE key > ? AND key < ? ORDER BY key LIMIT 1000`);
  const rekey = db.prepare(`UPDATE ${keyvTable} SET key = ? WHERE key = ?`);
  for (const prefix of ['items', 'pending']) {
    let last = `${prefix}:`;
    for (;;) {
      const rows = page.all(last, `${prefix};`) as { key: string; value: string }[];
      for (const row of rows) {
        const item = deserializeRecord<{ value?: NewsItem }>(row.value).value;
        if (item === undefined) continue;
        if (prefix === 'pending') {
          const key = `pending:${pendingKey(item)}`;
          if (key !== row.key) rekey.run(key, row.key);
          continue;
        }
        storeItems(db, [item]);
        recordSeen(db, seenKeys(item), today);
      }
      if (rows.length < 1000) break;
      last = (rows[rows.length - 1] as { key: string }).key;
    }
  }
  db.prepare(`DELETE FROM ${keyvTable} WHERE (key > 'items:' AND key < 'items;') OR (key > 'links:' AND key < 'links;')`).run();
}
